package igm.io.params;

import igm.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("params.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void nestedFileWithDefaultsAndOverrides() throws IOException {
        Path f = write("""
                input:
                  file: data/in.nc
                  names:
                    usurf: topo
                time:
                  start: 1990
                  end: 2010
                smb:
                  ela_table:
                    - [1900, 2800, 0.009, 0.005, 2.0]
                    - [2000, 2900, 0.009, 0.005, 2.0]
                """);
        Parameters p = ParameterFile.load(f, List.of("time.end=2100", "iceflow.method=emulator"));
        assertEquals(1990.0, p.number("time.start"));
        assertEquals(2100.0, p.number("time.end"));
        assertEquals("emulator", p.string("iceflow.method"));
        assertEquals("topo", p.string("input.names.usurf"));
        assertEquals("", p.string("input.names.thk"));
        assertEquals(dir.resolve("data/in.nc").toAbsolutePath().normalize(), p.path("input.file"));
        assertEquals(0.3, p.number("thickness.cfl"));
        double[][] table = p.table("smb.ela_table");
        assertEquals(2, table.length);
        assertArrayEquals(new double[]{2000, 2900, 0.009, 0.005, 2.0}, table[1]);
        assertNull(p.path("iceflow.emulator"));
    }

    @Test
    void yamlRoundTripGivesEqualParameters() throws IOException {
        Path f = write("input: {file: in.nc}\nsmb: {ela_table: [2000, 3000, 0.01, 0.004, 1.5]}\n"
                + "output: {plot_times: [2000, 2050]}\n");
        Parameters p = ParameterFile.load(f, List.of("run.name=my run \"quoted\""));
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, p.toYaml());
        Parameters q = ParameterFile.load(again, List.of());
        assertEquals(p, q);
        assertEquals("my run \"quoted\"", q.string("run.name"));
    }

    @Test
    void unknownKeyListsTheValidKeysOfItsComponent() throws IOException {
        Path f = write("input: {file: in.nc}\ntime:\n  ends: 2100\n");
        InputException e = assertThrows(InputException.class, () -> ParameterFile.load(f, List.of()));
        assertTrue(e.getMessage().contains("params.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("time.ends"), e.getMessage());
        assertTrue(e.getMessage().contains("time.start, time.end, time.max_step"), e.getMessage());
    }

    @Test
    void unknownComponentListsTheComponents() throws IOException {
        Path f = write("input: {file: in.nc}\nclimate:\n  temp: 3\n");
        InputException e = assertThrows(InputException.class, () -> ParameterFile.load(f, List.of()));
        assertTrue(e.getMessage().contains("'climate'") && e.getMessage().contains("iceflow"), e.getMessage());
    }

    @Test
    void unknownOverrideKeyIsRejected() {
        InputException e = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("input.file=a.nc", "smb.ela=3000")));
        assertTrue(e.getMessage().contains("smb.ela") && e.getMessage().contains("smb.ela_table"), e.getMessage());
    }

    @Test
    void outOfRangeAndWrongTypeValuesNameKeyAndValue() throws IOException {
        Path f = write("input: {file: in.nc}\nthickness: {cfl: 1.5}\n");
        InputException e = assertThrows(InputException.class, () -> ParameterFile.load(f, List.of()));
        assertTrue(e.getMessage().contains("thickness.cfl = 1.5") && e.getMessage().contains("[1.0E-6, 1]"),
                e.getMessage());

        InputException t = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("input.file=a.nc", "time.end=soon")));
        assertTrue(t.getMessage().contains("time.end") && t.getMessage().contains("soon"), t.getMessage());

        InputException c = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("input.file=a.nc", "iceflow.method=stokes")));
        assertTrue(c.getMessage().contains("stokes") && c.getMessage().contains("sia, ssa, hybrid, blatter, emulator"), c.getMessage());

        InputException r = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("input.file=a.nc", "smb.ela_table=[[2000, 3000]]")));
        assertTrue(r.getMessage().contains("smb.ela_table") && r.getMessage().contains("gradabl"), r.getMessage());
    }

    @Test
    void timeOrder() {
        InputException t = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("input.file=a.nc", "time.end=1990")));
        assertTrue(t.getMessage().contains("time.end") && t.getMessage().contains("time.start"), t.getMessage());
        assertEquals(2000.0, ParameterFile.load(null, List.of("input.file=a.nc", "time.start=2000", "time.end=2000"))
                .number("time.end"), "time.end = time.start is a diagnostic run");
    }

    @Test
    void everyRegistryEntryIsDocumented() {
        for (ParameterSpec s : ParameterRegistry.standard().all()) {
            assertTrue(s.key().contains("."), s.key());
            assertTrue(!s.description().isBlank(), s.key());
        }
    }
}
