package igm.cli;

import igm.field.FieldSpec;
import igm.io.SpatialOutput;
import igm.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled example through the command line, as a newcomer runs it (shortened). */
@Tag("regression")
class RunCommandTest {

    static final Path EXAMPLE = Path.of("examples", "aletsch", "params.yaml");

    @TempDir
    Path out;

    @Test
    void exampleRunsAndWritesEveryOutput() throws IOException {
        CliRun r = CliRun.igm("run", EXAMPLE.toString(), "--set", "time.end=2004", "--set", "output.interval=2",
                "--set", "output.plot_times=[2000, 2004]", "--set", "output.folder=" + out, "--no-progress");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        for (String name : List.of("spatial.nc", "timeseries.nc", "timeseries.csv", "timeseries.png",
                "thickness_2000.png", "speed_2004.png", "params.yaml")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")));
        }
        try (NetcdfFile nc = NetcdfFile.open(out.resolve("spatial.nc").toString())) {
            Variable time = variable(nc, "time");
            assertEquals(3, time.getShape(0));
            for (String v : SpatialOutput.FIELDS.stream().map(f -> f.name()).toList()) {
                Variable var = variable(nc, v);
                assertTrue(var != null, v);
                assertTrue(var.findAttribute("units") != null && var.findAttribute("long_name") != null, v);
            }
            assertTrue(nc.findGlobalAttribute("parameters").getStringValue().contains("end: 2004.0"));
            assertTrue(nc.findGlobalAttribute("seed") != null && nc.findGlobalAttribute("program_version") != null);
            assertTrue(nc.findGlobalAttribute("pyproj_srs").getStringValue().contains("utm"),
                    "projection carried over from the input");
        }
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals(1 + 5, csv.size(), String.join("\n", csv));
        assertTrue(r.stdout().contains("mass budget"), r.stdout());
    }

    /**
     * CF-1.8 outputs (the example's OGGM projection as the grid mapping, standard names, units, time axis), a
     * spatial file that is a complete input (icemask, slidingco, arrhenius), and a map of the final state when the
     * plot times lie past the end.
     */
    @Test
    void outputsAreCfCompliantCompleteAndMapTheEnd() throws Exception {
        CliRun r = CliRun.igm("run", EXAMPLE.toString(), "--set", "time.end=2002", "--set", "output.interval=2",
                "--set", "iceflow.method=sia", "--set", "output.plot_times=[2000, 2050]", "--set",
                "output.folder=" + out, "--no-progress");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        List<String> fields = igm.io.CfCheck.check(out.resolve("spatial.nc"), true, true);
        assertEquals(SpatialOutput.fields(true).stream().map(FieldSpec::name).toList(), fields);
        assertTrue(fields.containsAll(List.of("icemask", "slidingco", "arrhenius")), fields.toString());
        igm.io.CfCheck.check(out.resolve("timeseries.nc"), false, false);
        try (NetcdfFile nc = NetcdfFile.open(out.resolve("spatial.nc").toString())) {
            assertEquals("MPa-3 year-1", variable(nc, "arrhenius").findAttribute("units").getStringValue());
            assertEquals("km MPa-3 year-1", variable(nc, "slidingco").findAttribute("units").getStringValue());
            float[] rate = (float[]) variable(nc, "arrhenius").read().copyTo1DJavaArray();
            assertEquals(78f, rate[rate.length - 1], "the example's rate factor");
            float[] mask = (float[]) variable(nc, "icemask").read().copyTo1DJavaArray();
            double ones = 0;
            for (float m : mask) {
                assertTrue(m == 0 || m == 1);
                ones += m;
            }
            assertTrue(ones > 0, "the example's outline");
            assertEquals("EPSG:32632", variable(nc, "crs").findAttribute("epsg_code").getStringValue());
            assertArrayEquals(new double[] {2000, 2002},
                    (double[]) variable(nc, "year").read().copyTo1DJavaArray());
        }
        assertTrue(Files.exists(out.resolve("thickness_2002.png")), "the end is mapped");
        assertTrue(Files.exists(out.resolve("speed_2000.png")));
        assertTrue(Files.notExists(out.resolve("thickness_2050.png")));
    }

