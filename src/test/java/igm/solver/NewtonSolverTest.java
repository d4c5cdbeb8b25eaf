package igm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import org.junit.jupiter.api.Test;

/** The Newton solver on a small convex energy, and the validation of its options. */
class NewtonSolverTest {

    /**
     * E(u, v) = ¼u⁴ + u² + v² − b·(u, v) at the centre node of a 3×3 grid, every other node fixed at zero: Newton
     * converges to the root of u³ + 2u = b_u and v = b_v / 2.
     */
    private static class Quartic implements NewtonProblem {
        private final BlockStencilMatrix matrix;
        private final double bu;
        private final double bv;

        Quartic(double bu, double bv) {
            int[] neighbour = new int[9];
            for (int o = 0; o < 9; o++) {
                neighbour[o] = o;
            }
            matrix = new BlockStencilMatrix(new int[]{4}, neighbour, 9, 1);
            this.bu = bu;
            this.bv = bv;
        }

        @Override
        public BlockStencilMatrix matrix() {
            return matrix;
        }

        @Override
        public double energy(double[] x) {
            double u = x[8];
            double v = x[9];
            return 0.25 * u * u * u * u + u * u + v * v - bu * u - bv * v;
        }

        @Override
        public void linearise(double[] x, Linearisation linearisation, double[] rightHandSide) {
            double u = linearisation == Linearisation.INITIAL ? 1 : x[8];
            double[] a = matrix.coefficients();
            int centre = 4 * BlockStencilMatrix.CENTRE;
            a[centre] = linearisation == Linearisation.NEWTON ? 3 * u * u + 2 : u * u + 2;
            a[centre + 3] = 2;
            rightHandSide[8] = bu - (x[8] * x[8] * x[8] + 2 * x[8]);
            rightHandSide[9] = bv - 2 * x[9];
        }
    }

    @Test
    void newtonAndPicardFindTheMinimiser() {
        for (boolean newton : new boolean[]{true, false}) {
            NewtonOptions options = NewtonOptions.defaults().withTolerance(1e-12).withLinearTolerance(1e-12)
                    .withNewton(newton);
            double[] x = new double[18];
            NewtonReport report = new NewtonSolver(options).minimise(new Quartic(3, 3), x, false);
            assertTrue(report.converged(), report.toString());
            assertEquals(1, x[8], 1e-10, "u³ + 2u = 3");
            assertEquals(1.5, x[9], 1e-10);
            assertEquals(0, x[0], 0.0, "a fixed node does not move");
        }
    }

    @Test
    void withoutUnknownsThereIsNothingToDo() {
        NewtonProblem none = new Quartic(1, 1) {
            private final BlockStencilMatrix empty = new BlockStencilMatrix(new int[0], new int[0], 9, 1);

            @Override
            public BlockStencilMatrix matrix() {
                return empty;
            }
        };
        NewtonReport report = new NewtonSolver(NewtonOptions.defaults()).minimise(none, new double[18], false);
        assertEquals(new NewtonReport(0, 0, 0, true), report);
    }

    @Test
    void badOptionsNameTheSettingAndTheValue() {
        InputException e = assertThrows(InputException.class, () -> NewtonOptions.defaults().withTolerance(2));
        assertTrue(e.getMessage().contains("tolerance") && e.getMessage().contains("2.0"), e.getMessage());
        e = assertThrows(InputException.class, () -> NewtonOptions.defaults().withMaxIterations(0));
        assertTrue(e.getMessage().contains("iterations") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(InputException.class, () -> NewtonOptions.defaults().withThreads(-1));
        assertTrue(e.getMessage().contains("thread") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(InputException.class, () -> NewtonOptions.defaults().withLinearTolerance(0));
        assertTrue(e.getMessage().contains("linear tolerance"), e.getMessage());
    }
}
