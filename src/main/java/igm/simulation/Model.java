package igm.simulation;

import igm.InputException;
import igm.SimulationException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.TimeStepLimit;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.massbalance.MassBalanceModel;
import igm.physics.transport.MassBudget;
import igm.physics.transport.StepBudget;
import igm.physics.transport.ThicknessTransport;

/**
 * The coupled glacier model: a state and its components (ice flow, surface mass balance, thickness transport).
 * {@link #updateDiagnostics(double)} evaluates the velocity and SMB of the current state; {@link #advance(double)}
 * moves the thickness forward by one step with them. The time loop lives in {@link Simulation}. Closing the model
 * releases what its components hold (the emulator's threads). A model saves and restores everything a resumed run
 * needs ({@link Restartable}): the state, the diagnostics of the current time, the budget and the state of its
 * components.
 */
public final class Model implements Restartable, AutoCloseable {

    private final GlacierState state;
    private final IceFlowModel iceFlow;
    private final MassBalanceModel massBalance;
    private final ThicknessTransport transport;
    private final double[] smb;
    private final MassBudget budget = new MassBudget();
    private IceFlowResult flow;
    private double diagnosticsTime = Double.NaN;
    private double iceFlowSeconds;
    private double massBalanceSeconds;
    private double transportSeconds;

    public Model(GlacierState state, IceFlowModel iceFlow, MassBalanceModel massBalance,
                 ThicknessTransport transport) {
        this.state = state;
        this.iceFlow = iceFlow;
        this.massBalance = massBalance;
        this.transport = transport;
        this.smb = new double[state.grid().size()];
    }

    /** Computes the velocity and surface mass balance of the current state at time {@code t} (years). */
    public void updateDiagnostics(double t) {
        long t0 = System.nanoTime();
        flow = iceFlow.solve(new IceFlowInput(state.grid(), state.thickness(), state.surface(),
                state.slidingCoefficient(), state.rateFactor()));
        long t1 = System.nanoTime();
        massBalance.compute(t, state.grid(), state.surface(), state.thickness(), smb);
        long t2 = System.nanoTime();
        iceFlowSeconds += (t1 - t0) * 1e-9;
        massBalanceSeconds += (t2 - t1) * 1e-9;
        diagnosticsTime = t;
    }

    /**
     * The largest stable time step for the current velocity (CFL and the ice-flow model's own limit, capped by the
     * transport's maximum step), years: the years of {@link #timeStepLimit()}.
     */
    public double stableTimeStep() {
        return timeStepLimit().years();
    }

    /**
     * The smallest of the largest steps the components propose for the current state, with its reason: the
     * transport's CFL limit, the ice-flow model's own limit, the mass-balance model's, and the transport's maximum
     * step, the first of equal ones in this order. Its years are min(C·Δx/max|ū_edge|, the flow's limit, the maximum
     * step), as {@link ThicknessTransport#stableTimeStep} computes them.
     */
    public TimeStepLimit timeStepLimit() {
        requireDiagnostics();
        return transport.maxTimeStep(flow).min(iceFlow.maxTimeStep(flow))
                .min(massBalance.maxTimeStep(diagnosticsTime)).min(transport.maxStepLimit());
    }

    /** Advances the thickness by {@code dt} years with the current velocity and SMB; returns the step's budget. */
    public StepBudget advance(double dt) {
        requireDiagnostics();
        long t0 = System.nanoTime();
        StepBudget step;
        try {
            // the transport detects a non-finite thickness from its volume sum and names the cell
            step = transport.step(state.thickness(), flow, smb, dt);
        } catch (SimulationException e) {
            throw new SimulationException(e.getMessage() + ", from t = " + diagnosticsTime + " a; likely cause: "
                    + RunawayCheck.overflowCause(this, dt), e);
        }
        state.updateSurface();
        transportSeconds += (System.nanoTime() - t0) * 1e-9;
        budget.add(step);
        diagnosticsTime = Double.NaN;
        return step;
    }

