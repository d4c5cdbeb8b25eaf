package igm.instruct;

import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.io.InstructorSnapshotWriter;
import igm.operator.SurfaceSlope;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.massbalance.ElaMassBalance;
import igm.physics.massbalance.TimeTable;
import igm.physics.transport.MassBudget;
import igm.physics.transport.ThicknessTransport;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.RunawayCheck;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One instructor run (paper §2.2, Appendix C): one valley × one sliding coefficient, from an ice-free bed through
 * the advance and retreat of {@link InstructorSchedule}, with the instructor ice-flow model, recording snapshots of
 * the inputs and outputs of the emulator.
 *
 * <p><b>Model.</b> Bed = the valley's; uniform sliding coefficient c and rate factor A; SMB
 * {@link ElaMassBalance} with the table of {@link InstructorSchedule#elaTable(double[])} and no accumulation on
 * the schedule's border ring ({@link InstructorSchedule#accumulationMask}); thickness
 * update {@link ThicknessTransport} on one thread (ice may leave through the domain edges); the time loop
 * {@link Simulation} from year 0 to {@link InstructorSchedule#endYear()}.
 *
 * <p><b>Snapshots</b> at years 0, interval, 2·interval, … up to the end (the step lands on each), kept only when
 * some cell holds more than {@link GlacierState#AREA_THRESHOLD_METRES} of ice (so year 0, ice-free, never is).
 * Each holds, as float32 ({@link InstructorSnapshotWriter#FIELDS}): {@code thk}, {@code usurf}, {@code topg};
 * {@code slopsurfx}, {@code slopsurfy} = {@link SurfaceSlope#gradient} of the stored (float32) surface, so that
 * they are exactly the slopes of the stored surface (they differ from the slopes of the unrounded surface, which
 * {@link igm.physics.iceflow.EmulatorIceFlow} computes, by about 1e-7 relative); {@code slidingco} = c,
 * {@code arrhenius} = A; and the velocities of the instructor for the state: {@code ubar}, {@code vbar},
 * {@code uvelsurf}, {@code vvelsurf}, {@code uvelbase}, {@code vvelbase} (m a⁻¹), from the flow the time loop
 * computed for that state, or from a separate solve by {@code snapshotFlow} when one is given (for an instructor
 * whose time loop reuses an older solution, e.g. the lagged hybrid).
 *
 * <p><b>Figures.</b> Largest ice volume over all steps (the paper sorts runs by it), final volume, ice accumulated
 * (Σ max(SMB, 0)·Δt·Δx² with the SMB each step used) and ice that left through the edges (the transport's
 * outflow), steps, wall time; written into the metadata with the ELA table and the valley's description.
 *
 * <p>Not thread-safe; different runs may execute concurrently when each has its own ice-flow model instances.
 */
public final class InstructorRun {

    private final String runId;
    private final Valley valley;
    private final double slidingCoefficient;
    private final double rateFactor;
    private final InstructorSchedule schedule;
    private final IceFlowModel iceFlow;
    private final IceFlowModel snapshotFlow;
    private final double cflNumber;
    private final double maxStepYears;
    private final RunawayCheck.Limits runawayLimits;
    private final Map<String, String> context;
    private final TimeTable elaTable;

    /**
     * @param runId              identifier, recorded in the metadata
     * @param valley             the bed
     * @param slidingCoefficient c, km MPa⁻³ a⁻¹, ≥ 0
     * @param rateFactor         A, MPa⁻³ a⁻¹, &gt; 0
     * @param schedule           ELA schedule and snapshot interval
     * @param iceFlow            the instructor for the time loop (this run's own instance: iterative solvers keep a
     *                           warm start)
     * @param snapshotFlow       the instructor that computes the snapshot velocities, or {@code null} to take those
     *                           of the time loop
     * @param cflNumber          CFL number of the thickness update, in (0, 1]
     * @param maxStepYears       largest time step, years, positive
     * @param context            metadata to put first (program version, seed, parameters…); names as
     *                           {@link InstructorSnapshotWriter#write} allows
     * @param runawayLimits      the limits of the time loop's runaway check ({@link RunawayCheck.Limits#of} of the
     *                           generation's parameters), or {@code null} for no check
     * @throws IllegalArgumentException for a negative c or a non-positive A
     */
    public InstructorRun(String runId, Valley valley, double slidingCoefficient, double rateFactor,
                         InstructorSchedule schedule, IceFlowModel iceFlow, IceFlowModel snapshotFlow,
                         double cflNumber, double maxStepYears, Map<String, String> context,
                         RunawayCheck.Limits runawayLimits) {
        if (!(slidingCoefficient >= 0) || !Double.isFinite(slidingCoefficient)) {
            throw new IllegalArgumentException("sliding coefficient must be finite and ≥ 0, got " + slidingCoefficient);
        }
        if (!(rateFactor > 0) || !Double.isFinite(rateFactor)) {
            throw new IllegalArgumentException("rate factor must be finite and positive, got " + rateFactor);
        }
        this.runId = runId;
        this.valley = valley;
        this.slidingCoefficient = slidingCoefficient;
        this.rateFactor = rateFactor;
        this.schedule = schedule;
        this.iceFlow = iceFlow;
        this.snapshotFlow = snapshotFlow;
        this.cflNumber = cflNumber;
        this.runawayLimits = runawayLimits;
        this.maxStepYears = maxStepYears;
        this.context = new LinkedHashMap<>(context);
        this.elaTable = schedule.elaTable(valley.bed());
    }

    /** The ELA table of this run: the schedule applied to the valley's bed. */
    public TimeTable elaTable() {
        return elaTable;
    }

    /** The valley. */
    public Valley valley() {
        return valley;
    }

    /**
     * Runs the simulation and returns the snapshots and figures.
     *
     * @throws igm.SimulationException when the time loop fails (non-finite thickness, a solver that breaks down)
     */
    public InstructorRunOutput execute() {
        long start = System.nanoTime();
        Grid2D grid = valley.grid();
        int n = grid.size();
        double[] c = new double[n];
        double[] a = new double[n];
        Arrays.fill(c, slidingCoefficient);
        Arrays.fill(a, rateFactor);
        GlacierState state = new GlacierState(grid, valley.bed(), new double[n], c, a, null);
        Model model = new Model(state, iceFlow, new ElaMassBalance(elaTable, schedule.accumulationMask(grid)),
                new ThicknessTransport(grid, cflNumber, maxStepYears, 1));
        Recorder recorder = new Recorder(grid, c, a);
        Simulation sim = new Simulation(model, 0, schedule.endYear(), maxStepYears)
                .runawayCheck(RunawayCheck.of(runawayLimits))
                .addCallback(Schedule.every(schedule.snapshotInterval(), 0), recorder::snapshot, false)
                .addStepCallback(recorder::step);
        try (model) {
            sim.run();
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        MassBudget budget = model.budget();
        double[] times = recorder.times.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, float[][]> fields = new LinkedHashMap<>();
        for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
            fields.put(name, recorder.fields.get(name).toArray(float[][]::new));
        }
        double finalVolume = state.volume();
        Map<String, String> metadata = metadata(sim, budget, times.length, recorder, finalVolume, wall);
        return new InstructorRunOutput(runId, grid, times, fields, metadata, sim.steps(), recorder.maxVolume,
                finalVolume, recorder.accumulated, budget.outflowVolume(), wall);
    }

    private Map<String, String> metadata(Simulation sim, MassBudget budget, int snapshots, Recorder recorder,
                                         double finalVolume, double wall) {
        Map<String, String> m = new LinkedHashMap<>(context);
        m.put("run_id", runId);
        m.put("valley", valley.name());
        m.put("valley_kind", valley.kind());
        m.put("valley_index", Integer.toString(valley.index()));
        m.put("valley_parameters", valley.describe());
        m.put("grid", valley.grid().toString());
        m.put("sliding_coefficient", num(slidingCoefficient));
        m.put("sliding_coefficient_units", "km MPa-3 a-1");
        m.put("rate_factor", num(rateFactor));
        m.put("rate_factor_units", "MPa-3 a-1");
        m.put("instructor", iceFlow.name());
        m.put("snapshot_velocities", snapshotFlow == null ? "from the time loop's solve of each snapshot state"
                : "from a separate " + snapshotFlow.name() + " solve of each snapshot state");
        m.put("advance_years", num(schedule.advanceYears()));
        m.put("retreat_years", num(schedule.retreatYears()));
        m.put("ela_quantiles", num(schedule.advanceQuantile()) + ", " + num(schedule.retreatQuantile()));
        m.put("ela_table", tableText());
        m.put("no_accumulation_border_cells", Integer.toString(schedule.noAccumulationBorder()));
        m.put("snapshot_interval_years", num(schedule.snapshotInterval()));
        m.put("cfl", num(cflNumber));
        m.put("max_step_years", num(maxStepYears));
        m.put("steps", Long.toString(sim.steps()));
        if (iceFlow instanceof igm.physics.iceflow.LaggedIceFlow lagged) {
            m.put("time_loop_solves", Integer.toString(lagged.solves()));
        }
        m.put("snapshots", Integer.toString(snapshots));
        m.put("ice_volume_max_m3", num(recorder.maxVolume));
        m.put("ice_volume_max_time", num(recorder.maxVolumeTime));
        m.put("ice_volume_final_m3", num(finalVolume));
        m.put("accumulated_volume_m3", num(recorder.accumulated));
        m.put("outflow_volume_m3", num(budget.outflowVolume()));
        m.put("outflow_fraction", num(recorder.accumulated > 0 ? budget.outflowVolume() / recorder.accumulated
                : 0));
        m.put("mass_budget_relative_residual", num(budget.relativeResidual()));
        m.put("wall_time_s", String.format(Locale.ROOT, "%.3f", wall));
        return m;
    }

    private String tableText() {
        StringBuilder sb = new StringBuilder("time ela gradabl gradacc maxacc:");
        for (double t : elaTable.times()) {
            sb.append(" [").append(num(t));
            for (int col = 1; col < ElaMassBalance.COLUMNS.size(); col++) {
                sb.append(' ').append(num(elaTable.value(col, t)));
            }
            sb.append(']');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    /** Records the snapshots and the per-step figures of a run. */
    private final class Recorder {
        final Grid2D grid;
        final float[] slidingField;
        final float[] rateField;
        final List<Double> times = new ArrayList<>();
        final Map<String, List<float[]>> fields = new LinkedHashMap<>();
        double maxVolume;
        double maxVolumeTime;
        double accumulated;
        double[] previousSmb;
        double previousTime = Double.NaN;

        Recorder(Grid2D grid, double[] c, double[] a) {
            this.grid = grid;
            this.slidingField = toFloat(c);
            this.rateField = toFloat(a);
            for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
                fields.put(name, new ArrayList<>());
            }
        }

        /** After every step (and at the start): volume maximum and the accumulation of the step just taken. */
        void step(Simulation sim, double time) {
            Model model = sim.model();
            if (previousSmb != null) {
                double sum = 0;
                for (double b : previousSmb) {
                    if (b > 0) {
                        sum += b;
                    }
                }
                accumulated += sum * (time - previousTime) * grid.cellArea();
            }
            double[] smb = model.smb();
            if (previousSmb == null) {
                previousSmb = new double[smb.length];
            }
            System.arraycopy(smb, 0, previousSmb, 0, smb.length);
            previousTime = time;
            double volume = model.state().volume();
            if (volume > maxVolume) {
                maxVolume = volume;
                maxVolumeTime = time;
            }
        }

        void snapshot(Simulation sim, double time) {
            Model model = sim.model();
            GlacierState state = model.state();
            double[] h = state.thickness();
            boolean ice = false;
            for (double v : h) {
                if (v > GlacierState.AREA_THRESHOLD_METRES) {
                    ice = true;
                    break;
                }
            }
            if (!ice) {
                return;
            }
            IceFlowResult flow = snapshotFlow == null ? model.flow() : snapshotFlow.solve(new IceFlowInput(grid, h,
                    state.surface(), state.slidingCoefficient(), state.rateFactor()));
            float[] surface = toFloat(state.surface());
            double[] storedSurface = new double[surface.length];
            for (int k = 0; k < surface.length; k++) {
                storedSurface[k] = surface[k];
            }
            double[][] slope = SurfaceSlope.gradient(grid, storedSurface);
            times.add(time);
            fields.get(FieldSpec.THK.name()).add(toFloat(h));
            fields.get(FieldSpec.USURF.name()).add(surface);
            fields.get(FieldSpec.TOPG.name()).add(toFloat(state.bed()));
            fields.get(FieldSpec.SLOPSURFX.name()).add(toFloat(slope[0]));
            fields.get(FieldSpec.SLOPSURFY.name()).add(toFloat(slope[1]));
            fields.get(FieldSpec.SLIDINGCO.name()).add(slidingField);
            fields.get(FieldSpec.ARRHENIUS.name()).add(rateField);
            fields.get(FieldSpec.UBAR.name()).add(toFloat(flow.ubar()));
            fields.get(FieldSpec.VBAR.name()).add(toFloat(flow.vbar()));
            fields.get(FieldSpec.UVELSURF.name()).add(toFloat(flow.uSurface()));
            fields.get(FieldSpec.VVELSURF.name()).add(toFloat(flow.vSurface()));
            fields.get(FieldSpec.UVELBASE.name()).add(toFloat(flow.uBase()));
            fields.get(FieldSpec.VVELBASE.name()).add(toFloat(flow.vBase()));
        }
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) values[k];
        }
        return out;
    }
}
