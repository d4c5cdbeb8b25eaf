package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import igm.InputException;
import igm.grid.Grid2D;

/** The lagged update: the last solve stands while the thickness moved by at most δ, and not a step longer. */
class LaggedIceFlowTest {

    private static final Grid2D GRID = Grid2D.of(21, 15, 100);

    /** A dome on an inclined bed, its thickness shifted everywhere by {@code dh} and cut to 0 in cell {@code cut}. */
    private static IceFlowInput dome(double dh, int cut) {
        int n = GRID.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < GRID.ny(); j++) {
            for (int i = 0; i < GRID.nx(); i++) {
                int k = GRID.index(i, j);
                double r2 = Math.pow((i - 10) / 8.0, 2) + Math.pow((j - 7) / 6.0, 2);
                h[k] = r2 < 1 ? 150 * Math.sqrt(1 - r2) + dh : 0;
                if (k == cut) {
                    h[k] = 0;
                }
                s[k] = 2000 + 0.1 * GRID.x(i) + h[k];
                c[k] = 5;
                a[k] = 78;
            }
        }
        return new IceFlowInput(GRID, h, s, c, a);
    }

    @Test
    void reusesTheLastSolveWithinTheThresholdAndSolvesBeyondIt() {
        LaggedIceFlow lagged = new LaggedIceFlow(new ShallowIceFlow(), 1.0);
        IceFlowResult first = lagged.solve(dome(0, -1));
        assertEquals(1, lagged.solves());
        IceFlowResult within = lagged.solve(dome(0.9, -1));
        assertEquals(1, lagged.solves(), "0.9 m of change: the first solve stands");
        assertArrayEquals(first.ubar(), within.ubar());
        assertNotSame(first.ubar(), within.ubar(), "a copy, so that a caller may write into it");
        IceFlowResult beyond = lagged.solve(dome(1.1, -1));
        assertEquals(2, lagged.solves(), "1.1 m of change: solved again");
        assertArrayEquals(new ShallowIceFlow().solve(dome(1.1, -1)).ubar(), beyond.ubar());
        assertEquals(3, lagged.calls());
    }

    @Test
    void cellsThatLostTheirIceHaveNoVelocity() {
        int cell = GRID.index(10, 7);
        IceFlowInput thin = dome(-149.5, -1); // 0.5 m at the centre, nothing elsewhere
        LaggedIceFlow lagged = new LaggedIceFlow(new ShallowIceFlow(), 1.0);
        IceFlowResult before = lagged.solve(thin);
        assertTrue(Math.abs(before.ubar()[cell]) + Math.abs(before.uSurface()[cell]) > 0, "the thin ice moves");
        IceFlowResult after = lagged.solve(dome(-149.5, cell));
        assertEquals(1, lagged.solves());
        for (double[] f : new double[][]{after.ubar(), after.vbar(), after.uSurface(), after.vSurface(),
                after.uBase(), after.vBase()}) {
            assertEquals(0, f[cell]);
        }
    }

    @Test
    void anotherSlidingCoefficientOrAZeroThresholdSolves() {
        LaggedIceFlow lagged = new LaggedIceFlow(new ShallowIceFlow(), 1.0);
        IceFlowInput in = dome(0, -1);
        lagged.solve(in);
        double[] c = in.slidingCoefficient().clone();
        c[3] = 6;
        lagged.solve(new IceFlowInput(GRID, in.thickness(), in.surface(), c, in.rateFactor()));
        assertEquals(2, lagged.solves());
        LaggedIceFlow never = new LaggedIceFlow(new ShallowIceFlow(), 0);
        never.solve(in);
        never.solve(in);
        assertEquals(2, never.solves());
        assertThrows(InputException.class, () -> new LaggedIceFlow(new ShallowIceFlow(), -1));
        assertEquals("sia", lagged.name());
    }
}
