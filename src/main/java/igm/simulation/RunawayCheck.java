package igm.simulation;

import igm.SimulationException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.params.Parameters;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.transport.ThicknessTransport;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Stops a run that has run away, as Oceananigans' NaN checker does, with one message naming the time, the cell, the
 * variable, its value and the likely cause. Every {@link Simulation} has one by default
 * ({@link Simulation#runawayCheck(RunawayCheck)} replaces or removes it); it looks at the state at the start and
 * after every step, once its velocity and SMB are known, and throws a
 * {@link SimulationException} when
 * <ul>
 *   <li>the SMB, a velocity component (depth-averaged or surface) or the thickness is not finite;</li>
 *   <li>|SMB| exceeds {@link Limits#maxSmb()} (m ice eq. a⁻¹), the thickness exceeds {@link Limits#maxThickness()}
 *       (m), or the depth-averaged or surface speed exceeds {@link Limits#maxSpeed()} (m a⁻¹);</li>
 *   <li>the largest stable step of the physics (min of the CFL limit C·Δx/max|ū_edge| and the ice-flow model's own
 *       limit; the cap {@code time.max_step} is left out) has stayed below {@link Limits#minStep()} (years) at each
 *       of {@link Limits#collapsedSteps()} consecutive steps.</li>
 * </ul>
 * The checks are tried in that order; the first that fails names the cell where it fails first in row-major order
 * (for the bounds, the cell of the largest value). The values are compared in one pass over the cells; the stable
 * step is computed only after a step shorter than the minimum. One instance per run (it counts steps); the count of
 * collapsed steps and the time of the last call are its state in a checkpoint ({@link Restartable}), so that a
 * resumed run stops at the same step as the run in one piece.
 */
public final class RunawayCheck implements SimulationCallback, Restartable {

    /** Suffix of every message: how to turn the check off. */
    static final String SWITCH = " (run.runaway_check: false turns this check off)";

    /**
     * The bounds of a sane state.
     *
     * @param maxThickness   largest ice thickness, m, positive
     * @param maxSpeed       largest depth-averaged or surface speed, m a⁻¹, positive
     * @param maxSmb         largest |SMB|, m ice eq. a⁻¹, positive
     * @param minStep        smallest stable step of the physics that is not a collapse, years, ≥ 0
     * @param collapsedSteps consecutive steps with a stable step below {@code minStep} that stop the run, ≥ 1
     */
    public record Limits(double maxThickness, double maxSpeed, double maxSmb, double minStep, int collapsedSteps) {
        public Limits {
            if (!(maxThickness > 0) || !(maxSpeed > 0) || !(maxSmb > 0) || !(minStep >= 0) || collapsedSteps < 1) {
                throw new IllegalArgumentException("runaway limits must be positive (steps ≥ 1), got " + maxThickness
                        + " m, " + maxSpeed + " m a-1, " + maxSmb + " m a-1, " + minStep + " a, " + collapsedSteps);
            }
        }

        /** The defaults of the parameters: 10 km, 1e5 m a⁻¹, 100 m a⁻¹, 1e-6 a for 100 steps. */
        public static Limits defaults() {
            return new Limits(1e4, 1e5, 100, 1e-6, 100);
        }

        /**
         * The limits of {@code run.max_thickness}, {@code run.max_speed}, {@code run.max_smb}, {@code run.min_step}
         * and {@code run.min_step_count}, or {@code null} when {@code run.runaway_check} is false.
         */
        public static Limits of(Parameters p) {
            return p.bool("run.runaway_check") ? new Limits(p.number("run.max_thickness"), p.number("run.max_speed"),
                    p.number("run.max_smb"), p.number("run.min_step"), p.integer("run.min_step_count")) : null;
        }
    }

    /**
     * The check a simulation of the parameters runs ({@link Limits#of}), or {@code null} when
     * {@code run.runaway_check} is false; for {@link Simulation#runawayCheck(RunawayCheck)}.
     */
    public static RunawayCheck of(Parameters p) {
        return of(Limits.of(p));
    }

    /** A check with these limits, or {@code null} (no check) when {@code limits} is {@code null}. */
    public static RunawayCheck of(Limits limits) {
        return limits == null ? null : new RunawayCheck(limits);
    }

    private final Limits limits;
    private double previousTime = Double.NaN;
    private int collapsed;

    public RunawayCheck(Limits limits) {
        this.limits = limits;
    }

    /**
     * Checks the state of {@code simulation} at {@code time}.
     *
     * @throws SimulationException when the run has run away
     */
    @Override
    public void call(Simulation simulation, double time) {
        double step = time - previousTime;
        previousTime = time;
        Model model = simulation.model();
        double elapsed = time - simulation.startTime();
        checkValues(model, time, elapsed);
        if (step < limits.minStep()) {
            double stable = physicalStableStep(model);
            collapsed = stable < limits.minStep() ? collapsed + 1 : 0;
            if (collapsed >= limits.collapsedSteps()) {
                throw new SimulationException("runaway at t = " + number(time, 10) + " a: the time step has "
                        + "collapsed: the largest stable step has stayed below run.min_step = "
                        + number(limits.minStep()) + " a for " + collapsed + " steps (run.min_step_count), now "
                        + value(stable) + " a; "
                        + stepLimitCause(model) + SWITCH);
            }
        } else {
            collapsed = 0;
        }
    }

    /** Saves the time of the last call (years, NaN before the first) and the count of collapsed steps. */
    @Override
    public void saveState(RestartState state) {
        state.put("previous_time", previousTime);
        state.put("collapsed_steps", collapsed);
    }

    /** Restores what {@link #saveState} saved. */
    @Override
    public void restoreState(RestartState state) {
        previousTime = state.number("previous_time");
        collapsed = (int) state.number("collapsed_steps");
    }

    /** The values checks: non-finite values, then the bounds. */
    private void checkValues(Model model, double time, double elapsed) {
        GlacierState state = model.state();
        IceFlowResult flow = model.flow();
        double[] h = state.thickness();
        double[] smb = model.smb();
        double[] ub = flow.ubar();
        double[] vb = flow.vbar();
        double[] us = flow.uSurface();
        double[] vs = flow.vSurface();
        double maxH = limits.maxThickness();
        double maxSmb = limits.maxSmb();
        double maxSpeed2 = limits.maxSpeed() * limits.maxSpeed();
        boolean sane = true;
        for (int k = 0; k < h.length; k++) {
            sane &= h[k] <= maxH & Math.abs(smb[k]) <= maxSmb & ub[k] * ub[k] + vb[k] * vb[k] <= maxSpeed2
                    & us[k] * us[k] + vs[k] * vs[k] <= maxSpeed2;
        }
        if (sane) {
            return;
        }
        Grid2D grid = state.grid();
        String at = "runaway at t = " + number(time, 10) + " a: ";
        int k = firstNonFinite(smb);
        if (k >= 0) {
            throw new SimulationException(at + "the SMB is " + smb[k] + " m a-1 at " + cell(grid, k)
                    + "; likely cause: the mass-balance model " + model.massBalance().name() + ": check smb.*"
                    + SWITCH);
        }
        FieldSpec[] names = {FieldSpec.UBAR, FieldSpec.VBAR, FieldSpec.UVELSURF, FieldSpec.VVELSURF};
        double[][] components = {ub, vb, us, vs};
        for (int c = 0; c < components.length; c++) {
            double[] component = components[c];
            k = firstNonFinite(component);
            if (k >= 0) {
                throw new SimulationException(at + "the velocity " + names[c].name() + " is " + component[k]
                        + " m a-1 at "
                        + cell(grid, k) + ", where the ice is " + value(h[k]) + " m thick; likely cause: the "
                        + "ice-flow model " + model.iceFlow().name() + ": check iceflow.*" + SWITCH);
            }
        }
        k = firstNonFinite(h);
        if (k >= 0) {
            throw new SimulationException(at + "the ice thickness is " + h[k] + " m at " + cell(grid, k)
                    + "; likely cause: " + growthCause(model, k, elapsed) + SWITCH);
        }
        k = largestMagnitude(smb);
        if (Math.abs(smb[k]) > maxSmb) {
            throw new SimulationException(at + "SMB of " + signed(smb[k]) + " m a-1 at " + cell(grid, k)
                    + " is beyond run.max_smb = " + number(maxSmb) + " m a-1 (no glacier's balance comes near); "
                    + "likely cause: the mass-balance model " + model.massBalance().name() + ": check smb.*" + SWITCH);
        }
        k = largestMagnitude(h);
        if (h[k] > maxH) {
            throw new SimulationException(at + "ice thickness of " + value(h[k]) + " m at " + cell(grid, k)
                    + " is beyond run.max_thickness = " + number(maxH) + " m; likely cause: "
                    + growthCause(model, k, elapsed) + SWITCH);
        }
        double fastest = -1;
        for (int c = 0; c < h.length; c++) {
            double speed = Math.max(Math.hypot(ub[c], vb[c]), Math.hypot(us[c], vs[c]));
            if (speed > fastest) {
                fastest = speed;
                k = c;
            }
        }
        throw new SimulationException(at + "ice speed of " + value(fastest) + " m a-1 at " + cell(grid, k)
                + " is beyond run.max_speed = " + number(limits.maxSpeed()) + " m a-1, where the ice is "
                + value(h[k]) + " m thick; likely cause: " + speedCause(model, k, elapsed) + SWITCH);
    }

    /** Why the ice at cell k is thick: the initial state, the SMB piling up ice, or the flow converging. */
    private static String growthCause(Model model, int k, double elapsed) {
        double smb = model.smb()[k];
        if (elapsed == 0) {
            return "the initial state: check input.file (thk)";
        }
        if (smb > 0 && smb * elapsed >= 0.5 * model.state().thickness()[k]) {
            return "the SMB of " + signed(smb) + " m a-1 at the cell piles up ice: check smb.*";
        }
        return "ice converging there by flow faster than the step resolves: check iceflow.* (rate_factor, "
                + "sliding_coefficient) or try a smaller thickness.cfl or time.max_step";
    }

    /** Why the ice at cell k is fast: a thickness grown by the SMB, the initial state, or the flow model. */
    private static String speedCause(Model model, int k, double elapsed) {
        double smb = model.smb()[k];
        if (elapsed > 0 && smb > 0 && smb * elapsed >= 0.5 * model.state().thickness()[k]) {
            return "the SMB of " + signed(smb) + " m a-1 at the cell piles up ice: check smb.*";
        }
        if (elapsed == 0) {
            return "the initial state or the ice-flow model " + model.iceFlow().name() + ": check input.file and "
                    + "iceflow.* (rate_factor, sliding_coefficient)";
        }
        return "the ice-flow model " + model.iceFlow().name() + ": check iceflow.* (rate_factor, "
                + "sliding_coefficient) or try a smaller thickness.cfl or time.max_step";
    }

    /** Which limit sets the stable step: the CFL limit at the fastest cell, or the ice-flow model's own limit. */
    private static String stepLimitCause(Model model) {
        ThicknessTransport transport = model.transport();
        IceFlowResult flow = model.flow();
        GlacierState state = model.state();
        double speed = transport.maxEdgeSpeed(flow);
        double advective = transport.maxTimeStep(flow).years();
        int k = fastestCell(flow);
        String where = cell(state.grid(), k) + ", where the ice is " + value(state.thickness()[k]) + " m thick and "
                + "the SMB " + signed(model.smb()[k]) + " m a-1";
        if (advective <= flow.maxStableTimeStep()) {
            return "it is the CFL limit thickness.cfl·Δx/max|ū| = " + value(advective) + " a, with |ū| up to "
                    + value(speed) + " m a-1 near " + where + ": check smb.* and iceflow.*";
        }
        return "it is the ice-flow model " + model.iceFlow().name() + "'s own limit (" + value(flow.maxStableTimeStep())
                + " a), the fastest ice being at " + where + ": check smb.* and iceflow.*";
    }

    /**
     * The likely cause of a thickness update that overflowed with a step of {@code dt} years, for the message of
     * {@link Model#advance}: a non-finite SMB or velocity, a step beyond the stable step, or values beyond any
     * physical range.
     */
    static String overflowCause(Model model, double dt) {
        Grid2D grid = model.state().grid();
        int k = firstNonFinite(model.smb());
        if (k >= 0) {
            return "the SMB is " + model.smb()[k] + " m a-1 at " + cell(grid, k) + ": check smb.*";
        }
        IceFlowResult flow = model.flow();
        for (double[] component : new double[][]{flow.ubar(), flow.vbar()}) {
            k = firstNonFinite(component);
            if (k >= 0) {
                return "the velocity of the ice-flow model " + model.iceFlow().name() + " is " + component[k]
                        + " m a-1 at " + cell(grid, k) + ": check iceflow.*";
            }
        }
        double stable = physicalStableStep(model);
        if (dt > stable * (1 + 1e-9)) {
            return "the step of " + value(dt) + " a exceeded the stable step " + value(stable)
                    + " a: try a smaller thickness.cfl or time.max_step";
        }
        int thickest = largestMagnitude(model.state().thickness());
        int smbCell = largestMagnitude(model.smb());
        return "values beyond any physical range (thickest ice " + value(model.state().thickness()[thickest])
                + " m at " + cell(grid, thickest) + ", largest SMB " + signed(model.smb()[smbCell]) + " m a-1 at "
                + cell(grid, smbCell) + "): check input.file, smb.* and iceflow.*; run.runaway_check stops such a "
                + "run earlier";
    }

    /** min(C·Δx / max|ū_edge|, the flow's own limit), years: the stable step without the cap on the step. */
    private static double physicalStableStep(Model model) {
        return Math.min(model.transport().maxTimeStep(model.flow()).years(), model.flow().maxStableTimeStep());
    }

    private static int fastestCell(IceFlowResult flow) {
        double[] ub = flow.ubar();
        double[] vb = flow.vbar();
        int best = 0;
        double fastest = -1;
        for (int k = 0; k < ub.length; k++) {
            double speed = ub[k] * ub[k] + vb[k] * vb[k];
            if (speed > fastest) {
                fastest = speed;
                best = k;
            }
        }
        return best;
    }

    private static int firstNonFinite(double[] a) {
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                return k;
            }
        }
        return -1;
    }

    /** The index of the largest |a[k]| (the first of equals). */
    private static int largestMagnitude(double[] a) {
        int best = 0;
        for (int k = 1; k < a.length; k++) {
            if (Math.abs(a[k]) > Math.abs(a[best])) {
                best = k;
            }
        }
        return best;
    }

    /** "cell (i, j) = (3, 2), (x, y) = (416349.8, 5158256.5) m". */
    static String cell(Grid2D grid, int k) {
        int i = k % grid.nx();
        int j = k / grid.nx();
        return "cell (i, j) = (" + i + ", " + j + "), (x, y) = (" + coordinate(grid.x(i)) + ", "
                + coordinate(grid.y(j)) + ") m";
    }

    /** A coordinate to 0.1 m, without trailing zeros. */
    private static String coordinate(double v) {
        return new BigDecimal(v).setScale(1, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A time or a limit: up to 7 significant digits, without trailing zeros (see {@link #number(double, int)}). */
    static String number(double v) {
        return number(v, 7);
    }

    /** A measured value: up to 4 significant digits, without trailing zeros. */
    static String value(double v) {
        return number(v, 4);
    }

    /** Up to {@code digits} significant digits, without trailing zeros; scientific beyond 1e9 and below 1e-6. */
    private static String number(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e9 || a < 1e-6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    private static String signed(double v) {
        return v > 0 ? "+" + value(v) : value(v);
    }
}
