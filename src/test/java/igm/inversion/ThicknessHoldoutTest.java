package igm.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Thickness profiles are the observed cells connected through their eight neighbours; the withheld ones are whole
 * profiles, the same for the same seed, their share as asked; the errors are those of the withheld cells.
 */
class ThicknessHoldoutTest {

    /** Four profiles on 20 × 12 cells: two columns, a diagonal line and a single cell. */
    static double[] observations(Grid2D g) {
        double[] h = new double[g.size()];
        Arrays.fill(h, Double.NaN);
        for (int j = 1; j < 11; j++) {
            h[g.index(3, j)] = 100 + j;
            h[g.index(9, j)] = 200 + j;
        }
        for (int t = 0; t < 6; t++) {
            h[g.index(12 + t, 2 + t)] = 300 + t;
        }
        h[g.index(18, 10)] = 400;
        return h;
    }

    @Test
    void withholdsWholeProfilesReproducibly() {
        Grid2D g = Grid2D.of(20, 12, 100);
        double[] h = observations(g);
        ThicknessHoldout a = ThicknessHoldout.split(g, h, 0.5, 7);
        ThicknessHoldout b = ThicknessHoldout.split(g, h, 0.5, 7);
        assertEquals(4, a.profiles(), "two columns, a diagonal (connected corner to corner) and a single cell");
        assertEquals(2, a.held());
        assertArrayEquals(a.withheld(), b.withheld(), "the same seed withholds the same profiles");
        int withheldHundreds = 0;
        for (int k = 0; k < g.size(); k++) {
            assertTrue(Double.isNaN(a.used()[k]) || Double.isNaN(a.withheld()[k]), "a cell is used or withheld");
            if (Double.isFinite(h[k])) {
                assertTrue(Double.isFinite(a.used()[k]) || Double.isFinite(a.withheld()[k]), "no cell is lost");
            }
        }
        for (int hundreds = 1; hundreds <= 4; hundreds++) {
            int held = 0;
            int all = 0;
            for (int k = 0; k < g.size(); k++) {
                if (Double.isFinite(h[k]) && (int) (h[k] / 100) == hundreds) {
                    all++;
                    held += Double.isFinite(a.withheld()[k]) ? 1 : 0;
                }
            }
            assertTrue(held == 0 || held == all, "profile " + hundreds + " is withheld whole or not at all");
            withheldHundreds += held == all ? 1 : 0;
        }
        assertEquals(2, withheldHundreds);
        assertEquals(0, ThicknessHoldout.split(g, h, 0, 7).held(), "share 0: nothing withheld");
        double[] errors = a.errors(a.withheld());
        assertEquals(0, errors[0], "the withheld thickness itself has no error");
        double[] shifted = h.clone();
        for (int k = 0; k < shifted.length; k++) {
            shifted[k] = Double.isFinite(h[k]) ? h[k] + 5 : 0;
        }
        assertArrayEquals(new double[] {5, 5}, a.errors(shifted), 1e-12, "RMSE and bias of a 5 m offset");
    }
}