    private void requireDiagnostics() {
        if (flow == null || Double.isNaN(diagnosticsTime)) {
            throw new IllegalStateException("updateDiagnostics must be called before stepping");
        }
    }

    public GlacierState state() {
        return state;
    }

    /** The velocity of the current state (after {@link #updateDiagnostics(double)}). */
    public IceFlowResult flow() {
        return flow;
    }

    /** The SMB of the current state, m ice eq. a⁻¹. */
    public double[] smb() {
        return smb;
    }

    /** The mass budget accumulated since the start. */
    public MassBudget budget() {
        return budget;
    }

    /** The thickness transport (its CFL number and edge speeds set the stable step). */
    public ThicknessTransport transport() {
        return transport;
    }

    public IceFlowModel iceFlow() {
        return iceFlow;
    }

    public MassBalanceModel massBalance() {
        return massBalance;
    }

    /** Wall time spent in the ice-flow model, seconds. */
    public double iceFlowSeconds() {
        return iceFlowSeconds;
    }

    /** Wall time spent in the mass-balance model, seconds. */
    public double massBalanceSeconds() {
        return massBalanceSeconds;
    }

    /** Wall time spent in the thickness update, seconds. */
    public double transportSeconds() {
        return transportSeconds;
    }

    /**
     * Saves the grid, the state's fields (thickness, bed, sliding coefficient, rate factor, ice mask), the velocity
     * and SMB of the current time, the mass budget, and the state of the ice-flow and mass-balance
     * models that keep one (warm starts, lagged solutions, the balance of the current year). The wall times are
     * not saved: they measure this process.
     */
    @Override
    public void saveState(RestartState s) {
        requireDiagnostics();
        s.putGrid("grid", state.grid());
        s.put("thickness", state.thickness());
        s.put("bed", state.bed());
        s.put("sliding_coefficient", state.slidingCoefficient());
        s.put("rate_factor", state.rateFactor());
        s.put("ice_mask", state.iceMask());
        s.put("smb", smb);
        s.put("diagnostics_time", diagnosticsTime);
        flow.saveState(s.scope("flow"));
        budget.saveState(s.scope("budget"));
        Restartable.saveComponent(iceFlow, s, "iceflow");
        Restartable.saveComponent(massBalance, s, "smb_model");
    }

    /**
     * Restores what {@link #saveState} saved into this model, built from the same parameters and input.
     *
     * @throws InputException when the saved grid is not this model's or an entry is missing
     */
    @Override
    public void restoreState(RestartState s) {
        Grid2D grid = state.grid();
        Grid2D saved = s.grid("grid");
        if (!grid.equals(saved)) {
            throw new InputException("the checkpoint's grid " + saved + " is not the model's grid " + grid);
        }
        int n = grid.size();
        System.arraycopy(s.array("thickness", n), 0, state.thickness(), 0, n);
        System.arraycopy(s.array("bed", n), 0, state.bed(), 0, n);
        System.arraycopy(s.array("sliding_coefficient", n), 0, state.slidingCoefficient(), 0, n);
        System.arraycopy(s.array("rate_factor", n), 0, state.rateFactor(), 0, n);
        if (state.iceMask() != null) {
            System.arraycopy(s.array("ice_mask", n), 0, state.iceMask(), 0, n);
        }
        state.updateSurface();
        System.arraycopy(s.array("smb", n), 0, smb, 0, n);
        diagnosticsTime = s.number("diagnostics_time");
        flow = IceFlowResult.restoreState(s.scope("flow"), grid);
        budget.restoreState(s.scope("budget"));
        Restartable.restoreComponent(iceFlow, s, "iceflow");
        Restartable.restoreComponent(massBalance, s, "smb_model");
    }

    /** Closes the components that hold resources (threads of the emulator). */
    @Override
    public void close() {
        for (Object component : new Object[]{iceFlow, massBalance}) {
            if (component instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new SimulationException("cannot release " + component + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
