package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import igm.SimulationException;
import igm.grid.Grid2D;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;

/**
 * A solve of a problem without a solution fails loudly instead of reporting convergence at an absurd velocity.
 */
class BlatterPattynFlowFailureTest {

    /**
     * A periodic slab on a 3° plane without basal drag (β² = 0, free slip everywhere): a rigid translation down the
     * plane has no strain and no drag, but lowers the energy by its driving-stress work, so the energy is unbounded
     * below and there is no velocity. The line search then finds a lower energy at every step it tries; the solver
     * must give up with a {@link SimulationException} (after one cold retry of the warm start), not call the
     * runaway converged because the step is small relative to a huge velocity.
     */
    @Test
    void freeSlippingPeriodicSlabHasNoSolutionAndTheSolveSaysSo() {
        Grid2D g = Grid2D.of(4, 4, 1000);
        int n = g.size();
        double[] h = new double[n];
        double[] a = new double[n];
        Arrays.fill(h, 500);
        Arrays.fill(a, 100);
        BlatterProblem p = new BlatterProblem(g, new double[n], h, a, new LinearSliding(new double[n]), true,
                -Math.tan(Math.toRadians(3)), 0);
        BlatterOptions o = BlatterOptions.defaults().withLevels(5);
        SimulationException e = assertThrows(SimulationException.class, () -> new BlatterPattynFlow(o).solve(p));
        assertTrue(e.getMessage().contains("without bound"), e.getMessage());
        // the same through the model, warm-started from a finite velocity: the cold retry fails too
        BlatterPattynFlow flow = new BlatterPattynFlow(o);
        double[] hWithDrag = h.clone();
        double[] b2 = new double[n];
        Arrays.fill(b2, 1e-3);
        flow.solve(new BlatterProblem(g, new double[n], hWithDrag, a, new LinearSliding(b2), true,
                -Math.tan(Math.toRadians(3)), 0));
        assertTrue(flow.lastReport().converged(), flow.lastReport().toString());
        e = assertThrows(SimulationException.class, () -> flow.solve(p));
        assertTrue(e.getMessage().contains("Blatter–Pattyn"), e.getMessage());
    }
}
