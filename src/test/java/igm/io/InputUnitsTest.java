package igm.io;

import igm.InputException;
import org.junit.jupiter.api.Test;

import static igm.io.InputUnits.Quantity.DIMENSIONLESS;
import static igm.io.InputUnits.Quantity.LENGTH;
import static igm.io.InputUnits.Quantity.RATE_FACTOR;
import static igm.io.InputUnits.Quantity.SLIDING_COEFFICIENT;
import static igm.io.InputUnits.Quantity.VELOCITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputUnitsTest {

    private static final double SECONDS_PER_YEAR = 3.15569259747e7;

    @Test
    void lengthsConvertToMetres() {
        assertEquals(1, InputUnits.factor("m", LENGTH, "v"));
        assertEquals(1, InputUnits.factor("metres", LENGTH, "v"));
        assertEquals(1000, InputUnits.factor("km", LENGTH, "v"), 1e-9);
        assertEquals(0.3048, InputUnits.factor("ft", LENGTH, "v"), 1e-12);
        assertEquals(1, InputUnits.factor(null, LENGTH, "v"));
        assertEquals(1, InputUnits.factor(" ", LENGTH, "v"));
    }

    @Test
    void glaciologysAnnumIsAYearNotAnAre() {
        for (String spelling : new String[] {"m a-1", "m yr-1", "m/year", "m year-1", "m a^-1", "m/a"}) {
            assertEquals(1, InputUnits.factor(spelling, VELOCITY, "v"), 1e-12, spelling);
        }
        assertEquals(1000, InputUnits.factor("km a-1", VELOCITY, "v"), 1e-9);
        assertEquals(SECONDS_PER_YEAR, InputUnits.factor("m s-1", VELOCITY, "v"), 1e-3);
        InputException e = assertThrows(InputException.class, () -> InputUnits.factor("m", VELOCITY, "file a.nc: "
                + "variable 'vx'"));
        assertTrue(e.getMessage().contains("file a.nc: variable 'vx' has units 'm', which is not a velocity; expected "
                + "m a-1"), e.getMessage());
    }

    @Test
    void parameterSpellingsOfThisProgramAndIgmAreTakenAsTheyAre() {
        for (String spelling : new String[] {"MPa a^(1/3) m^(-1/3)", "MPa year^(1/3) m^(-1/3)", "km MPa-3 a-1",
                "km MPa-3 year-1"}) {
            assertEquals(1, InputUnits.factor(spelling, SLIDING_COEFFICIENT, "v"), 1e-12, spelling);
        }
        assertEquals(1e-3, InputUnits.factor("m MPa-3 a-1", SLIDING_COEFFICIENT, "v"), 1e-15);
        assertEquals(1, InputUnits.factor("MPa-3 a-1", RATE_FACTOR, "v"), 1e-12);
        assertEquals(1, InputUnits.factor("MPa-3 year-1", RATE_FACTOR, "v"), 1e-12);
        assertEquals(1e18 * SECONDS_PER_YEAR, InputUnits.factor("Pa-3 s-1", RATE_FACTOR, "v"),
                1e-6 * 1e18 * SECONDS_PER_YEAR);
        assertThrows(InputException.class, () -> InputUnits.factor("MPa", RATE_FACTOR, "v"));
    }

    @Test
    void masksAreDimensionless() {
        for (String spelling : new String[] {"1", "", "-", "no unit", "none"}) {
            assertEquals(1, InputUnits.factor(spelling, DIMENSIONLESS, "v"), spelling);
        }
        assertEquals(1, InputUnits.factor(null, DIMENSIONLESS, "v"));
        assertThrows(InputException.class, () -> InputUnits.factor("m", DIMENSIONLESS, "v"));
    }

    @Test
    void degreesAreGeographicAndRefusedAsLengths() {
        for (String spelling : new String[] {"degrees_east", "degrees_north", "degrees", "degree_E", "arc_degree"}) {
            assertTrue(InputUnits.isGeographic(spelling), spelling);
            InputException e = assertThrows(InputException.class, () -> InputUnits.factor(spelling, LENGTH, "x"));
            assertTrue(e.getMessage().contains("reproject"), e.getMessage());
        }
        assertFalse(InputUnits.isGeographic("m"));
        assertFalse(InputUnits.isGeographic(null));
    }

    @Test
    void irradianceAndTheBracedExponentsOfIgmsFiles() {
        for (String spelling : new String[] {"W m-2", "W m^{-2}", "W/m^2", "W m^-2"}) {
            assertEquals(1, InputUnits.factor(spelling, InputUnits.Quantity.IRRADIANCE, "v"), 1e-12, spelling);
        }
        assertEquals(10, InputUnits.factor("mW cm-2", InputUnits.Quantity.IRRADIANCE, "v"), 1e-9);
        assertEquals(1000, InputUnits.factor("km^{1}", LENGTH, "v"), 1e-9);
        InputException e = assertThrows(InputException.class,
                () -> InputUnits.factor("K", InputUnits.Quantity.IRRADIANCE, "file r.nc: variable 'direct_radiation'"));
        assertTrue(e.getMessage().contains("not an irradiance"), e.getMessage());
    }
}
