package igm.cli;

import igm.io.TinyGeoTiff;
import igm.io.TinyNetcdf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
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
                        "input.file", "dem.tif", "input.geotiff.topg", "bed2.tif", "both give the bed"));
    }

    /** A 4 × 3 DEM for the GeoTIFF cases, top row first. */
    private static final double[][] DEM = {{3000, 2990, 2980, 2970}, {3010, 3000, 2990, 2980},
            {3020, 3010, 3000, 2990}};

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
    }
}
