package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.Restartable;

import java.util.Arrays;

/**
 * A lagged update of any ice-flow model: the velocities of the last solve stand while no cell's thickness has changed
 * by more than a threshold δ since that solve (and the grid, bed, sliding coefficients and rate factors are the same).
 * The advective CFL limit holds the time step of a Blatter–Pattyn run to a tenth of a year at 100 m, during which the
 * geometry barely changes; re-solving only after δ metres of change cuts the number of solves several-fold. Cells that
 * have lost their ice get zero velocity (the contract of {@link IceFlowModel}); cells that gained ice get none until
 * the next solve. With δ = 0 every call solves.
 *
 * <p>For an instructor run the snapshots' velocities must still be the model's answer for their state: take them
 * from {@link #inner()} (which shares the warm start), not from this model.
 *
 * <p>Not thread-safe, as the inner model.
 */
public final class LaggedIceFlow implements IterativeIceFlow {

    private final IceFlowModel inner;
    private final double updateThickness;
    private Grid2D solvedGrid;
    private double[] solvedThickness;
    private double[] solvedBed;
    private double[] solvedSliding;
    private double[] solvedRateFactor;
    private IceFlowResult last;
    private int solves;
    private int calls;

    /**
     * @param inner           the model solved once the thickness has changed by more than the threshold
     * @param updateThickness the threshold δ, m, finite and ≥ 0
     * @throws igm.InputException when the threshold is negative or not finite
     */
    public LaggedIceFlow(IceFlowModel inner, double updateThickness) {
        if (!(updateThickness >= 0) || !Double.isFinite(updateThickness)) {
            throw new igm.InputException(inner.name() + " update threshold must be a finite thickness ≥ 0 m, got "
                    + updateThickness);
        }
        this.inner = inner;
        this.updateThickness = updateThickness;
    }

    /** The model behind the lag. */
    public IceFlowModel inner() {
        return inner;
    }

    /** The threshold δ, m. */
    public double updateThickness() {
        return updateThickness;
    }

    /** How many calls solved the inner model. */
    public int solves() {
        return solves;
    }

    /** How many calls there were. */
    public int calls() {
        return calls;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public IceFlowResult solve(IceFlowInput input) {
        calls++;
        if (updateThickness == 0) {
            solves++;
            return inner.solve(input); // nothing to keep
        }
        if (canReuse(input)) {
            return reused(input.thickness());
        }
        last = inner.solve(input);
        solves++;
        solvedGrid = input.grid();
        solvedThickness = input.thickness().clone();
        solvedBed = bed(input);
        solvedSliding = input.slidingCoefficient().clone();
        solvedRateFactor = input.rateFactor().clone();
        return copy(last);
    }

    @Override
    public SolverReport lastReport() {
        return inner instanceof IterativeIceFlow iterative ? iterative.lastReport() : null;
    }

    @Override
    public void forgetWarmStart() {
        last = null;
        solvedGrid = null;
        if (inner instanceof IterativeIceFlow iterative) {
            iterative.forgetWarmStart();
        }
    }

    /**
     * Saves the last solve (its result and the geometry, sliding coefficients and rate factors it was made for), the
     * call counters and the inner model's state when it has one.
     */
    @Override
    public void saveState(RestartState state) {
        state.put("solves", solves);
        state.put("calls", calls);
        state.putGrid("solved_grid", last == null ? null : solvedGrid);
        if (last != null) {
            state.put("solved_thickness", solvedThickness);
            state.put("solved_bed", solvedBed);
            state.put("solved_sliding", solvedSliding);
            state.put("solved_rate_factor", solvedRateFactor);
            last.saveState(state.scope("last"));
        }
        Restartable.saveComponent(inner, state, "inner");
    }

    @Override
    public void restoreState(RestartState state) {
        solves = (int) state.number("solves");
        calls = (int) state.number("calls");
        solvedGrid = state.grid("solved_grid");
        if (solvedGrid == null) {
            last = null;
        } else {
            int n = solvedGrid.size();
            solvedThickness = state.array("solved_thickness", n);
            solvedBed = state.array("solved_bed", n);
            solvedSliding = state.array("solved_sliding", n);
            solvedRateFactor = state.array("solved_rate_factor", n);
            last = IceFlowResult.restoreState(state.scope("last"), solvedGrid);
        }
        Restartable.restoreComponent(inner, state, "inner");
    }

    private boolean canReuse(IceFlowInput input) {
        if (last == null || !solvedGrid.equals(input.grid())
                || !Arrays.equals(solvedSliding, input.slidingCoefficient())
                || !Arrays.equals(solvedRateFactor, input.rateFactor())) {
            return false;
        }
        double[] h = input.thickness();
        double[] s = input.surface();
        for (int k = 0; k < h.length; k++) {
            if (!(Math.abs(h[k] - solvedThickness[k]) <= updateThickness)
                    || !(Math.abs(s[k] - h[k] - solvedBed[k]) <= updateThickness)) {
                return false;
            }
        }
        return true;
    }

    private static double[] bed(IceFlowInput input) {
        double[] b = input.surface().clone();
        double[] h = input.thickness();
        for (int k = 0; k < b.length; k++) {
            b[k] -= h[k];
        }
        return b;
    }

    /** The last result, with zero velocity in the cells that have no ice now. */
    private IceFlowResult reused(double[] h) {
        IceFlowResult r = copy(last);
        double[][] cells = {r.ubar(), r.vbar(), r.uSurface(), r.vSurface(), r.uBase(), r.vBase()};
        for (int k = 0; k < h.length; k++) {
            if (h[k] <= 0) {
                for (double[] c : cells) {
                    c[k] = 0;
                }
            }
        }
        return r;
    }

    private static IceFlowResult copy(IceFlowResult r) {
        StaggeredVelocity e = r.staggered();
        StaggeredVelocity edges = e == null ? null : new StaggeredVelocity(e.uEdge().clone(), e.vEdge().clone());
        return new IceFlowResult(r.grid(), r.ubar().clone(), r.vbar().clone(), r.uSurface().clone(),
                r.vSurface().clone(), r.uBase().clone(), r.vBase().clone(), edges, r.maxStableTimeStep());
    }
}
