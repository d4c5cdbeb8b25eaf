package igm.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The window of a field ({@link Grid2D#cut}) on the cropped grid, and the bounding box of a mask. */
class Grid2DTest {

    @Test
    void cutTakesTheWindowInTheCroppedGridsLayout() {
        Grid2D g = Grid2D.of(4, 3, 100);
        double[] field = new double[g.size()];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                field[g.index(i, j)] = 10 * j + i;
            }
        }
        Grid2D crop = g.crop(1, 1, 2, 2);
        double[] window = g.cut(field, 1, 1, 2, 2);
        assertArrayEquals(new double[] {11, 12, 21, 22}, window);
        assertEquals(12, window[crop.index(1, 0)]);
        assertThrows(IllegalArgumentException.class, () -> g.cut(field, 3, 0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> g.cut(new double[5], 0, 0, 1, 1));
    }

    @Test
    void boundingBoxGrowsByTheMarginWithinTheGrid() {
        Grid2D g = Grid2D.of(6, 5, 100);
        boolean[] mask = new boolean[g.size()];
        mask[g.index(3, 2)] = true;
        assertArrayEquals(new int[] {2, 1, 3, 3}, g.boundingBox(mask, 1));
        assertArrayEquals(new int[] {0, 0, 6, 5}, g.boundingBox(mask, 10));
        assertNull(g.boundingBox(new boolean[g.size()], 1));
    }
}
