package igm.cli;

import igm.run.RunOutputs;
import igm.io.TinyNetcdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output folder of {@code igm run}: a folder holding another run's outputs is refused before anything is read or
 * computed, unless {@code --overwrite} is given, which removes exactly the files the program writes; output times
 * 1e-6 a apart are distinct frames; and the runaway check can be switched off.
 */
class RunFolderTest {

    private static final double[] X = {0, 100, 200, 300};
    private static final double[] Y = {0, 100, 200};
    private static final double[][] SURFACE = {{3000, 2990, 2980, 2970}, {3010, 3000, 2990, 2980},
            {3020, 3010, 3000, 2990}};
    private static final double[][] THICKNESS = {{0, 10, 20, 0}, {0, 30, 40, 0}, {0, 0, 0, 0}};

    @TempDir
    Path dir;

    private CliRun run(Path input, Path folder, boolean overwrite, String... sets) {
        List<String> args = new ArrayList<>(List.of("run", RunCommandTest.EXAMPLE.toString(), "--no-progress",
                "--set", "input.file=" + input.toAbsolutePath(), "--set", "iceflow.method=sia",
                "--set", "output.folder=" + folder, "--set", "output.interval=1"));
        if (overwrite) {
            args.add("--overwrite");
        }
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return CliRun.igm(args.toArray(String[]::new));
    }

    private Path tinyInput() throws Exception {
        return TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE).field("thk", THICKNESS)
                .write(dir.resolve("tiny.nc"));
    }

    @Test
    void aFolderWithAnotherRunsOutputsIsRefusedUnlessOverwriteRemovesThem() throws Exception {
        Path input = tinyInput();
        Path folder = dir.resolve("out");
        CliRun first = run(input, folder, false, "time.end=2004", "output.plot_times=[2000, 2004]");
        assertEquals(0, first.code(), first.stdout() + first.stderr());
        assertTrue(Files.exists(folder.resolve("speed_2004.png")));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Files.writeString(folder.resolve("photo.png"), "mine too");
        FileTime written = Files.getLastModifiedTime(folder.resolve("spatial.nc"));

        // refused before the input is even read: a missing input file is not what it complains about
        CliRun refused = run(dir.resolve("missing.nc"), folder, false, "time.end=2002");
        assertEquals(1, refused.code(), refused.stdout());
        String message = refused.stderr().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("output.folder " + folder.toAbsolutePath()) && message.contains(
                "holds the outputs of another run (params.yaml, spatial.nc, speed_2000.png, speed_2004.png, … 9 files)")
                && message.contains("give --overwrite to remove them and run, or choose another output.folder"),
                message);
        assertEquals(written, Files.getLastModifiedTime(folder.resolve("spatial.nc")), "left as it was");

        CliRun second = run(input, folder, true, "time.end=2002", "output.plot_times=[2000, 2002]");
        assertEquals(0, second.code(), second.stdout() + second.stderr());
        assertFalse(Files.exists(folder.resolve("speed_2004.png")), "the longer run's map is gone");
        assertFalse(Files.exists(folder.resolve("thickness_2004.png")));
        assertTrue(Files.exists(folder.resolve("thickness_2002.png")));
        assertEquals("mine", Files.readString(folder.resolve("notes.txt")), "other files are kept");
        assertEquals("mine too", Files.readString(folder.resolve("photo.png")));
        try (NetcdfFile nc = NetcdfFile.open(folder.resolve("spatial.nc").toString())) {
            assertEquals(3, nc.getVariables().stream().filter(v -> v.getShortName().equals("year")).findFirst()
                    .orElseThrow().getShape(0));
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("notes.txt", "params.yaml", "photo.png", "spatial.nc", "speed_2000.png",
                    "speed_2002.png", "thickness_2000.png", "thickness_2002.png", "timeseries.csv", "timeseries.nc",
                    "timeseries.png"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void overwriteRefusesToRemoveTheRunsOwnInputFile() throws Exception {
        Path folder = dir.resolve("out");
        CliRun first = run(tinyInput(), folder, false, "time.end=2002");
        assertEquals(0, first.code(), first.stdout() + first.stderr());
        Path previous = folder.resolve("spatial.nc");
        FileTime written = Files.getLastModifiedTime(previous);

        // continuing from the folder's own spatial.nc into the same folder: --overwrite must not delete the input
        CliRun refused = run(previous, folder, true, "input.time=last", "time.start=2002", "time.end=2003");
        assertEquals(1, refused.code(), refused.stdout());
        String message = refused.stderr().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("--overwrite would remove " + previous.toAbsolutePath())
                && message.contains("input.file") && message.contains("choose another output.folder"), message);
        assertTrue(Files.exists(previous), "the input is kept");
        assertEquals(written, Files.getLastModifiedTime(previous));
        assertTrue(Files.exists(folder.resolve("timeseries.nc")), "nothing is removed when the run is refused");
    }

    @Test
    void onlyTheProgramsOwnFileNamesCountAsOutputs() {
        for (String name : List.of("spatial.nc", "timeseries.nc", "timeseries.csv", "timeseries.png", "params.yaml",
                "thickness_2000.png", "speed_2050.50.png", "thickness_-12000.png", "checkpoint.nc",
                "checkpoint_2050.nc", "spatial.nc.partial", "speed_2000.png.partial")) {
            assertTrue(RunOutputs.isRunOutput(name), name);
        }
        for (String name : List.of("notes.txt", "photo.png", "params.yml", "my-spatial.nc", "thickness.png",
                "input.nc", "speed_2000.png.bak")) {
            assertFalse(RunOutputs.isRunOutput(name), name);
        }
    }

    /** A run 1e-5 a long with outputs every 1e-6 a writes 11 distinct frames (times within 1e-9·|t| were one). */
    @Test
    void outputTimesAMillionthOfAYearApartAreDistinctFrames() throws Exception {
        Path folder = dir.resolve("short");
        CliRun r = run(tinyInput(), folder, false, "time.end=2000.00001", "output.interval=1e-6",
                "output.timeseries_interval=1e-6", "output.plots=false");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        try (NetcdfFile nc = NetcdfFile.open(folder.resolve("spatial.nc").toString())) {
            double[] times = (double[]) nc.getVariables().stream().filter(v -> v.getShortName().equals("year"))
                    .findFirst().orElseThrow().read().copyTo1DJavaArray();
            assertEquals(11, times.length);
            for (int k = 0; k < times.length; k++) {
                assertEquals(2000 + k * 1e-6, times[k], 1e-12, "frame " + k);
            }
        }
        List<String> csv = Files.readAllLines(folder.resolve("timeseries.csv"));
        assertEquals(1 + 11, csv.size());
        assertEquals(11, csv.stream().skip(1).map(row -> row.split(",")[0]).distinct().count(), csv.toString());
    }

    @Test
    void theRunawayCheckCanBeSwitchedOff() throws Exception {
        Path input = tinyInput();
        String enormous = "smb.ela_table=[[2000, 9000, 1, 1, 100]]";
        CliRun stopped = run(input, dir.resolve("on"), false, enormous, "time.end=2000.01", "time.max_step=0.01");
        assertEquals(1, stopped.code());
        assertTrue(stopped.stderr().contains("run.max_smb"), stopped.stderr());
        assertTrue(Files.notExists(dir.resolve("on")), "the folder the failed run made is removed");

        CliRun off = run(input, dir.resolve("off"), false, enormous, "time.end=2000.01", "time.max_step=0.01",
                "run.runaway_check=false");
        assertEquals(0, off.code(), off.stdout() + off.stderr());
    }
}
