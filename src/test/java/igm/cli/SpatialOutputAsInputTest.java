package igm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
