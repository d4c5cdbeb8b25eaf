package igm.params;

import igm.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
    void invalidYamlIsOneLineNamingTheFileAndWhere() throws IOException {
        Path f = write("time:\n  start: [2000\n");
        InputException e = assertThrows(InputException.class, () -> ParameterFile.load(f, List.of()));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ": not valid YAML: ") && e.getMessage().contains("line 2, column 10")
                && e.getMessage().contains("expected ',' or ']'"), e.getMessage());
    }

    @Test
    void aWholeNumberOutOfRangeIsPrintedAsTheWholeNumberGiven() {
        InputException e = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("input.coarsen=0")));
        assertTrue(e.getMessage().contains("input.coarsen = 0 is out of range"), e.getMessage());
    }

    @Test
    void anInputTimeThatIsNeitherLastNorAYearNamesTheKey() {
        InputException e = assertThrows(InputException.class,
                () -> new igm.io.InputOptions(Path.of("in.nc"), null, null, 1, false, "later"));
        assertTrue(e.getMessage().startsWith("input.time = 'later' (input file in.nc) is not valid"), e.getMessage());
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
    void aPathInTheFileIsRelativeToTheFileAndOneOnTheCommandLineToTheWorkingDirectory() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Files.createDirectories(dir.resolve("sub"));
        Path f = dir.resolve("sub").resolve("params.yaml");
        Files.writeString(f, "input: {file: in.nc}\noutput: {folder: ../out/run}\n");
        Parameters p = ParameterFile.load(f, List.of("iceflow.emulator=emulators/e", "smb.climate_file=c.nc"));
        assertEquals(dir.resolve("sub/in.nc").toAbsolutePath().normalize(), p.path("input.file"));
        assertEquals(dir.resolve("out/run").toAbsolutePath().normalize(), p.path("output.folder"));
        assertEquals(cwd.resolve("emulators/e"), p.path("iceflow.emulator"));
        assertEquals(cwd.resolve("c.nc"), p.path("smb.climate_file"));
        assertEquals(cwd, p.pathBase("iceflow.emulator"));
        assertEquals(dir.resolve("sub").toAbsolutePath(), p.pathBase("output.folder"));

        Parameters overridden = ParameterFile.load(f, List.of("output.folder=elsewhere"));
        assertEquals(cwd.resolve("elsewhere"), overridden.path("output.folder"), "the command line wins, from the cwd");
        Parameters defaults = ParameterFile.load(write("input: {file: in.nc}\n"), List.of());
        assertEquals(cwd.resolve("output"), defaults.path("output.folder"), "a default is relative to the cwd");
    }

    @Test
    void theResolvedDocumentReadFromAnotherFolderGivesTheSamePaths() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Path f = dir.resolve("a").resolve("params.yaml");
        Files.writeString(f, "input: {file: in.nc}\noutput: {folder: out}\ntrain: {data: ../runs}\n");
        Parameters p = ParameterFile.load(f, List.of("iceflow.emulator=emulators/e"));
        Path other = dir.resolve("b/c");
        Files.createDirectories(other);
        Path saved = other.resolve("params.yaml");
        Files.writeString(saved, p.toResolvedYaml());
        Parameters q = ParameterFile.load(saved, List.of());
        for (ParameterSpec s : ParameterRegistry.standard().all()) {
            if (s.type() == ParameterType.PATH) {
                assertEquals(p.path(s.key()), q.path(s.key()), s.key());
                Path used = q.path(s.key());
                assertTrue(used == null || used.isAbsolute(), s.key());
            }
        }
        assertEquals(dir.resolve("a/out").toAbsolutePath().normalize(), q.path("output.folder"));
        assertEquals(p, q);
    }

    @Test
    void theDocumentAsWrittenKeepsFilePathsRelativeAndCommandLinePathsAbsolute() throws IOException {
        Path f = write("input: {file: in.nc}\n");
        Parameters p = ParameterFile.load(f, List.of("output.folder=somewhere"));
        String yaml = p.toYaml();
        assertTrue(yaml.contains("file: \"in.nc\""), yaml);
        assertTrue(yaml.contains("folder: \"" + Path.of("somewhere").toAbsolutePath() + "\""), yaml);
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, yaml);
        assertEquals(p, ParameterFile.load(again, List.of()));
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLine() throws IOException {
        Path f = write("input: {file: in.nc}\ntime:\n  start: 2000\n  end: 2100\n  end: 2050\n");
        InputException e = assertThrows(InputException.class, () -> ParameterFile.load(f, List.of()));
        assertTrue(e.getMessage().contains("params.yaml") && e.getMessage().contains("'time.end' is given twice")
                && e.getMessage().contains("line 5"), e.getMessage());
        Path components = write("input: {file: in.nc}\ntime: {end: 2100}\ntime: {start: 1990}\n");
        InputException c = assertThrows(InputException.class, () -> ParameterFile.load(components, List.of()));
        assertTrue(c.getMessage().contains("'time' is given twice") && c.getMessage().contains("line 3"),
                c.getMessage());
    }

    @Test
    void aTableCellOutOfItsColumnsRangeNamesRowColumnValueAndRange() throws IOException {
        Path f = write("input: {file: in.nc}\nsmb:\n  ela_table:\n    - [1900, 2800, 0.009, 0.005, 2.0]\n"
                + "    - [2000, 1.0e9, 0.009, 0.005, 2.0]\n");
        InputException e = assertThrows(InputException.class, () -> ParameterFile.load(f, List.of()));
        assertTrue(e.getMessage().contains("smb.ela_table row 2, column 'ela' = 1.0E9 is out of range; expected "
                + "in [-1000, 9000] m"), e.getMessage());
        InputException g = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("smb.ela_table=[2000, 2900, -0.009, 0.005, 2.0]")));
        assertTrue(g.getMessage().contains("row 1, column 'gradabl' = -0.009") && g.getMessage().contains("[0, 1] a-1"),
                g.getMessage());
        InputException t = assertThrows(InputException.class,
                () -> ParameterFile.load(null, List.of("smb.climate_modifiers=[[2000, 0, 1], [2100, 80, 1]]")));
        assertTrue(t.getMessage().contains("row 2, column 'delta_temp' = 80.0"), t.getMessage());
    }

    @Test
    void physicalRangesOfNumbersAndListsAreChecked() {
        for (String bad : List.of("smb.paleo_ela0=-1e9", "time.start=1e9", "time.end=-2e6",
                "generate.ela_quantiles=[0.2, 1.5]", "output.plot_times=[2000, 1e9]", "input.crop=[-1, 0, 10, 10]")) {
            String key = bad.substring(0, bad.indexOf('='));
            InputException e = assertThrows(InputException.class, () -> ParameterFile.load(null, List.of(bad)), bad);
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains("out of range"), e.getMessage());
        }
        Parameters fine = ParameterFile.load(null, List.of("smb.ela_table=[[-20000, -500, 0, 0, 0], [2000, 8500, 1, 1,"
                + " 100]]", "time.start=-120000", "time.end=0"));
        assertEquals(-120000.0, fine.number("time.start"));
    }

    @Test
    void everyRegistryDefaultLiesInItsOwnRange() throws IOException {
        Path f = write(ParameterFile.load(null, List.of()).toYaml());
        assertDoesNotThrow(() -> ParameterFile.load(f, List.of()), "every default, read as a given value");
    }

    @Test
    void everyRegistryEntryIsDocumented() {
        for (ParameterSpec s : ParameterRegistry.standard().all()) {
            assertTrue(s.key().contains("."), s.key());
            assertTrue(!s.description().isBlank(), s.key());
        }
    }
}
