package igm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A spatial output of {@code igm run} is a valid input: a second run starts from the first one's last frame. */
class SpatialOutputAsInputTest {

    @Test
    void secondRunStartsFromTheFirstRunsFinalThickness(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first");
        CliRun a = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--no-progress", "--set",
                "iceflow.method=sia", "--set", "input.coarsen=4", "--set", "time.end=2004", "--set",
                "output.interval=2", "--set", "output.plot_times=[2004]", "--set", "output.folder=" + first);
        assertEquals(0, a.code(), a.stdout() + a.stderr());
        Path spatial = first.resolve("spatial.nc");

        Path second = dir.resolve("second");
        CliRun b = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--no-progress", "--set",
                "iceflow.method=sia", "--set", "input.file=" + spatial.toAbsolutePath(), "--set", "input.time=last",
                "--set", "time.start=2004", "--set", "time.end=2005", "--set", "output.interval=1", "--set",
                "output.plot_times=[2005]", "--set", "output.folder=" + second);
        assertEquals(0, b.code(), b.stdout() + b.stderr());
        assertTrue(b.stdout().contains("input.time = last reads frame 3 of 3 along 'time', the year 2004"), b.stdout());
        assertEquals(number(a.stdout(), "final volume ([0-9.]+) km³"),
                number(b.stdout(), "initial volume ([0-9.]+) km³"), a.stdout() + "\n" + b.stdout());
        assertArrayEquals(thickness(spatial, 2), thickness(second.resolve("spatial.nc"), 0),
                "the second run's first frame is the first run's last");

        CliRun byYear = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--no-progress", "--set",
                "iceflow.method=sia", "--set", "input.file=" + spatial.toAbsolutePath(), "--set", "input.time=2002",
                "--set", "time.start=2002", "--set", "time.end=2003", "--set", "output.plot_times=[2003]", "--set",
                "output.folder=" + dir.resolve("third"));
        assertEquals(0, byYear.code(), byYear.stdout() + byYear.stderr());
        assertArrayEquals(thickness(spatial, 1), thickness(dir.resolve("third").resolve("spatial.nc"), 0));
    }

    /**
     * The grid-mapping variable of a spatial.nc read as input is not spread into the second run's global attributes
     * as {@code crs_<attribute>}: the second run's {@code crs} variable holds the mapping, equal to the first's, and
     * its global attributes are the first's projection attributes (OGGM's pyproj_srs), as in the first run.
     */
    @Test
    void aSpatialOutputAsInputKeepsItsGridMappingInTheCrsVariableOnly(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first");
        CliRun a = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--no-progress", "--set",
                "iceflow.method=sia", "--set", "input.coarsen=8", "--set", "time.end=2001", "--set",
                "output.plots=false", "--set", "output.folder=" + first);
        assertEquals(0, a.code(), a.stdout() + a.stderr());
        Path second = dir.resolve("second");
        CliRun b = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--no-progress", "--set",
                "iceflow.method=sia", "--set", "input.file=" + first.resolve("spatial.nc").toAbsolutePath(), "--set",
                "input.time=last", "--set", "time.start=2001", "--set", "time.end=2002", "--set", "output.plots=false",
                "--set", "output.folder=" + second);
        assertEquals(0, b.code(), b.stdout() + b.stderr());
        for (String file : List.of("spatial.nc", "timeseries.nc")) {
            List<String> globals = globalNames(second.resolve(file));
            assertFalse(globals.stream().anyMatch(n -> n.startsWith("crs_")), file + ": " + globals);
            assertEquals(globalNames(first.resolve(file)).stream().filter(n -> !n.equals("input_file")).sorted()
                    .toList(), globals.stream().filter(n -> !n.equals("input_file")).sorted().toList(), file);
        }
        assertEquals(crsAttributes(first.resolve("spatial.nc")), crsAttributes(second.resolve("spatial.nc")));
    }

    private static List<String> globalNames(Path file) throws IOException {
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            return nc.getGlobalAttributes().stream().map(Attribute::getShortName).toList();
        }
    }

    private static Map<String, String> crsAttributes(Path file) throws IOException {
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            Variable crs = nc.getVariables().stream().filter(v -> v.getShortName().equals("crs")).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " has no crs variable"));
            Map<String, String> attributes = new TreeMap<>();
            for (Attribute attribute : crs.getAttributes()) {
                attributes.put(attribute.getShortName(), attribute.getValues().toString());
            }
            return attributes;
        }
    }

    private static String number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertTrue(m.find(), pattern + " in " + text);
        return m.group(1);
    }

    private static float[] thickness(Path file, int frame) throws IOException {
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            Variable thk = nc.getVariables().stream().filter(v -> v.getShortName().equals("thk")).findFirst()
                    .orElseThrow();
            int[] shape = thk.getShape();
            Array values = thk.read(new int[] {frame, 0, 0}, new int[] {1, shape[1], shape[2]});
            return (float[]) values.get1DJavaArray(float.class);
        } catch (ucar.ma2.InvalidRangeException e) {
            throw new IllegalStateException(e);
        }
    }
}
