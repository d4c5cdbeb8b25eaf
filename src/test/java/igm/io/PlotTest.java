package igm.io;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotTest {

    /** PNGs are also copied here so that a person can look at them. */
    private static final Path KEPT = Path.of("target", "test-plots");

    private static GriddedInput example() {
        Path file = Path.of("examples", "aletsch", "aletsch.nc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "example file " + file + " absent");
        return GriddedInputReader.read(file);
    }

    private static void keep(Path png) throws Exception {
        Files.createDirectories(KEPT);
        Files.copy(png, KEPT.resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thicknessMapOfTheExample(@TempDir Path folder) throws Exception {
        GriddedInput input = example();
        Grid2D grid = input.grid();
        Path png = folder.resolve("thk.png");
        MapPlotter.plot(png, grid, input.thickness(), input.surface(), input.thickness(),
                "Ice thickness (m), Aletsch example", "m");
        assertFalse(Files.exists(AtomicOutput.partialPathOf(png)));
        BufferedImage image = ImageIO.read(png.toFile());
        int pixel = Math.round(700.0f / Math.max(grid.nx(), grid.ny()));
        assertTrue(image.getWidth() > grid.nx() * pixel && image.getHeight() > grid.ny() * pixel,
                image.getWidth() + "×" + image.getHeight());
        assertTrue(Files.size(png) > 10_000);
        keep(png);
    }

    @Test
    void northIsUpAndBareCellsAreGrey() {
        Grid2D grid = Grid2D.of(2, 2, 100);
        double[] values = {0, 0, 100, 100};
        double[] thickness = {0, 0, 50, 50};
        double[] flat = new double[4];
        BufferedImage image = MapPlotter.render(grid, values, flat, thickness, "t", "m", 0, 100);
        int pixel = 12;
        int left = 16;
        int top = 40;
        int north = image.getRGB(left + pixel / 2, top + pixel / 2) & 0xFFFFFF;
        int south = image.getRGB(left + pixel / 2, top + pixel + pixel / 2) & 0xFFFFFF;
        int flatShade = (int) Math.round(255 * (0.25 + 0.75 * Math.sin(Math.toRadians(45))));
        assertEquals((flatShade << 16) | (flatShade << 8) | flatShade, south, "bare cell: grey hillshade");
        assertNotEquals(south, north);
        int yellow = Colormap.viridis(1);
        assertTrue(((north >> 8) & 0xFF) > ((north & 0xFF)), "the thick northern row is yellowish: "
                + Integer.toHexString(north) + " vs " + Integer.toHexString(yellow));
    }

    @Test
    void mapsOfSeveralTimesShareTheRangeOverAllOfThem() {
        Grid2D grid = Grid2D.of(2, 1, 100);
        double[] thickness = {50, 50};
        double[] early = {120, 80};
        double[] late = {340, 80};
        double[] range = MapPlotter.colourRange(List.of(early, late), List.of(thickness, thickness));
        assertArrayEquals(new double[] {0, 400}, range, 1e-12);
        assertArrayEquals(new double[] {0, 200}, MapPlotter.colourRange(List.of(early), List.of(thickness)), 1e-12,
                "one map alone would have had its own, smaller range");
        assertArrayEquals(new double[] {0, 1}, MapPlotter.colourRange(List.of(early), List.of(new double[2])), 0);
        double[] flat = new double[2];
        BufferedImage first = MapPlotter.render(grid, early, flat, thickness, "t", "m", range[0], range[1]);
        BufferedImage second = MapPlotter.render(grid, late, flat, thickness, "t", "m", range[0], range[1]);
        int pixel = 12;
        int centreOfEast = 16 + pixel + pixel / 2;
        assertEquals(first.getRGB(centreOfEast, 40 + pixel / 2), second.getRGB(centreOfEast, 40 + pixel / 2),
                "80 m has one colour in both maps");
    }

    @Test
    void differenceMapsAreDivergingAndCentredOnZero() {
        assertEquals(0xF7F7F7, Colormap.diverging(0.5));
        assertEquals(0xF7F7F7, Colormap.diverging(Double.NaN));
        int red = Colormap.diverging(1);
        int blue = Colormap.diverging(0);
        assertTrue(((red >> 16) & 0xFF) > (red & 0xFF) && (blue & 0xFF) > ((blue >> 16) & 0xFF));
        Grid2D grid = Grid2D.of(3, 1, 100);
        double[] difference = {-30, 0, 12};
        double[] thickness = {10, 10, 10};
        double[] flat = new double[3];
        BufferedImage image = MapPlotter.renderDifference(grid, difference, flat, thickness, "d", "m", Double.NaN);
        int pixel = 12;
        double dim = 0.6 + 0.4 * Math.sin(Math.toRadians(45));
        int[] colours = new int[3];
        for (int i = 0; i < 3; i++) {
            colours[i] = image.getRGB(16 + i * pixel + pixel / 2, 40 + pixel / 2) & 0xFFFFFF;
        }
        int white = (int) Math.round(0xF7 * dim);
        assertEquals((white << 16) | (white << 8) | white, colours[1], "zero is the centre (white, shaded)");
        assertTrue((colours[0] & 0xFF) > ((colours[0] >> 16) & 0xFF), "negative is blue: "
                + Integer.toHexString(colours[0]));
        assertTrue(((colours[2] >> 16) & 0xFF) > (colours[2] & 0xFF), "positive is red: "
                + Integer.toHexString(colours[2]));
        // a given limit of 30 m: −12 and +12 sit at 0.3 and 0.7 of the diverging map
        BufferedImage fixed = MapPlotter.renderDifference(grid, new double[] {-12, 0, 12}, flat, thickness, "d", "m",
                30);
        int minus = fixed.getRGB(16 + pixel / 2, 40 + pixel / 2) & 0xFFFFFF;
        int plus = fixed.getRGB(16 + 2 * pixel + pixel / 2, 40 + pixel / 2) & 0xFFFFFF;
        assertShaded(Colormap.diverging(0.3), dim, minus);
        assertShaded(Colormap.diverging(0.7), dim, plus);
    }

    private static void assertShaded(int colour, double dim, int actual) {
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(Math.round(((colour >> shift) & 0xFF) * dim), (actual >> shift) & 0xFF, 1.0,
                    Integer.toHexString(colour) + " shaded by " + dim + " vs " + Integer.toHexString(actual));
        }
    }

    @Test
    void hillshadeFacesTheLight() {
        Grid2D grid = Grid2D.of(3, 3, 100);
        // Rising towards the south-east: slopes face north-west, towards the sun at azimuth 315°.
        double[] facingLight = new double[9];
        double[] facingAway = new double[9];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                facingLight[grid.index(i, j)] = 50.0 * (i - j);
                facingAway[grid.index(i, j)] = -50.0 * (i - j);
            }
        }
        double lit = Hillshade.compute(grid, facingLight)[4];
        double dark = Hillshade.compute(grid, facingAway)[4];
        double flat = Hillshade.compute(grid, new double[9])[4];
        assertEquals(Math.sin(Math.toRadians(45)), flat, 1e-12);
        assertTrue(lit > flat && flat > dark, lit + " " + flat + " " + dark);
    }

    @Test
    void timeSeriesPlot(@TempDir Path folder) throws Exception {
        int n = 51;
        double[] time = new double[n];
        double[] volume = new double[n];
        double[] area = new double[n];
        double[] speed = new double[n];
        for (int k = 0; k < n; k++) {
            time[k] = 2000 + 2 * k;
            volume[k] = 12 * Math.exp(-k / 60.0);
            area[k] = 80 - 0.4 * k;
            speed[k] = 200 + 10 * Math.sin(k / 5.0);
        }
        Path png = folder.resolve("ts.png");
        TimeSeriesPlotter.plotGlacier(png, "Aletsch, synthetic series", time, volume, area, speed);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertTrue(image.getHeight() > 3 * 200);
        keep(png);
        assertTrue(Files.exists(png));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesPlotter.plot(folder.resolve("bad.png"), "x", time,
                        List.of(new TimeSeriesPlotter.Panel("v", "km³", new double[3]))));
        assertFalse(Files.exists(folder.resolve("bad.png")));
    }
}
