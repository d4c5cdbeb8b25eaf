package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static igm.io.TinyGeoTiff.DEFLATE;
import static igm.io.TinyGeoTiff.LZW;
import static igm.io.TinyGeoTiff.NONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoTiffInputReaderTest {

    /** 20 rows × 37 columns: neither a whole number of 16 × 16 tiles nor of 2-row strips in x. */
    private static final int ROWS = 20;
    private static final int COLUMNS = 37;
    private static final double WEST = 600000;
    private static final double NORTH = 5200000;
    private static final double DX = 50;

    @TempDir
    Path dir;

    /** Row {@code row} from the top, column {@code column}: a value exact in int16, float32 and float64. */
    private static double value(int row, int column, boolean integer) {
        return 1000 + 3 * column - 7 * row + (integer ? 0 : 0.25 * ((column + row) % 4));
    }

    private static double[][] image(boolean integer) {
        double[][] rows = new double[ROWS][COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                rows[r][c] = value(r, c, integer);
            }
        }
        return rows;
    }

    /** The image on the program's convention: j = 0 is the bottom row. */
    private static double[] expected(double[][] rows) {
        double[] out = new double[ROWS * COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                out[(ROWS - 1 - r) * COLUMNS + c] = rows[r][c];
            }
        }
        return out;
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of(TinyGeoTiff.Sample.INT16, NONE, 1, false, false),
                Arguments.of(TinyGeoTiff.Sample.INT16, LZW, 2, true, false),
                Arguments.of(TinyGeoTiff.Sample.INT16, DEFLATE, 2, false, false),
                Arguments.of(TinyGeoTiff.Sample.INT16, DEFLATE, 1, true, true),
                Arguments.of(TinyGeoTiff.Sample.FLOAT32, NONE, 1, true, false),
                Arguments.of(TinyGeoTiff.Sample.FLOAT32, DEFLATE, 3, false, false),
                Arguments.of(TinyGeoTiff.Sample.FLOAT32, LZW, 3, true, false),
                Arguments.of(TinyGeoTiff.Sample.FLOAT32, DEFLATE, 3, true, true),
                Arguments.of(TinyGeoTiff.Sample.FLOAT64, LZW, 1, false, false),
                Arguments.of(TinyGeoTiff.Sample.FLOAT64, DEFLATE, 3, true, false),
                Arguments.of(TinyGeoTiff.Sample.FLOAT64, NONE, 3, false, true));
    }

    @ParameterizedTest(name = "{0}, compression {1}, predictor {2}, tiled {3}, big-endian {4}")
    @MethodSource("encodings")
    void everyEncodingGivesTheSameValuesAndCoordinates(TinyGeoTiff.Sample sample, int compression, int predictor,
                                                       boolean tiled, boolean bigEndian) throws IOException {
        double[][] rows = image(sample == TinyGeoTiff.Sample.INT16);
        TinyGeoTiff tiff = TinyGeoTiff.projected(rows, 32632, WEST, NORTH, DX).sample(sample)
                .compression(compression).predictor(predictor);
        if (tiled) {
            tiff.tiled();
        }
        if (bigEndian) {
            tiff.bigEndian();
        }
        Path file = tiff.write(dir.resolve("dem.tif"));
        assertTrue(GeoTiffInputReader.isTiff(file));
        GriddedInput in = GeoTiffInputReader.read(InputOptions.of(file));
        assertEquals(new Grid2D(COLUMNS, ROWS, DX, WEST + DX / 2, NORTH - ROWS * DX + DX / 2), in.grid());
        assertArrayEquals(expected(rows), in.bed());
        assertArrayEquals(expected(rows), in.surface());
        assertArrayEquals(new double[ROWS * COLUMNS], in.thickness());
        assertNull(in.iceMask());
        assertEquals("32632", in.projectionAttributes().get("epsg"));
        assertTrue(in.projectionAttributes().get("crs_wkt").startsWith("PROJCS[\"WGS 84 / UTM zone 32N\""),
                in.projectionAttributes().toString());
        assertEquals(file, in.source());
    }

    @Test
    void pixelIsPointPutsTheTiePointAtTheCellCentre() throws IOException {
        Path file = TinyGeoTiff.projected(image(false), 32632, WEST, NORTH, DX).pixelIsPoint()
                .write(dir.resolve("point.tif"));
        Grid2D grid = GeoTiffInputReader.read(InputOptions.of(file)).grid();
        assertEquals(WEST, grid.xOrigin());
        assertEquals(NORTH - (ROWS - 1) * DX, grid.yOrigin());
    }

    @Test
    void aTiePointAwayFromTheCornerAndATransformationMatrixGiveTheSameGrid() throws IOException {
        Grid2D expected = new Grid2D(COLUMNS, ROWS, DX, WEST + DX / 2, NORTH - ROWS * DX + DX / 2);
        Path tie = TinyGeoTiff.projected(image(false), 32632, 0, 0, DX).tiepoint(10, 4, WEST + 10 * DX, NORTH - 4 * DX)
                .write(dir.resolve("tie.tif"));
        assertEquals(expected, GeoTiffInputReader.read(InputOptions.of(tie)).grid());
        Path matrix = TinyGeoTiff.projected(image(false), 32632, 0, 0, DX).transformation(DX, 0, WEST, 0, -DX, NORTH)
                .write(dir.resolve("matrix.tif"));
        assertEquals(expected, GeoTiffInputReader.read(InputOptions.of(matrix)).grid());
    }

    @Test
    void aSouthUpImageIsFlipped() throws IOException {
        double[][] rows = image(false);
        Path file = TinyGeoTiff.projected(rows, 32632, 0, 0, DX).transformation(DX, 0, WEST, 0, DX, NORTH)
                .write(dir.resolve("south-up.tif"));
        GriddedInput in = GeoTiffInputReader.read(InputOptions.of(file));
        assertEquals(new Grid2D(COLUMNS, ROWS, DX, WEST + DX / 2, NORTH + DX / 2), in.grid());
        assertEquals(rows[0][5], in.bed()[5], "the first row of a south-up image is the southern one");
    }

    @Test
    void aRotatedTransformIsRefused() throws IOException {
        Path file = TinyGeoTiff.projected(image(false), 32632, 0, 0, DX).transformation(DX, 5, WEST, 5, -DX, NORTH)
                .write(dir.resolve("rotated.tif"));
        InputException e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(InputOptions.of(file)));
        assertTrue(e.getMessage().contains("rotated.tif") && e.getMessage().contains("rotated")
                && e.getMessage().contains("north-up"), e.getMessage());
    }

    @Test
    void nonSquareCellsAndMissingGeoreferencingAreRefused() throws IOException {
        Path oblong = TinyGeoTiff.projected(image(false), 32632, WEST, NORTH, DX).pixelScale(50, 60)
                .write(dir.resolve("oblong.tif"));
        InputException e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(InputOptions.of(oblong)));
        assertTrue(e.getMessage().contains("50 m (x) by 60 m (y)") && e.getMessage().contains("square"),
                e.getMessage());
        Path plain = TinyGeoTiff.plain(image(false)).write(dir.resolve("plain.tif"));
        e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(InputOptions.of(plain)));
        assertTrue(e.getMessage().contains("plain.tif") && e.getMessage().contains("no georeferencing"),
                e.getMessage());
    }

    @Test
    void aGeographicFileIsRefusedWithTheWayToReprojectIt() throws IOException {
        Path file = TinyGeoTiff.plain(image(true)).sample(TinyGeoTiff.Sample.INT16).pixelScale(1.0 / 1200, 1.0 / 1200)
                .tiepoint(0, 0, 10.6, 47.0).geoKey(1024, 2).geoKey(1025, 1).geoKey(2048, 4326)
                .write(dir.resolve("geographic.tif"));
        InputException e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(InputOptions.of(file)));
        assertTrue(e.getMessage().contains("geographic.tif") && e.getMessage().contains("geographic coordinates")
                && e.getMessage().contains("gdalwarp -t_srs EPSG:32632 -tr 100 100"), e.getMessage());
    }

    @Test
    void nodataInTheBedNamesTheCell() throws IOException {
        double[][] rows = image(false);
        rows[2][5] = -9999;
        Path file = TinyGeoTiff.projected(rows, 32632, WEST, NORTH, DX).nodata("-9999").write(dir.resolve("hole.tif"));
        InputException e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(InputOptions.of(file)));
        assertTrue(e.getMessage().contains("hole.tif (topg)") && e.getMessage().contains("no data")
                && e.getMessage().contains("i=5, j=17"), e.getMessage());
        InputException cropped = assertThrows(InputException.class,
                () -> GeoTiffInputReader.read(InputOptions.of(file).withCrop(new int[] {5, 17, 1, 1})));
        assertTrue(cropped.getMessage().contains("i=5, j=17"), cropped.getMessage());
        GriddedInput outside = GeoTiffInputReader.read(InputOptions.of(file).withCrop(new int[] {6, 0, 4, 4}));
        assertEquals(4, outside.grid().nx(), "a crop that leaves the hole out reads");
    }

    @Test
    void nodataThicknessIsAnErrorOrNoIceAsInputFillNanThicknessSays() throws IOException {
        double[][] bed = image(false);
        double[][] thickness = new double[ROWS][COLUMNS];
        thickness[3][4] = 120;
        thickness[10][10] = Double.NaN;
        thickness[11][10] = -1;
        Path bedFile = TinyGeoTiff.projected(bed, 32632, WEST, NORTH, DX).write(dir.resolve("bed.tif"));
        Path thkFile = TinyGeoTiff.projected(thickness, 32632, WEST, NORTH, DX).nodata("-1")
                .write(dir.resolve("thk.tif"));
        Map<String, Path> files = Map.of("topg", bedFile, "thk", thkFile);
        InputException e = assertThrows(InputException.class,
                () -> GeoTiffInputReader.read(files, InputOptions.of(bedFile)));
        assertTrue(e.getMessage().contains("thk.tif (thk)") && e.getMessage().contains("input.fill_nan_thickness"),
                e.getMessage());
        GriddedInput in = GeoTiffInputReader.read(files, InputOptions.of(bedFile).withFillNanThicknessWithZero(true));
        int k = (ROWS - 1 - 3) * COLUMNS + 4;
        assertEquals(120, in.thickness()[k]);
        assertEquals(bed[3][4] + 120, in.surface()[k], "usurf = topg + thk");
        assertEquals(0, in.thickness()[(ROWS - 1 - 10) * COLUMNS + 10]);
        assertEquals(0, in.thickness()[(ROWS - 1 - 11) * COLUMNS + 10]);
    }

    @Test
    void surfaceAndThicknessGiveTheBedAndOptionalFieldsAreCroppedAndCoarsened() throws IOException {
        double[][] surface = image(false);
        double[][] thickness = new double[ROWS][COLUMNS];
        double[][] mask = new double[ROWS][COLUMNS];
        double[][] sliding = new double[ROWS][COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                thickness[r][c] = c < 10 ? 40 : 0;
                mask[r][c] = c < 10 ? 1 : 0;
                sliding[r][c] = 0.5 * c;
            }
        }
        Map<String, Path> files = Map.of(
                "usurf", TinyGeoTiff.projected(surface, 32632, WEST, NORTH, DX).write(dir.resolve("usurf.tif")),
                "thk", TinyGeoTiff.projected(thickness, 32632, WEST, NORTH, DX).sample(TinyGeoTiff.Sample.INT16)
                        .write(dir.resolve("thk.tif")),
                "icemask", TinyGeoTiff.projected(mask, 32632, WEST, NORTH, DX).write(dir.resolve("mask.tif")),
                "slidingco", TinyGeoTiff.projected(sliding, 32632, WEST, NORTH, DX).compression(DEFLATE)
                        .predictor(3).write(dir.resolve("slidingco.tif")));
        InputOptions options = InputOptions.of(files.get("usurf")).withCrop(new int[] {6, 2, 8, 6}).withCoarsen(2);
        GriddedInput in = GeoTiffInputReader.read(files, options);
        assertEquals(new Grid2D(4, 3, 2 * DX, WEST + 7 * DX, NORTH - ROWS * DX + 3 * DX), in.grid());
        // Block (0, 0): columns 6-7, rows from the top 16-17 (j = 2, 3).
        double meanSurface = (value(17, 6, false) + value(17, 7, false) + value(16, 6, false)
                + value(16, 7, false)) / 4;
        assertEquals(meanSurface, in.surface()[0], 1e-12);
        assertEquals(meanSurface - 40, in.bed()[0], 1e-12);
        assertEquals(40, in.thickness()[0]);
        assertArrayEquals(new double[] {1, 1, 0, 0}, java.util.Arrays.copyOf(in.iceMask(), 4));
        assertEquals(0.5 * 6.5, in.slidingCoefficient()[0]);
        assertNull(in.rateFactor());
    }

    @Test
    void valuesWrongInKindAreRefusedAsInNetcdfInput() throws IOException {
        double[][] bed = image(false);
        double[][] thickness = new double[ROWS][COLUMNS];
        double[][] surface = image(false);
        double[][] mask = new double[ROWS][COLUMNS];
        surface[4][6] += 5;
        mask[1][2] = 5;
        thickness[7][8] = 20000;
        Path bedFile = TinyGeoTiff.projected(bed, 32632, WEST, NORTH, DX).write(dir.resolve("bed.tif"));
        Path zero = TinyGeoTiff.projected(new double[ROWS][COLUMNS], 32632, WEST, NORTH, DX)
                .write(dir.resolve("zero.tif"));
        Path surfaceFile = TinyGeoTiff.projected(surface, 32632, WEST, NORTH, DX).write(dir.resolve("usurf.tif"));
        Path maskFile = TinyGeoTiff.projected(mask, 32632, WEST, NORTH, DX).write(dir.resolve("mask.tif"));
        Path thickFile = TinyGeoTiff.projected(thickness, 32632, WEST, NORTH, DX).write(dir.resolve("thick.tif"));
        InputOptions options = InputOptions.of(bedFile);
        InputException e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(
                Map.of("topg", bedFile, "usurf", surfaceFile, "thk", zero), options));
        assertTrue(e.getMessage().contains("usurf.tif (usurf)") && e.getMessage().contains("i=6, j=15")
                && e.getMessage().contains("topg + thk"), e.getMessage());
        e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(
                Map.of("topg", bedFile, "icemask", maskFile), options));
        assertTrue(e.getMessage().contains("mask.tif (icemask)") && e.getMessage().contains("value 5")
                && e.getMessage().contains("i=2, j=18"), e.getMessage());
        e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(
                Map.of("topg", bedFile, "thk", thickFile), options));
        assertTrue(e.getMessage().contains("thick.tif (thk)") && e.getMessage().contains("20000 m")
                && e.getMessage().contains("at most 10000"), e.getMessage());
    }

    @Test
    void filesOnDifferentGridsAreRefusedNamingBoth() throws IOException {
        Path bed = TinyGeoTiff.projected(image(false), 32632, WEST, NORTH, DX).write(dir.resolve("bed.tif"));
        Path shifted = TinyGeoTiff.projected(new double[ROWS][COLUMNS], 32632, WEST + DX, NORTH, DX)
                .write(dir.resolve("shifted.tif"));
        Path otherZone = TinyGeoTiff.projected(new double[ROWS][COLUMNS], 32633, WEST, NORTH, DX)
                .write(dir.resolve("zone33.tif"));
        for (Path other : new Path[] {shifted, otherZone}) {
            InputException e = assertThrows(InputException.class,
                    () -> GeoTiffInputReader.read(Map.of("topg", bed, "thk", other), InputOptions.of(bed)));
            assertTrue(e.getMessage().contains("bed.tif (topg)") && e.getMessage().contains(other + " (thk)")
                    && e.getMessage().contains("different grids"), e.getMessage());
        }
    }

    @Test
    void aCodeUnknownOfflineKeepsTheEpsgCodeAlone() throws IOException {
        Path file = TinyGeoTiff.projected(image(false), 2056, 2600000, 1200000, DX).write(dir.resolve("swiss.tif"));
        GriddedInput in = GeoTiffInputReader.read(InputOptions.of(file));
        assertEquals(Map.of("epsg", "2056"), in.projectionAttributes());
    }

    @Test
    void aBigEndianFileWithTheHorizontalPredictorIsRefusedRatherThanMisread() throws IOException {
        Path file = TinyGeoTiff.projected(image(true), 32632, WEST, NORTH, DX).sample(TinyGeoTiff.Sample.INT16)
                .compression(DEFLATE).predictor(2).bigEndian().write(dir.resolve("motorola.tif"));
        InputException e = assertThrows(InputException.class, () -> GeoTiffInputReader.read(InputOptions.of(file)));
        assertTrue(e.getMessage().contains("motorola.tif") && e.getMessage().contains("ENDIANNESS=LITTLE"),
                e.getMessage());
    }

    @Test
    void gdalScaleAndOffsetAreApplied() throws IOException {
        double[][] stored = {{0, 10, -9999}, {20, 30, 40}};
        Path file = TinyGeoTiff.projected(stored, 32632, WEST, NORTH, DX).sample(TinyGeoTiff.Sample.INT16)
                .scaleAndOffset(0.5, 100).nodata("-9999").write(dir.resolve("scaled.tif"));
        Path bed = TinyGeoTiff.projected(new double[2][3], 32632, WEST, NORTH, DX).write(dir.resolve("flat.tif"));
        GriddedInput in = GeoTiffInputReader.read(Map.of("topg", bed, "thk", file),
                InputOptions.of(bed).withFillNanThicknessWithZero(true));
        assertArrayEquals(new double[] {110, 115, 120, 100, 105, 0}, in.thickness());
    }

    @Test
    void samplesPerPixelStoredAsLongIsRead() throws IOException {
        double[][] rows = image(true);
        Path file = TinyGeoTiff.projected(rows, 32632, WEST, NORTH, DX).sample(TinyGeoTiff.Sample.INT16)
                .samplesPerPixelAsLong().write(dir.resolve("long.tif"));
        assertArrayEquals(expected(rows), GeoTiffInputReader.read(InputOptions.of(file)).bed());
    }

    @Test
    void aNetcdfFileIsNotTiff() {
        assertFalse(GeoTiffInputReader.isTiff(Path.of("examples", "aletsch", "aletsch.nc")));
        assertFalse(GeoTiffInputReader.isGeoTiffInput(Path.of("examples", "aletsch", "aletsch.nc")));
        assertFalse(GeoTiffInputReader.isGeoTiffInput(null));
    }

    @Test
    void aTifNameIsAGeoTiffInputEvenWithoutItsSignature() {
        assertTrue(GeoTiffInputReader.isGeoTiffInput(Path.of("absent", "dem.tif")));
        assertTrue(GeoTiffInputReader.isGeoTiffInput(Path.of("absent", "DEM.TIFF")));
        assertFalse(GeoTiffInputReader.isTiff(Path.of("absent", "dem.tif")));
    }

    @Test
    void theUtmDemsLoadWithTheirCrs() {
        Path oetztal = TestData.require("terrain/oetztal_srtm_utm32n_100m.tif");
        GriddedInput in = GeoTiffInputReader.read(InputOptions.of(oetztal));
        assertEquals(new Grid2D(362, 405, 100, 623987.2315662671 + 50, 5209584.169785302 - 40500 + 50), in.grid());
        assertEquals("32632", in.projectionAttributes().get("epsg"));
        assertTrue(in.projectionAttributes().get("crs_wkt").contains("UTM zone 32N"));
        double highest = java.util.Arrays.stream(in.bed()).max().orElseThrow();
        assertTrue(highest > 3500 && highest < 3800, "Wildspitze 3768 m, averaged over 100 m cells: " + highest);

        Path baltoro = TestData.require("terrain/baltoro_srtm_utm43n_100m.tif");
        in = GeoTiffInputReader.read(InputOptions.of(baltoro));
        assertEquals(644, in.grid().nx());
        assertEquals(390, in.grid().ny());
        assertEquals(594829.8332694201 + 50, in.grid().xOrigin());
        assertEquals("32643", in.projectionAttributes().get("epsg"));
        highest = java.util.Arrays.stream(in.bed()).max().orElseThrow();
        assertTrue(highest > 7500 && highest < 8612, "K2 8611 m, averaged over 100 m cells: " + highest);
    }

    @Test
    void columbiaCarriesItsLocalTransverseMercatorAsWkt() {
        Path columbia = TestData.require("terrain/columbia_chugach_tm_100m.tif");
        GriddedInput in = GeoTiffInputReader.read(InputOptions.of(columbia));
        assertEquals(new Grid2D(639, 590, 100, -81622.77626165193 + 50, 6823468.945437095 - 59000 + 50), in.grid());
        String wkt = in.projectionAttributes().get("crs_wkt");
        assertTrue(wkt.contains("Transverse_Mercator") && wkt.contains("PARAMETER[\"central_meridian\", -146.0]")
                && wkt.contains("WGS 84"), wkt);
        assertNull(in.projectionAttributes().get("epsg"));
        assertTrue(java.util.Arrays.stream(in.bed()).min().orElseThrow() < 0, "sea level offshore");
    }

    @Test
    void theGeographicDemIsRefused() {
        Path geographic = TestData.require("terrain/oetztal_srtm_geographic_3arcsec.tif");
        InputException e = assertThrows(InputException.class,
                () -> GeoTiffInputReader.read(InputOptions.of(geographic)));
        assertTrue(e.getMessage().contains("geographic coordinates") && e.getMessage().contains("gdalwarp"),
                e.getMessage());
    }
}
