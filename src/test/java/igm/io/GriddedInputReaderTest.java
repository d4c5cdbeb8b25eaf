package igm.io;

import igm.InputException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GriddedInputReaderTest {

    private static final double[] X = {0, 100, 200};
    private static final double[] Y = {0, 100};
    private static final double[][] USURF = {{1000, 1010, 1020}, {1100, 1110, 1120}};
    private static final double[][] THK = {{0, 10, 20}, {30, 40, 0}};

    /** A builder of a tiny file in a folder; returns the path to read. */
    private interface Case {
        Path make(Path folder) throws Exception;
    }

    private static Arguments badInput(String name, Case build, Function<Path, InputOptions> options,
                                      String... expected) {
        return Arguments.of(name, build, options, expected);
    }

    static Stream<Arguments> badInputs() {
        Function<Path, InputOptions> igm = InputOptions::of;
        return Stream.of(
                badInput("missing variable", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .write(dir.resolve("missing.nc")), igm,
                        "missing.nc", "'thk'", "'topg'", "found 1", "the file has the variables [x, y, usurf]"),
                badInput("missing mapped variable", dir -> TinyNetcdf.withCoordinates(X, Y).field("topo", USURF)
                        .write(dir.resolve("oggm.nc")), InputOptions::oggm,
                        "oggm.nc", "no variable 'consensus_ice_thickness'", "(for thk)", "[x, y, topo]"),
                badInput("missing coordinate", dir -> {
                    TinyNetcdf file = new TinyNetcdf().dimension("y", 2).dimension("x", 3);
                    file.variable("y", List.of("y"), Y).field("usurf", USURF).field("thk", THK);
                    return file.write(dir.resolve("nox.nc"));
                }, igm, "nox.nc", "no variable 'x'", "[y, usurf, thk]"),
                badInput("NaN in thickness", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", new double[][] {{0, Double.NaN, 20}, {30, 40, 0}})
                        .write(dir.resolve("nan.nc")), igm,
                        "nan.nc", "'thk'", "NaN", "i=1, j=0", "x=100 m, y=0 m", "input.fill_nan_thickness"),
                badInput("fill value in thickness", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", new double[][] {{0, 10, 20}, {30, -9999, 0}})
                        .attribute("thk", "_FillValue", -9999f)
                        .write(dir.resolve("fill.nc")), igm,
                        "fill.nc", "'thk'", "NaN", "i=1, j=1"),
                badInput("NaN in surface", dir -> TinyNetcdf.withCoordinates(X, Y)
                        .field("usurf", new double[][] {{1000, 1010, 1020}, {1100, 1110, Double.POSITIVE_INFINITY}})
                        .field("thk", THK).write(dir.resolve("inf.nc")), igm,
                        "inf.nc", "'usurf'", "Infinity", "i=2, j=1"),
                badInput("non-uniform x", dir -> TinyNetcdf.withCoordinates(new double[] {0, 100, 250}, Y)
                        .field("usurf", USURF).field("thk", THK).write(dir.resolve("nonuniform.nc")), igm,
                        "nonuniform.nc", "'x' is not uniform", "x[2] − x[1] = 150 m", "x[1] − x[0] = 100 m"),
                badInput("mismatched shapes", dir -> TinyNetcdf.withCoordinates(X, Y).dimension("x2", 4)
                        .field("usurf", USURF)
                        .variable("thk", List.of("y", "x2"), new double[8]).write(dir.resolve("shapes.nc")), igm,
                        "shapes.nc", "'thk'", "shape [2, 4]", "expected [2, 3]"),
                badInput("wrong rank", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .variable("thk", List.of("x"), new double[3]).write(dir.resolve("rank.nc")), igm,
                        "rank.nc", "'thk'", "rank 1", "expected a 2D field"),
                badInput("y spacing differs from x spacing", dir -> TinyNetcdf.withCoordinates(X, new double[] {0, 50})
                        .field("usurf", USURF).field("thk", THK).write(dir.resolve("rectangular.nc")), igm,
                        "rectangular.nc", "x spacing (100 m", "y spacing (50 m", "square"),
                badInput("negative thickness", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", new double[][] {{0, 10, 20}, {30, 40, -5}}).write(dir.resolve("negative.nc")),
                        igm, "negative.nc", "'thk'", "negative ice thickness -5 m", "i=2, j=1"),
                badInput("file not found", dir -> dir.resolve("absent.nc"), igm, "absent.nc", "not found"),
                badInput("not a NetCDF file", dir -> Files.writeString(dir.resolve("text.nc"), "hello, not netcdf\n"),
                        igm, "text.nc", "not a NetCDF file"),
                badInput("truncated file", dir -> truncated(TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", THK).write(dir.resolve("whole.nc")), dir.resolve("truncated.nc"), -8), igm,
                        "truncated.nc", "is truncated", "variable 'thk'", "bytes but", "needs"),
                badInput("truncated header", dir -> truncated(TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", THK).write(dir.resolve("whole.nc")), dir.resolve("header.nc"), 60), igm,
                        "header.nc", "header is incomplete"),
                badInput("thickness in kg", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", THK).attribute("thk", "units", "kg").write(dir.resolve("kg.nc")), igm,
                        "kg.nc", "variable 'thk'", "units 'kg'", "not a length", "expected m"),
                badInput("unparsable units", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .attribute("usurf", "units", "metres above the glacier").field("thk", THK)
                        .write(dir.resolve("words.nc")), igm, "words.nc", "'usurf'", "'metres above the glacier'"),
                badInput("geographic x", dir -> TinyNetcdf.withCoordinates(X, Y).attribute("x", "units", "degrees_east")
                        .field("usurf", USURF).field("thk", THK).write(dir.resolve("lonlat.nc")), igm,
                        "lonlat.nc", "coordinate variable 'x'", "degrees_east", "reproject", "metres"),
                badInput("geographic grid mapping", dir -> TinyNetcdf.withCoordinates(X, Y).dimension("one", 1)
                        .variable("crs", List.of("one"), new double[1])
                        .attribute("crs", "grid_mapping_name", "latitude_longitude").field("usurf", USURF)
                        .attribute("usurf", "grid_mapping", "crs").field("thk", THK).write(dir.resolve("crs.nc")),
                        igm, "crs.nc", "'usurf'", "grid_mapping 'crs'", "latitude_longitude", "reproject"),
                badInput("geographic PROJ string", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", THK).global("pyproj_srs", "+proj=longlat +datum=WGS84 +no_defs")
                        .write(dir.resolve("longlat.nc")), igm, "longlat.nc", "pyproj_srs", "+proj=longlat",
                        "reproject"),
                badInput("ice mask of 5", dir -> TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                        .field("thk", THK).field("icemask", new double[][] {{0, 1, 1}, {1, 5, 0}})
                        .write(dir.resolve("mask.nc")), igm,
                        "mask.nc", "'icemask'", "value 5", "i=1, j=1", "x=100 m, y=100 m", "0 (no glacier) or 1"),
                badInput("thickness of 100 km", dir -> TinyNetcdf.withCoordinates(X, Y)
                        .field("topg", USURF).field("thk", new double[][] {{0, 10, 20}, {30, 1e5, 0}})
                        .write(dir.resolve("thick.nc")), igm,
                        "thick.nc", "'thk'", "100000 m", "i=1, j=1", "at most 10000 m"),
                badInput("surface far from bed + thickness", dir -> TinyNetcdf.withCoordinates(X, Y)
                        .field("topg", new double[][] {{1000, 1000, 1000}, {1070, 1070, 1120}})
                        .field("usurf", USURF).field("thk", new double[][] {{0, 10, 20}, {30, 40, 5}})
                        .write(dir.resolve("surface.nc")), igm,
                        "surface.nc", "'usurf'", "value 1120 m", "i=2, j=1", "1120 + 5 = 1125 m", "within 1 m"),
                badInput("several times without input.time", dir -> threeFrames(dir.resolve("frames.nc")), igm,
                        "frames.nc", "'usurf'", "3 frames", "[2000, 2001.5, 2003]", "input.time"),
                badInput("a year that is not in the file", dir -> threeFrames(dir.resolve("frames.nc")),
                        file -> InputOptions.of(file).withTime("2002"),
                        "frames.nc", "input.time = 2002", "[2000, 2001.5, 2003]"),
                badInput("a year asked of a file without times", dir -> TinyNetcdf.withCoordinates(X, Y)
                        .field("usurf", USURF).field("thk", THK).write(dir.resolve("state.nc")),
                        file -> InputOptions.of(file).withTime("2000"), "state.nc", "no time axis", "input.time"),
                badInput("a Gregorian calendar", dir -> {
                    TinyNetcdf file = frames(new double[] {0, 365, 730});
                    file.attribute("time", "units", "days since 2000-01-01").attribute("time", "calendar", "standard");
                    return file.write(dir.resolve("gregorian.nc"));
                }, file -> InputOptions.of(file).withTime("2001"), "gregorian.nc", "'time'", "calendar 'standard'",
                        "365_day"));
    }

    /** The first {@code keep} bytes of {@code whole} (all but the last −keep bytes if keep < 0) in {@code copy}. */
    private static Path truncated(Path whole, Path copy, int keep) throws Exception {
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(copy, java.util.Arrays.copyOf(bytes, keep < 0 ? bytes.length + keep : keep));
        Files.delete(whole);
        return copy;
    }

    private static final double[] SURFACE_FLAT = {1000, 1010, 1020, 1100, 1110, 1120};

    /** Three frames of (usurf, thk) on (time, y, x), the thickness growing by 10 m a frame; no time units. */
    private static TinyNetcdf frames(double[] times) {
        TinyNetcdf file = TinyNetcdf.withCoordinates(X, Y).dimension("time", times.length)
                .variable("time", List.of("time"), times);
        double[] usurf = new double[6 * times.length];
        double[] thk = new double[6 * times.length];
        for (int t = 0; t < times.length; t++) {
            for (int k = 0; k < 6; k++) {
                thk[6 * t + k] = 10 * t + k;
                usurf[6 * t + k] = SURFACE_FLAT[k] + thk[6 * t + k];
            }
        }
        return file.variable("usurf", List.of("time", "y", "x"), usurf).variable("thk", List.of("time", "y", "x"), thk)
                .attribute("usurf", "units", "m").attribute("thk", "units", "m");
    }

    private static Path threeFrames(Path path) throws Exception {
        return frames(new double[] {2000, 2001.5, 2003}).attribute("time", "units", "years").write(path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsReportedOnceWithItsLocation(String name, Case build, Function<Path, InputOptions> options,
                                               String[] expected, @TempDir Path folder) throws Exception {
        Path file = build.make(folder);
        List<Path> before = list(folder);
        InputException e = assertThrows(InputException.class, () -> GriddedInputReader.read(options.apply(file)));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), () -> "message should contain «" + part + "»: " + e.getMessage());
        }
        assertEquals(before, list(folder), "reading must not create files");
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void nanThicknessIsZeroWhenAsked(@TempDir Path folder) throws Exception {
        Path file = TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF)
                .field("thk", new double[][] {{0, Double.NaN, 20}, {30, 40, 0}}).write(folder.resolve("nan.nc"));
        GriddedInput input = GriddedInputReader.read(InputOptions.of(file).withFillNanThicknessWithZero(true));
        assertEquals(0, input.thickness()[1]);
        assertEquals(1010, input.bed()[1]);
    }

    @Test
    void descendingYGivesTheSameArraysAsAscending(@TempDir Path folder) throws Exception {
        double[] yDescending = {100, 0};
        double[][] usurfFlipped = {USURF[1], USURF[0]};
        double[][] thkFlipped = {THK[1], THK[0]};
        Path ascending = TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF).field("thk", THK)
                .write(folder.resolve("up.nc"));
        Path descending = TinyNetcdf.withCoordinates(X, yDescending).field("usurf", usurfFlipped)
                .field("thk", thkFlipped).write(folder.resolve("down.nc"));
        GriddedInput a = GriddedInputReader.read(ascending);
        GriddedInput d = GriddedInputReader.read(descending);
        assertEquals(a.grid(), d.grid());
        assertEquals(new Grid2D(3, 2, 100, 0, 0), a.grid());
        assertArrayEquals(a.surface(), d.surface());
        assertArrayEquals(a.thickness(), d.thickness());
        assertArrayEquals(a.bed(), d.bed());
        // j = 1 is the northern row, y = 100.
        assertEquals(1110, a.surface()[a.grid().index(1, 1)]);
    }

    @Test
    void descendingXAndTransposedStorageAreReadToo(@TempDir Path folder) throws Exception {
        double[] xDescending = {200, 100, 0};
        double[][] usurfMirrored = {{1020, 1010, 1000}, {1120, 1110, 1100}};
        double[][] thkMirrored = {{20, 10, 0}, {0, 40, 30}};
        Path mirrored = TinyNetcdf.withCoordinates(xDescending, Y).field("usurf", usurfMirrored)
                .field("thk", thkMirrored).write(folder.resolve("mirrored.nc"));
        double[] usurfXY = {1000, 1100, 1010, 1110, 1020, 1120};
        double[] thkXY = {0, 30, 10, 40, 20, 0};
        Path transposed = TinyNetcdf.withCoordinates(X, Y).variable("usurf", List.of("x", "y"), usurfXY)
                .variable("thk", List.of("x", "y"), thkXY).write(folder.resolve("transposed.nc"));
        GriddedInput expected = GriddedInputReader.read(
                TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF).field("thk", THK).write(folder.resolve("a.nc")));
        for (Path file : List.of(mirrored, transposed)) {
            GriddedInput input = GriddedInputReader.read(file);
            assertEquals(expected.grid(), input.grid(), file.toString());
            assertArrayEquals(expected.surface(), input.surface(), file.toString());
            assertArrayEquals(expected.thickness(), input.thickness(), file.toString());
        }
    }

    @Test
    void missingGeometryIsDerived(@TempDir Path folder) throws Exception {
        double[][] topg = {{1000, 1000, 1000}, {1070, 1070, 1130}};
        GriddedInput fromBedAndThickness = GriddedInputReader.read(TinyNetcdf.withCoordinates(X, Y)
                .field("topg", topg).field("thk", THK).write(folder.resolve("bt.nc")));
        assertArrayEquals(new double[] {1000, 1010, 1020, 1100, 1110, 1130}, fromBedAndThickness.surface());
        GriddedInput fromBedAndSurface = GriddedInputReader.read(TinyNetcdf.withCoordinates(X, Y)
                .field("topg", topg).field("usurf", USURF).write(folder.resolve("bs.nc")));
        // usurf < topg at (2, 1): no negative thickness, 0.
        assertArrayEquals(new double[] {0, 10, 20, 30, 40, 0}, fromBedAndSurface.thickness());
        GriddedInput fromSurfaceAndThickness = GriddedInputReader.read(TinyNetcdf.withCoordinates(X, Y)
                .field("usurf", USURF).field("thk", THK).write(folder.resolve("st.nc")));
        assertArrayEquals(new double[] {1000, 1000, 1000, 1070, 1070, 1120}, fromSurfaceAndThickness.bed());
        assertNull(fromSurfaceAndThickness.iceMask());
        assertNull(fromSurfaceAndThickness.slidingCoefficient());
        assertNull(fromSurfaceAndThickness.rateFactor());
    }

    @Test
    void singleTimeDimensionIsDroppedAndProjectionCarried(@TempDir Path folder) throws Exception {
        double[] usurf = {1000, 1010, 1020, 1100, 1110, 1120};
        double[] thk = {0, 10, 20, 30, 40, 0};
        Path file = TinyNetcdf.withCoordinates(X, Y).dimension("time", 1)
                .variable("usurf", List.of("time", "y", "x"), usurf).variable("thk", List.of("time", "y", "x"), thk)
                .field("slidingco", new double[][] {{0.05, 0.05, 0.05}, {0.05, 0.05, 0.05}})
                .field("arrhenius", new double[][] {{78, 78, 78}, {78, 78, 78}})
                .global("pyproj_srs", "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs")
                .global("author", "nobody").write(folder.resolve("time.nc"));
        GriddedInput input = GriddedInputReader.read(file);
        assertArrayEquals(usurf, input.surface());
        assertEquals(Map.of("pyproj_srs", "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs"),
                input.projectionAttributes());
        assertEquals(0.05, input.slidingCoefficient()[3], 1e-7);
        assertEquals(78, input.rateFactor()[5]);
    }

    @Test
    void cropThenCoarsenAveragesBlocks(@TempDir Path folder) throws Exception {
        int nx = 5;
        int ny = 4;
        double[] x = {0, 100, 200, 300, 400};
        double[] y = {0, 100, 200, 300};
        double[][] usurf = new double[ny][nx];
        double[][] thk = new double[ny][nx];
        double[][] mask = {{0, 1, 0, 1, 0}, {0, 0, 1, 0, 0}, {0, 1, 1, 0, 0}, {0, 1, 0, 0, 0}};
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                usurf[j][i] = 100 + i + 10 * j;
                thk[j][i] = j;
            }
        }
        Path file = TinyNetcdf.withCoordinates(x, y).field("usurf", usurf).field("thk", thk).field("icemask", mask)
                .write(folder.resolve("blocks.nc"));
        GriddedInput input = GriddedInputReader.read(
                InputOptions.of(file).withCrop(new int[] {1, 0, 4, 4}).withCoarsen(2));
        assertEquals(new Grid2D(2, 2, 200, 150, 50), input.grid());
        assertArrayEquals(new double[] {106.5, 108.5, 126.5, 128.5}, input.surface(), 1e-9);
        assertArrayEquals(new double[] {0.5, 0.5, 2.5, 2.5}, input.thickness(), 1e-9);
        assertArrayEquals(new double[] {106, 108, 124, 126}, input.bed(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 1, 0}, input.iceMask());

        GriddedInput cropped = GriddedInputReader.read(InputOptions.of(file).withCrop(new int[] {3, 2, 2, 2}));
        assertEquals(new Grid2D(2, 2, 100, 300, 200), cropped.grid());
        assertArrayEquals(new double[] {123, 124, 133, 134}, cropped.surface());

        InputException e = assertThrows(InputException.class,
                () -> GriddedInputReader.read(InputOptions.of(file).withCrop(new int[] {3, 2, 3, 2})));
        assertTrue(e.getMessage().contains("blocks.nc") && e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void unknownLogicalNameIsRejected() {
        InputException e = assertThrows(InputException.class, () -> InputOptions.of(Path.of("a.nc"))
                .withVariableNames(Map.of("thickness", "thk")));
        assertTrue(e.getMessage().contains("'thickness'") && e.getMessage().contains("topg"), e.getMessage());
    }

    @Test
    void readsIgmGeology() {
        Path file = TestData.require("aletsch/igm_geology_100m.nc");
        GriddedInput input = GriddedInputReader.read(file);
        assertEquals(new Grid2D(179, 244, 100, 415049.75, 5135756.5), input.grid());
        assertNotNull(input.iceMask());
        double maxThickness = 0;
        for (int k = 0; k < input.grid().size(); k++) {
            assertEquals(input.surface()[k] - input.thickness()[k], input.bed()[k], 1e-9);
            maxThickness = Math.max(maxThickness, input.thickness()[k]);
        }
        assertEquals(558.995, maxThickness, 1e-3);
    }

    @Test
    void readsOggmGlacierDirectoryAndFlipsY() throws Exception {
        Path file = TestData.require("aletsch/oggm_gridded_data.nc");
        GriddedInput input = GriddedInputReader.read(InputOptions.oggm(file));
        Grid2D grid = input.grid();
        assertEquals(new Grid2D(199, 264, 100, 414049.75, 5134756.5), grid);
        float northWest;
        float southEast;
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            Variable topo = nc.getVariables().stream().filter(v -> v.getShortName().equals("topo")).findFirst()
                    .orElseThrow();
            var values = topo.read();
            northWest = values.getFloat(0);
            southEast = values.getFloat(264 * 199 - 1);
        }
        // OGGM stores y descending: its first row is the northern one.
        assertEquals(northWest, input.surface()[grid.index(0, 263)]);
        assertEquals(southEast, input.surface()[grid.index(198, 0)]);
        int ice = 0;
        for (int k = 0; k < grid.size(); k++) {
            assertTrue(input.thickness()[k] >= 0);
            assertEquals(input.surface()[k] - input.thickness()[k], input.bed()[k], 1e-9);
            ice += input.iceMask()[k] > 0 ? 1 : 0;
        }
        assertTrue(ice > 5000, "Aletsch covers more than 50 km²: " + ice + " cells");
        assertEquals("+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs", input.projectionAttributes().get("pyproj_srs"));

        InputException e = assertThrows(InputException.class, () -> GriddedInputReader.read(
                InputOptions.oggm(file).withFillNanThicknessWithZero(false)));
        assertTrue(e.getMessage().contains("'consensus_ice_thickness'") && e.getMessage().contains("NaN"),
                e.getMessage());
    }

    @Test
    void unitsAreConvertedToMetres(@TempDir Path folder) throws Exception {
        Path file = TinyNetcdf.withCoordinates(new double[] {0, 0.1, 0.2}, new double[] {5, 5.1})
                .attribute("x", "units", "km").attribute("y", "units", "kilometer")
                .field("usurf", new double[][] {{3280.84, 3280.84, 3280.84}, {3280.84, 3280.84, 3280.84}})
                .attribute("usurf", "units", "ft")
                .field("thk", new double[][] {{0, 0.01, 0.02}, {0.03, 0.04, 0}}).attribute("thk", "units", "km")
                .write(folder.resolve("km.nc"));
        List<String> log = new java.util.ArrayList<>();
        GriddedInput input = GriddedInputReader.read(InputOptions.of(file), log::add);
        assertEquals(100, input.grid().dx(), 1e-4);
        assertEquals(0, input.grid().xOrigin(), 1e-4);
        assertEquals(5000, input.grid().yOrigin(), 1e-4);
        assertArrayEquals(new double[] {0, 10, 20, 30, 40, 0}, input.thickness(), 1e-5);
        assertEquals(1000, input.surface()[0], 1e-3);
        assertEquals(List.of(), log, "every variable has units");
    }

    @Test
    void missingUnitsAreSaidOncePerFile(@TempDir Path folder) throws Exception {
        Path file = TinyNetcdf.withCoordinates(X, Y).attribute("x", "units", "m").field("usurf", USURF)
                .field("thk", THK).field("icemask", new double[][] {{0, 1, 1}, {1, 1, 0}})
                .write(folder.resolve("bare.nc"));
        List<String> log = new java.util.ArrayList<>();
        GriddedInputReader.read(InputOptions.of(file), log::add);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("bare.nc") && log.get(0).contains("y (m), usurf (m), thk (m)")
                && !log.get(0).contains("icemask") && !log.get(0).contains("x (m)"), log.get(0));
    }

    @Test
    void parameterFieldsAcceptTheSpellingsOfThisProgramAndIgm(@TempDir Path folder) throws Exception {
        double[][] ones = {{1, 1, 1}, {1, 1, 1}};
        for (String[] units : new String[][] {{"MPa a^(1/3) m^(-1/3)", "MPa-3 a-1", "1"},
                {"km MPa-3 year-1", "MPa-3 year-1", "1"}, {"km MPa-3 a-1", "MPa-3 a-1", "1"}}) {
            Path file = TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF).field("thk", THK)
                    .field("slidingco", ones).attribute("slidingco", "units", units[0])
                    .field("arrhenius", ones).attribute("arrhenius", "units", units[1])
                    .write(folder.resolve("parameters.nc"));
            GriddedInput input = GriddedInputReader.read(InputOptions.of(file), line -> { });
            assertEquals(1, input.slidingCoefficient()[0], 1e-12, units[0]);
            assertEquals(1, input.rateFactor()[0], 1e-12, units[1]);
        }
        Path si = TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF).field("thk", THK)
                .field("arrhenius", ones).attribute("arrhenius", "units", "Pa-3 s-1").write(folder.resolve("si.nc"));
        assertEquals(1e18 * 3.15569259747e7, GriddedInputReader.read(InputOptions.of(si), line -> { })
                .rateFactor()[0], 1e-6 * 1e18 * 3.15569259747e7);
        Path bad = TinyNetcdf.withCoordinates(X, Y).field("usurf", USURF).field("thk", THK)
                .field("slidingco", ones).attribute("slidingco", "units", "m").write(folder.resolve("bad.nc"));
        InputException e = assertThrows(InputException.class, () -> GriddedInputReader.read(bad));
        assertTrue(e.getMessage().contains("'slidingco'") && e.getMessage().contains("units 'm'")
                && e.getMessage().contains("km MPa-3 a-1"), e.getMessage());
    }

    @Test
    void framesAreReadByLastAndByYear(@TempDir Path folder) throws Exception {
        Path file = threeFrames(folder.resolve("frames.nc"));
        GriddedInput last = GriddedInputReader.read(InputOptions.of(file).withTime("last"));
        assertArrayEquals(new double[] {20, 21, 22, 23, 24, 25}, last.thickness());
        assertArrayEquals(SURFACE_FLAT, last.bed(), 1e-9);
        GriddedInput middle = GriddedInputReader.read(InputOptions.of(file).withTime("2001.5000001"));
        assertArrayEquals(new double[] {10, 11, 12, 13, 14, 15}, middle.thickness());
    }

    @Test
    void framesOfACfTimeAxisOrAYearVariable(@TempDir Path folder) throws Exception {
        TinyNetcdf days = frames(new double[] {0, 365, 912.5});
        days.attribute("time", "units", "days since 2000-01-01 00:00:00").attribute("time", "calendar", "365_day");
        Path cf = days.write(folder.resolve("cf.nc"));
        assertArrayEquals(new double[] {20, 21, 22, 23, 24, 25},
                GriddedInputReader.read(InputOptions.of(cf).withTime("2002.5")).thickness());
        assertArrayEquals(new double[] {10, 11, 12, 13, 14, 15},
                GriddedInputReader.read(InputOptions.of(cf).withTime("2001")).thickness());
        TinyNetcdf withYear = frames(new double[] {0, 1, 2});
        withYear.attribute("time", "units", "seconds since 1970-01-01").variable("year", List.of("time"),
                new double[] {1990, 1991, 1992});
        Path year = withYear.write(folder.resolve("year.nc"));
        assertArrayEquals(new double[] {10, 11, 12, 13, 14, 15},
                GriddedInputReader.read(InputOptions.of(year).withTime("1991")).thickness());
    }

    @Test
    void aSpatialOutputIsReadByFrameAndItsLastRecordMustBeWhole(@TempDir Path folder) throws Exception {
        Grid2D grid = new Grid2D(3, 2, 100, 0, 0);
        Path file = folder.resolve("spatial.nc");
        try (SpatialOutputWriter writer = SpatialOutputWriter.create(file, grid,
                List.of(FieldSpec.TOPG, FieldSpec.USURF, FieldSpec.THK), Map.of())) {
            for (int t = 0; t < 3; t++) {
                double[] thk = new double[6];
                double[] usurf = new double[6];
                for (int k = 0; k < 6; k++) {
                    thk[k] = 10 * t + k;
                    usurf[k] = SURFACE_FLAT[k] + thk[k];
                }
                writer.write(2000 + t, Map.of("topg", SURFACE_FLAT, "usurf", usurf, "thk", thk));
            }
            writer.commit();
        }
        assertArrayEquals(new double[] {20, 21, 22, 23, 24, 25},
                GriddedInputReader.read(InputOptions.of(file).withTime("last")).thickness());
        assertArrayEquals(new double[] {10, 11, 12, 13, 14, 15},
                GriddedInputReader.read(InputOptions.of(file).withTime("2001")).thickness());
        Path cut = truncated(file, folder.resolve("cut.nc"), -4);
        InputException e = assertThrows(InputException.class,
                () -> GriddedInputReader.read(InputOptions.of(cut).withTime("last")));
        assertTrue(e.getMessage().contains("cut.nc") && e.getMessage().contains("record 3 of variable 'thk'"),
                e.getMessage());
    }
}
