package igm.instruct;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.GriddedInput;
import igm.io.TinyGeoTiff;
import igm.io.InputOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows of the bundled Aletsch DEM: off the glacier outline, distinct, reproducible. */
class TerrainCropsTest {

    static final Path ALETSCH = Path.of("examples", "aletsch", "aletsch.nc");

    private static GriddedInput dem;

    @BeforeAll
    static void read() {
        dem = TerrainCrops.readDem(InputOptions.of(ALETSCH), 100);
    }

    @Test
    void windowsAvoidTheIceMaskAndAreDistinctValleys() {
        List<TerrainCrops.Window> windows = TerrainCrops.select(dem, 48, 64, 2, 0, 0.25, 500, 42);
        assertEquals(2, windows.size());
        Grid2D g = dem.grid();
        for (TerrainCrops.Window w : windows) {
            assertTrue(w.i0() >= 0 && w.j0() >= 0 && w.i0() + 48 <= g.nx() && w.j0() + 64 <= g.ny(), w.toString());
            int inMask = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = w.j0(); j < w.j0() + 64; j++) {
                for (int i = w.i0(); i < w.i0() + 48; i++) {
                    int k = g.index(i, j);
                    inMask += dem.iceMask()[k] > 0.5 ? 1 : 0;
                    lo = Math.min(lo, dem.bed()[k]);
                    hi = Math.max(hi, dem.bed()[k]);
                }
            }
            assertEquals(0, inMask, "window " + w + " touches the glacier outline");
            assertTrue(hi - lo >= 500, "relief " + (hi - lo));
            assertEquals(hi - lo, w.relief(), 1e-9);
        }
        assertTrue(windows.get(0).overlap(windows.get(1)) <= 0.25, "windows share " + windows.get(0)
                .overlap(windows.get(1)));
        assertTrue(windows.get(1).overlap(windows.get(0)) <= 0.25);
    }

    @Test
    void aWindowIsTheBedOfItsCellsOnTheDemsCoordinates() {
        TerrainCrops.Window w = TerrainCrops.select(dem, 48, 64, 1, 0, 0.25, 500, 7).getFirst();
        Valley v = TerrainCrops.valley(dem, w, 3);
        Grid2D g = dem.grid();
        assertEquals(Valley.TERRAIN, v.kind());
        assertEquals(3, v.index());
        assertEquals(g.x(w.i0()), v.grid().xOrigin());
        assertEquals(g.y(w.j0()), v.grid().yOrigin());
        assertEquals(100, v.grid().dx());
        for (int j = 0; j < 64; j++) {
            for (int i = 0; i < 48; i++) {
                assertEquals(dem.bed()[g.index(w.i0() + i, w.j0() + j)], v.bed()[v.grid().index(i, j)]);
            }
        }
        assertEquals(Integer.toString(w.i0()), v.description().get("window_i0"));
    }

    @Test
    void theSeedChoosesTheWindows() {
        List<TerrainCrops.Window> a = TerrainCrops.select(dem, 40, 64, 3, 0, 0.25, 500, 1);
        assertEquals(a, TerrainCrops.select(dem, 40, 64, 3, 0, 0.25, 500, 1));
        assertNotEquals(a, TerrainCrops.select(dem, 40, 64, 3, 0, 0.25, 500, 2));
        assertEquals(a.subList(0, 2), TerrainCrops.select(dem, 40, 64, 2, 0, 0.25, 500, 1),
                "asking for fewer windows keeps the first ones");
    }

    @Test
    void aMaskOverlapAllowanceLetsWindowsOntoTheGlacier() {
        List<TerrainCrops.Window> windows = TerrainCrops.select(dem, 48, 64, 6, 0.5, 0.25, 500, 42);
        assertEquals(6, windows.size());
        assertTrue(windows.stream().allMatch(w -> w.maskOverlap() <= 0.5));
        assertTrue(windows.stream().anyMatch(w -> w.maskOverlap() > 0), windows.toString());
    }

    @Test
    void tooManyWindowsIsAClearError() {
        InputException e = assertThrows(InputException.class,
                () -> TerrainCrops.select(dem, 48, 64, 20, 0, 0.25, 500, 42));
        assertTrue(e.getMessage().contains("20 were asked for") && e.getMessage().contains("larger DEM"),
                e.getMessage());
        InputException big = assertThrows(InputException.class,
                () -> TerrainCrops.select(dem, 48, 400, 1, 0, 0.25, 500, 42));
        assertTrue(big.getMessage().contains("do not fit"), big.getMessage());
    }

    @Test
    void theDemIsCoarsenedToTheGridSpacing() {
        GriddedInput coarse = TerrainCrops.readDem(InputOptions.of(ALETSCH), 200);
        assertEquals(200, coarse.grid().dx());
        assertEquals(80, coarse.grid().nx());
        assertEquals(112, coarse.grid().ny());
        double mean = 0.25 * (dem.bed()[dem.grid().index(0, 0)] + dem.bed()[dem.grid().index(1, 0)]
                + dem.bed()[dem.grid().index(0, 1)] + dem.bed()[dem.grid().index(1, 1)]);
        assertEquals(mean, coarse.bed()[0], 1e-9);
        InputException e = assertThrows(InputException.class,
                () -> TerrainCrops.readDem(InputOptions.of(ALETSCH), 150));
        assertTrue(e.getMessage().contains("whole multiple"), e.getMessage());
        assertArrayEquals(dem.bed(), TerrainCrops.readDem(InputOptions.of(ALETSCH), 100).bed());
    }

    @Test
    void aGeoTiffDemIsReadAsTheBedAndCoarsened(@TempDir Path dir) throws java.io.IOException {
        double[][] rows = new double[6][8];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 8; c++) {
                rows[r][c] = 3000 - 10 * c + 100 * r;
            }
        }
        Path file = TinyGeoTiff.projected(rows, 32632, 600000, 5200000, 100).compression(TinyGeoTiff.DEFLATE)
                .predictor(3).write(dir.resolve("dem.tif"));
        GriddedInput coarse = TerrainCrops.readDem(InputOptions.of(file), 200);
        assertEquals(new Grid2D(4, 3, 200, 600100, 5199500), coarse.grid());
        assertEquals((rows[5][0] + rows[5][1] + rows[4][0] + rows[4][1]) / 4, coarse.bed()[0]);
        assertArrayEquals(new double[12], coarse.thickness());
    }
}