    /** By short name: NetcdfFile.findVariable needs cdm's network module, which the project leaves out. */
    private static Variable variable(NetcdfFile nc, String name) {
        return nc.getVariables().stream().filter(v -> v.getShortName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void exampleRunsWithTheEmulator() throws IOException {
        Path emulator = SharedData.f15EmulatorFolder();
        Assumptions.assumeTrue(emulator != null, "IGM's f15 emulator not found in ../shared/data: skipped");
        CliRun r = CliRun.igm("run", EXAMPLE.toString(), "--set", "iceflow.method=emulator", "--set",
                "iceflow.emulator=" + emulator.toAbsolutePath(), "--set", "time.end=2005", "--set",
                "output.folder=" + out, "--set", "output.plots=false", "--no-progress");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("ice flow emulator"), r.stdout());
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        String[] last = csv.getLast().split(",");
        double volume = Double.parseDouble(last[1]);
        double maxSpeed = Double.parseDouble(last[4]);
        assertTrue(volume > 12 && volume < 14, "volume " + volume + " km³ after 5 years");
        assertTrue(maxSpeed > 50 && maxSpeed < 1000, "max surface speed " + maxSpeed + " m/a");
        assertTrue(Files.notExists(out.resolve("timeseries.png")), "plots were switched off");
    }

    /**
     * Each iterative instructor (the SSA on both its elements) runs the example (coarsened, one year) and reports its
     * solves, all converged.
     */
    @Test
    void exampleRunsWithEachIterativeSolverAndReportsItsSolves() {
        String[][] models = {{"ssa", "bilinear", "ssa"}, {"ssa", "quadratic", "ssa-q2"},
            {"hybrid", "bilinear", "hybrid"}, {"blatter", "bilinear", "blatter"}};
        for (String[] model : models) {
            CliRun r = CliRun.igm("run", EXAMPLE.toString(), "--set", "iceflow.method=" + model[0], "--set",
                    "iceflow.ssa_elements=" + model[1], "--set", "iceflow.sliding_coefficient=1", "--set",
                    "input.coarsen=4", "--set", "time.end=2001", "--set", "output.plots=false", "--set",
                    "output.folder=" + out.resolve(model[2]), "--no-progress");
            assertEquals(0, r.code(), model[2] + ": " + r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("ice flow " + model[2] + ","), r.stdout());
            String line = r.stdout().lines().filter(l -> l.startsWith("ice-flow solver:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no solver summary: " + r.stdout()));
            assertTrue(line.endsWith("all converged"), line);
            assertTrue(line.contains("warm-started") && !line.contains("(0 warm-started)"), line);
        }
    }

    @Test
    void unknownKeyFailsWithOneMessageAndNoOutput() throws IOException {
        CliRun r = CliRun.igm("run", EXAMPLE.toString(), "--set", "smb.elevation=3000", "--set",
                "output.folder=" + out.resolve("run"), "--no-progress");
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("smb.elevation") && r.stderr().contains("smb.ela_table"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(Files.notExists(out.resolve("run")));
    }

    @Test
    void emulatorWithoutMatchingResolutionFailsWithoutOutput() throws IOException {
        Path emulator = out.resolve("emu");
        Files.createDirectories(emulator.resolve("50"));
        Files.writeString(emulator.resolve("50").resolve("fieldin.dat"), "thk 2000\n");
        CliRun r = CliRun.igm("run", EXAMPLE.toString(), "--set", "iceflow.method=emulator", "--set",
                "iceflow.emulator=" + emulator, "--set", "output.folder=" + out.resolve("run"), "--no-progress");
        assertEquals(1, r.code(), r.stdout());
        assertTrue(r.stderr().contains("50") && r.stderr().contains("100"), r.stderr());
        assertTrue(Files.notExists(out.resolve("run")));
    }

    @Test
    void infoPrintsEveryParameter() {
        CliRun r = CliRun.igm("info");
        assertEquals(0, r.code());
        for (var spec : igm.params.ParameterRegistry.standard().all()) {
            assertTrue(r.stdout().contains(spec.key()), spec.key());
        }
    }
}
