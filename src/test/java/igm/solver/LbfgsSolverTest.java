package igm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import org.junit.jupiter.api.Test;

/** The L-BFGS solver on small energies with a diagonal preconditioner, and the validation of its options. */
class LbfgsSolverTest {

    /** E(x) = Σ ½ a_i x_i² + ¼ c x_i⁴ − b_i x_i, preconditioned by the diagonal of the Hessian. */
    private record Diagonal(double[] a, double c, double[] b) implements PreconditionedProblem {

        @Override
        public int size() {
            return a.length;
        }

        @Override
        public Preconditioner newPreconditioner() {
            return new Scaling(new double[a.length]);
        }

        @Override
        public double energy(double[] x, double[] gradient, Preconditioner preconditioner) {
            double e = 0;
            for (int i = 0; i < x.length; i++) {
                e += 0.5 * a[i] * x[i] * x[i] + 0.25 * c * x[i] * x[i] * x[i] * x[i] - b[i] * x[i];
                gradient[i] = a[i] * x[i] + c * x[i] * x[i] * x[i] - b[i];
                if (preconditioner != null) {
                    ((Scaling) preconditioner).diagonal[i] = a[i] + 3 * c * x[i] * x[i];
                }
            }
            return e;
        }
    }

    /** E(x) = −x_0 over two unknowns: unbounded below. */
    private static final class Downhill implements PreconditionedProblem {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public Preconditioner newPreconditioner() {
            return new Scaling(new double[]{1, 1});
        }

        @Override
        public double energy(double[] x, double[] gradient, Preconditioner preconditioner) {
            gradient[0] = -1;
            gradient[1] = 0;
            return -x[0];
        }
    }

    private record Scaling(double[] diagonal) implements Preconditioner {
        @Override
        public void factor() {
        }

        @Override
        public void apply(double[] r, double[] out) {
            for (int i = 0; i < r.length; i++) {
                out[i] = r[i] / diagonal[i];
            }
        }
    }

    @Test
    void findsTheMinimiserOfAConvexEnergy() {
        double[] a = {1, 4, 0.5, 10, 2};
        double[] b = {1, -8, 2, 3, 0.5};
        double[] x = new double[a.length];
        LbfgsReport report = new LbfgsSolver(LbfgsOptions.defaults().withTolerance(1e-10).withThreads(1))
                .minimise(new Diagonal(a, 0.1, b), x);
        assertTrue(report.converged(), report.toString());
        assertNull(report.breakdown());
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i] * x[i] + 0.1 * x[i] * x[i] * x[i], 1e-8, "stationary in entry " + i);
        }
    }

    @Test
    void anEnergyUnboundedBelowBreaksTheRunDown() {
        double[] x = {1, 1};
        LbfgsReport report = new LbfgsSolver(LbfgsOptions.defaults()).minimise(new Downhill(), x);
        assertNotNull(report.breakdown(), report.toString());
        assertEquals(LbfgsReport.Cause.UNBOUNDED, report.breakdown().cause());
    }

    @Test
    void badOptionsNameTheSettingAndTheValue() {
        InputException e = assertThrows(InputException.class, () -> LbfgsOptions.defaults().withTolerance(0));
        assertTrue(e.getMessage().contains("tolerance") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(InputException.class, () -> LbfgsOptions.defaults().withHistory(0));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        e = assertThrows(InputException.class, () -> LbfgsOptions.defaults().withMaxIterations(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }
}
