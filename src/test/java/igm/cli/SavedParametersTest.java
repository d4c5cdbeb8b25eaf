package igm.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parameters a run saves name the paths it used, so that running them again reproduces the run. */
@Tag("regression")
class SavedParametersTest {

    @TempDir
    Path dir;

    @Test
    void theSavedParametersRunAgainIntoTheSameFolder() throws IOException {
        Path input = Path.of("examples", "aletsch", "aletsch.nc").toAbsolutePath();
        Path first = Files.createDirectories(dir.resolve("first"));
        Path params = first.resolve("params.yaml");
        Files.writeString(params, """
                input: {file: %s, coarsen: 4}
                time: {start: 2000, end: 2001}
                iceflow: {method: sia}
                output: {folder: out/run, plots: false}
                """.formatted(input));
        Path folder = first.resolve("out/run").toAbsolutePath().normalize();

        CliRun r = CliRun.igm("run", params.toString(), "--no-progress");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(Files.isRegularFile(folder.resolve("spatial.nc")), "output.folder written in the file is "
                + "relative to the file: " + r.stdout());
        String saved = Files.readString(folder.resolve("params.yaml"));
        assertTrue(saved.contains("folder: \"" + folder + "\""), saved);
        assertTrue(saved.contains("file: \"" + input + "\""), saved);
        try (NetcdfFile nc = NetcdfFile.open(folder.resolve("spatial.nc").toString())) {
            String attribute = nc.findGlobalAttribute("parameters").getStringValue();
            assertTrue(attribute.contains("folder: \"" + folder + "\""), attribute);
        }

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/deeper"));
        Path copy = elsewhere.resolve("params.yaml");
        Files.copy(folder.resolve("params.yaml"), copy);
        delete(folder);
        CliRun again = CliRun.igm("run", copy.toString(), "--no-progress");
        assertEquals(0, again.code(), again.stdout() + again.stderr());
        assertTrue(Files.isRegularFile(folder.resolve("spatial.nc")), "the saved file writes where the run wrote");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(1, files.count(), "nothing written beside the copy");
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
