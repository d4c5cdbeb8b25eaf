package igm.field;

import igm.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldSpecTest {

    @Test
    void standardFieldsAreKnownByName() {
        assertEquals(FieldSpec.VELBAR_MAG, FieldSpec.standard("velbar_mag"));
        assertEquals("m year-1", FieldSpec.standard("smb").units());
        assertTrue(FieldSpec.standard("smb").longName().contains("ice equivalent"));
        assertEquals("land_ice_surface_specific_mass_balance_rate", FieldSpec.standard("smb").standardName());
        assertEquals("", new FieldSpec("speed", "m year-1", "speed").standardName());
        InputException e = assertThrows(InputException.class, () -> FieldSpec.standard("speed"));
        assertTrue(e.getMessage().contains("'speed'") && e.getMessage().contains("velsurf_mag"));
        assertThrows(InputException.class, () -> new FieldSpec("bad name", "m", "x"));
    }

    @Test
    void vectorComponentsComeInPairs() {
        assertEquals("vbar", FieldSpec.partner("ubar"));
        assertEquals("slopsurfx", FieldSpec.partner("slopsurfy"));
        assertNull(FieldSpec.partner("thk"));
        assertTrue(FieldSpec.isXComponent("uvelbase"));
        assertFalse(FieldSpec.isXComponent("vvelbase"));
        assertFalse(FieldSpec.isXComponent("arrhenius"));
        for (List<FieldSpec> pair : FieldSpec.VECTOR_PAIRS) {
            assertEquals(pair.get(0).units(), pair.get(1).units());
            assertEquals(pair.get(0), FieldSpec.standard(pair.get(0).name()));
            assertEquals(pair.get(1), FieldSpec.standard(pair.get(1).name()));
        }
    }

    @Test
    void namesKeepTheOrderGiven() {
        assertEquals(List.of("thk", "slopsurfx", "ubar"),
                FieldSpec.names(FieldSpec.THK, FieldSpec.SLOPSURFX, FieldSpec.UBAR));
        assertTrue(FieldSpec.THK.is("thk"));
        assertFalse(FieldSpec.THK.is("usurf"));
    }
}
