package igm.cli;

import igm.io.TinyGeoTiff;
import igm.io.TinyNetcdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input table of the whole program: each bad input, given to {@code igm run}, ends the run with exit code 1,
 * one line on standard error that names the file or key, the variable and the value, and no output at all.
 */
class BadInputTest {

    /** System property naming a file to which each case appends its README table row (name, message). */
    static final String TABLE_PROPERTY = "igm.badinput.table";

    private static final double[] X = {0, 100, 200, 300};
    private static final double[] Y = {0, 100, 200};
    private static final double[][] SURFACE = {{3000, 2990, 2980, 2970}, {3010, 3000, 2990, 2980},
            {3020, 3010, 3000, 2990}};
    private static final double[][] THICKNESS = {{0, 10, 20, 0}, {0, 30, 40, 0}, {0, 0, 0, 0}};

    interface Setup {
        /** Makes the inputs in {@code dir}; returns the extra overrides of the run. */
        List<String> make(Path dir) throws Exception;
    }

    private static Arguments bad(String name, Setup setup, String... expected) {
        return Arguments.of(name, setup, expected);
    }

    private static List<String> input(Path file) {
        return List.of("input.file=" + file.toAbsolutePath());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("missing variable", dir -> input(TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE)
                        .write(dir.resolve("missing.nc"))), "missing.nc", "'thk'", "[x, y, usurf]"),
                bad("NaN in thickness", dir -> input(TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE)
                        .field("thk", new double[][]{{0, 10, 20, 0}, {0, Double.NaN, 40, 0}, {0, 0, 0, 0}})
                        .write(dir.resolve("nan.nc"))), "nan.nc", "'thk'", "NaN", "i=1, j=1"),
                bad("non-uniform x", dir -> input(TinyNetcdf.withCoordinates(new double[]{0, 100, 200, 350}, Y)
                        .field("usurf", SURFACE).field("thk", THICKNESS).write(dir.resolve("spacing.nc"))),
                        "spacing.nc", "'x' is not uniform", "150 m"),
                bad("mismatched shapes", dir -> input(TinyNetcdf.withCoordinates(X, Y).dimension("x2", 5)
                        .field("usurf", SURFACE).variable("thk", List.of("y", "x2"), new double[15])
                        .write(dir.resolve("shapes.nc"))), "shapes.nc", "'thk'", "[3, 5]", "[3, 4]"),
                bad("no input file", dir -> List.of("input.file="), "input.file", "required"),
                bad("unknown key", dir -> List.of("smb.gradient=0.01"), "smb.gradient", "smb.method",
                        "smb.ela_table"),
                bad("out-of-range value", dir -> List.of("thickness.cfl=2"), "thickness.cfl", "2.0",
                        "[1.0E-6, 1]"),
                bad("emulator without a matching resolution", dir -> {
                    Path emulator = dir.resolve("emulator");
                    for (String resolution : List.of("50", "200")) {
                        Files.createDirectories(emulator.resolve(resolution));
                    }
                    return List.of("iceflow.method=emulator", "iceflow.emulator=" + emulator.toAbsolutePath());
                }, "emulator", "dx = 100 m", "50, 200 m"),
                // input: truncation, units, values wrong in kind, frames of a file with times
                bad("truncated NetCDF-3 file", dir -> {
                    Path truncated = dir.resolve("truncated.nc");
                    byte[] whole = Files.readAllBytes(Path.of("examples", "aletsch", "aletsch.nc"));
                    Files.write(truncated, java.util.Arrays.copyOf(whole, 290336));
                    return input(truncated);
                }, "truncated.nc", "is truncated", "290336 bytes", "variable 'usurf'", "580672 bytes"),
                bad("thickness in kg", dir -> input(TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE)
                        .field("thk", THICKNESS).attribute("thk", "units", "kg").write(dir.resolve("kg.nc"))),
                        "kg.nc", "'thk'", "'kg'", "not a length"),
                bad("coordinates in degrees", dir -> input(TinyNetcdf.withCoordinates(X, Y)
                        .attribute("x", "units", "degrees_east").field("usurf", SURFACE).field("thk", THICKNESS)
                        .write(dir.resolve("lonlat.nc"))), "lonlat.nc", "'x'", "degrees_east", "reproject"),
                bad("ice mask of 5", dir -> input(TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE)
                        .field("thk", THICKNESS).field("icemask", new double[][] {{0, 1, 1, 0}, {0, 5, 1, 0},
                                {0, 0, 0, 0}}).write(dir.resolve("mask.nc"))),
                        "mask.nc", "'icemask'", "value 5", "i=1, j=1", "0 (no glacier) or 1"),
                bad("thickness of 100 km", dir -> input(TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE)
                        .field("thk", new double[][] {{0, 10, 20, 0}, {0, 1e5, 40, 0}, {0, 0, 0, 0}})
                        .write(dir.resolve("thick.nc"))), "thick.nc", "'thk'", "100000 m", "i=1, j=1",
                        "at most 10000 m"),
                bad("surface that is not bed + thickness", dir -> input(TinyNetcdf.withCoordinates(X, Y)
                        .field("topg", SURFACE).field("usurf", SURFACE).field("thk", THICKNESS)
                        .write(dir.resolve("surface.nc"))), "surface.nc", "'usurf'", "i=1, j=0", "2990 + 10 = 3000 m",
                        "within 1 m"),
                bad("a year the input file does not hold", dir -> {
                    double[] thickness = new double[24];
                    double[] surface = new double[24];
                    for (int k = 0; k < 24; k++) {
                        surface[k] = SURFACE[k % 12 / 4][k % 4];
                    }
                    TinyNetcdf file = TinyNetcdf.withCoordinates(X, Y).dimension("time", 2)
                            .variable("time", List.of("time"), new double[] {2000, 2010})
                            .attribute("time", "units", "years")
                            .variable("usurf", List.of("time", "y", "x"), surface)
                            .variable("thk", List.of("time", "y", "x"), thickness);
                    return List.of("input.file=" + file.write(dir.resolve("frames.nc")).toAbsolutePath(),
                            "input.time=2005");
                }, "frames.nc", "input.time = 2005", "[2000, 2010]"),
                // parameters: physical ranges, table cells by row and column
                bad("ELA of 1e9 m", dir -> List.of("smb.ela_table=[[2000, 1e9, 0.009, 0.005, 2.0]]"),
                        "smb.ela_table row 1, column 'ela' = 1.0E9", "in [-1000, 9000] m"),
                bad("negative ablation gradient", dir -> List.of("smb.ela_table=[[1900, 2800, 0.009, 0.005, 2.0], "
                        + "[2000, 2900, -0.009, 0.005, 2.0]]"), "smb.ela_table row 2, column 'gradabl' = -0.009",
                        "in [0, 1] a-1"),
                bad("paleo ELA of -1e9 m", dir -> List.of("smb.paleo_ela0=-1e9"), "smb.paleo_ela0 = -1.0E9",
                        "in [-1000, 9000] m"),
                bad("start time of 1e9 a", dir -> List.of("time.start=1e9"), "time.start = 1.0E9",
                        "in [-1000000, 1000000] a"),
                // runaway check (run.runaway_check, on by default): the run starts, then stops with one message
                bad("runaway: enormous SMB", dir -> tinySia(dir, THICKNESS,
                        "smb.ela_table=[[2000, 9000, 1, 1, 100]]"), "runaway at t = 2000 a", "SMB of -60",
                        "cell (i, j) = (", "run.max_smb = 100 m a-1", "check smb.*"),
                bad("runaway: SMB piling up ice", dir -> tinySia(dir, THICKNESS,
                        "smb.ela_table=[[2000, 1000, 1, 1, 100]]", "run.max_thickness=100"), "runaway at t = 200",
                        "ice thickness of", "run.max_thickness = 100 m", "piles up ice: check smb.*"),
                bad("runaway: huge thickness", dir -> tinySia(dir, new double[][]{{0, 10, 20, 0}, {0, 8000, 40, 0},
                        {0, 0, 0, 0}}, "run.max_thickness=5000"), "runaway at t = 2000 a", "ice thickness of 8000 m",
                        "cell (i, j) = (1, 1), (x, y) = (100, 100) m", "run.max_thickness = 5000 m",
                        "check input.file"),
                // checkpoints and diagnostic runs: an end before the start (equal is a diagnostic run)
                bad("end time before the start time", dir -> List.of("time.end=1999"), "time.end (1999.0)",
                        "must be after time.start (2000.0)", "diagnostic run"),
                bad("negative checkpoint interval", dir -> List.of("output.checkpoint_interval=-1"),
                        "output.checkpoint_interval = -1.0", "expected in [0, 1000000000] a"),
                bad("retraining an instructed emulator", dir -> List.of("iceflow.emulator_retrain_interval=10"),
                        "iceflow.emulator_retrain_interval = 10", "blatter-100m", "physics-informed"),
                // GeoTIFF input (item 12)
                bad("geographic GeoTIFF", dir -> input(TinyGeoTiff.plain(DEM).pixelScale(1.0 / 1200, 1.0 / 1200)
                        .tiepoint(0, 0, 10.6, 47.0).geoKey(1024, 2).geoKey(1025, 1).geoKey(2048, 4326)
                        .sample(TinyGeoTiff.Sample.INT16).write(dir.resolve("lonlat.tif"))),
                        "lonlat.tif", "geographic coordinates", "EPSG:4326", "gdalwarp -t_srs EPSG:32632 -tr 100 100"),
                bad("GeoTIFF fields on different grids", dir -> List.of(
                        "input.file=" + TinyGeoTiff.projected(DEM, 32632, 600000, 5200000, 100)
                                .write(dir.resolve("bed.tif")).toAbsolutePath(),
                        "input.geotiff.thk=" + TinyGeoTiff.projected(new double[3][4], 32632, 600000, 5200000, 50)
                                .write(dir.resolve("thk50.tif")).toAbsolutePath()),
                        "bed.tif (topg)", "thk50.tif (thk)", "different grids", "cells of 100 m", "cells of 50 m"),
                bad("rotated GeoTIFF", dir -> input(TinyGeoTiff.projected(DEM, 32632, 0, 0, 100)
                        .transformation(100, 10, 600000, 10, -100, 5200000).write(dir.resolve("rotated.tif"))),
                        "rotated.tif", "rotated or sheared", "10", "north-up"),
                bad("nodata in a GeoTIFF bed", dir -> input(TinyGeoTiff.projected(new double[][]{{3000, 2990, 2980,
                        2970}, {3010, -9999, 2990, 2980}, {3020, 3010, 3000, 2990}}, 32632, 600000, 5200000, 100)
                        .nodata("-9999").write(dir.resolve("hole.tif"))),
                        "hole.tif (topg)", "no data", "i=1, j=1", "x=600150 m, y=5199850 m"),
                bad("GeoTIFF field keys with a NetCDF input.file", dir -> List.of("input.geotiff.thk="
                        + TinyGeoTiff.projected(DEM, 32632, 600000, 5200000, 100).write(dir.resolve("t.tif"))
                        .toAbsolutePath()), "input.geotiff.thk", "aletsch.nc", "is not a GeoTIFF"),
                bad("GeoTIFF bed given twice", dir -> List.of(
                        "input.file=" + TinyGeoTiff.projected(DEM, 32632, 600000, 5200000, 100)
                                .write(dir.resolve("dem.tif")).toAbsolutePath(),
                        "input.geotiff.topg=" + TinyGeoTiff.projected(DEM, 32632, 600000, 5200000, 100)
                                .write(dir.resolve("bed2.tif")).toAbsolutePath()),
                        "input.file", "dem.tif", "input.geotiff.topg", "bed2.tif", "both give the bed"),
                // units of the other input files (observed glacier, climate grids, accmelt fields)
                bad("observed surface in m s-1", dir -> List.of("output.observed_file=" + TinyNetcdf
                        .withCoordinates(X, Y).field("usurf", SURFACE).attribute("usurf", "units", "m s-1")
                        .field("thk", THICKNESS).write(dir.resolve("observed.nc")).toAbsolutePath()),
                        "output.observed_file", "observed.nc", "'usurf'", "'m s-1'", "not a length"));
    }

    /** A 4 × 3 DEM for the GeoTIFF cases, top row first. */
    private static final double[][] DEM = {{3000, 2990, 2980, 2970}, {3010, 3000, 2990, 2980},
            {3020, 3010, 3000, 2990}};

    /** The tiny input with {@code thickness}, run with the SIA and the given overrides. */
    private static List<String> tinySia(Path dir, double[][] thickness, String... overrides) throws Exception {
        List<String> all = new ArrayList<>(input(TinyNetcdf.withCoordinates(X, Y).field("usurf", SURFACE)
                .field("thk", thickness).write(dir.resolve("tiny.nc"))));
        all.add("iceflow.method=sia");
        all.addAll(List.of(overrides));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGivesOneMessageAndNoOutput(String name, Setup setup, String[] expected, @TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("output");
        List<String> args = new ArrayList<>(List.of("run", RunCommandTest.EXAMPLE.toString(), "--no-progress",
                "--set", "output.folder=" + output, "--set", "time.end=2001"));
        for (String override : setup.make(dir)) {
            args.add("--set");
            args.add(override);
        }
        CliRun r = CliRun.igm(args.toArray(String[]::new));
        int code = r.code();
        String message = r.stderr().strip();
        assertEquals(1, code, message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        for (String part : expected) {
            assertTrue(message.contains(part), () -> "message should contain «" + part + "»: " + message);
        }
        assertTrue(Files.notExists(output), "no output for a run that could not start");
        String table = System.getProperty(TABLE_PROPERTY);
        if (table != null) {
            Files.writeString(Path.of(table), "| " + name + " | `" + message.replace(dir.toAbsolutePath() + "/", "")
                    .replace(Path.of("").toAbsolutePath() + "/", "") + "` |\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Every case of the table is listed, by its name, in the README's table of bad inputs. */
    @Test
    void theReadmeListsEveryCase() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = cases().map(c -> (String) c.get()[0])
                .filter(name -> !readme.contains("| " + name + " |")).toList();
        assertTrue(missing.isEmpty(), "README.md's table of bad inputs lacks " + missing + " (regenerate it with "
                + "./run-tests -Dtest=BadInputTest -D" + TABLE_PROPERTY + "=/tmp/table.md)");
    }
}
