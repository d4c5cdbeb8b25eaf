package igm.io;

import igm.InputException;
import igm.field.FieldSpec;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.transport.MassBudget;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time series of a run: integrated quantities at scheduled times, streamed to {@code timeseries.nc} and its CSV
 * twin and kept in memory for the time-series plot. In a checkpoint it keeps the rows so far ({@code columns}, and
 * {@code rows}: time first, flattened), so that a resumed run writes them again.
 */
public final class TimeSeriesRecorder extends ScheduledWriter implements Restartable {

    /** The columns after the time. */
    public static final List<FieldSpec> SERIES = List.of(
            new FieldSpec("volume", "km3", "ice volume"),
            new FieldSpec("area", "km2", "glacierised area (thickness > 1 m)"),
            new FieldSpec("mean_speed", "m year-1", "mean surface speed over the glacierised area"),
            new FieldSpec("max_speed", "m year-1", "largest surface speed"),
            new FieldSpec("smb_rate", "km3 year-1", "surface mass balance integrated over the glacierised area"),
            new FieldSpec("smb_ice_total", "km3", "volume added by the surface mass balance applied to ice since the "
                    + "start (negative: net ablation; ablation of ice-free ground is in ablation_ice_free_total)"),
            new FieldSpec("outflow_total", "km3", "volume that left through the domain boundary since the start"),
            new FieldSpec("clipping_total", "km3", "volume given back where ice cells melted through within a step "
                    + "(thickness kept non-negative) since the start"),
            new FieldSpec("budget_residual", "km3",
                    "volume change − (smb_ice_total − outflow_total + clipping_total): zero up to round-off"),
            new FieldSpec("ablation_ice_free_total", "km3", "ablation (ice eq.) that fell on ice-free ground since "
                    + "the start, ≤ 0: it melted nothing and is not part of the budget"));

    private final TimeSeriesWriter writer;
    private final List<double[]> rows = new ArrayList<>();

    /**
     * @param folder     the output folder: {@code timeseries.nc} and {@code timeseries.csv} are written there
     * @param attributes the global attributes
     * @param schedule   when a row is recorded (also at the start and end)
     */
    public TimeSeriesRecorder(Path folder, Map<String, String> attributes, Schedule schedule) {
        super("timeseries", schedule, true);
        this.writer = TimeSeriesWriter.create(folder.resolve("timeseries.nc"), SERIES, attributes);
    }

    /** Computes and writes one row for the state of {@code sim} at {@code time}. */
    @Override
    public void call(Simulation sim, double time) {
        write(time, row(sim.model()));
    }

    /** Saves the rows so far: {@code columns} (time included) and {@code rows}, flattened. */
    @Override
    public void saveState(RestartState state) {
        state.put("columns", rows.getFirst().length);
        state.put("rows", rows.stream().flatMapToDouble(Arrays::stream).toArray());
    }

    /**
     * Writes the rows a checkpoint saved again.
     *
     * @throws InputException when a row has another number of columns than this program writes
     */
    @Override
    public void restoreState(RestartState state) {
        int columns = (int) state.number("columns");
        double[] flat = state.array("rows");
        List<double[]> saved = new ArrayList<>();
        for (int r = 0; r < flat.length / columns; r++) {
            saved.add(Arrays.copyOfRange(flat, r * columns, (r + 1) * columns));
        }
        replay(saved);
    }

    /**
     * Writes rows recorded before (a resumed run's rows up to its checkpoint), as {@link #rows()} returns them: time
     * first, then the columns of {@link #SERIES}.
     *
     * @throws InputException when a row has another number of columns
     */
    private void replay(List<double[]> recorded) {
        for (double[] withTime : recorded) {
            if (withTime.length != SERIES.size() + 1) {
                throw new InputException("a saved time-series row has " + withTime.length + " columns, this "
                        + "program writes " + (SERIES.size() + 1));
            }
            write(withTime[0], Arrays.copyOfRange(withTime, 1, withTime.length));
        }
    }

    private void write(double time, double[] row) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int c = 0; c < SERIES.size(); c++) {
            values.put(SERIES.get(c).name(), row[c]);
        }
        writer.write(time, values);
        double[] withTime = new double[row.length + 1];
        withTime[0] = time;
        System.arraycopy(row, 0, withTime, 1, row.length);
        rows.add(withTime);
    }

    /** The row of integrated quantities, in the order of {@link #SERIES}. */
    public static double[] row(Model model) {
        GlacierState s = model.state();
        IceFlowResult flow = model.flow();
        double[] h = s.thickness();
        double[] smb = model.smb();
        double smbRate = 0;
        double speedSum = 0;
        double maxSpeed = 0;
        int iceCells = 0;
        for (int k = 0; k < h.length; k++) {
            double speed = Math.hypot(flow.uSurface()[k], flow.vSurface()[k]);
            maxSpeed = Math.max(maxSpeed, speed);
            if (h[k] > GlacierState.AREA_THRESHOLD_METRES) {
                iceCells++;
                speedSum += speed;
                smbRate += smb[k];
            }
        }
        MassBudget b = model.budget();
        return new double[]{
                s.volume() / 1e9,
                s.area() / 1e6,
                iceCells == 0 ? 0 : speedSum / iceCells,
                maxSpeed,
                smbRate * s.grid().cellArea() / 1e9,
                b.smbVolume() / 1e9,
                b.outflowVolume() / 1e9,
                b.clippedVolume() / 1e9,
                (b.volumeChange() - (b.smbVolume() - b.outflowVolume() + b.clippedVolume())) / 1e9,
                b.iceFreeAblationVolume() / 1e9};
    }

    /** The recorded rows: time first, then the columns of {@link #SERIES}. */
    public List<double[]> rows() {
        return rows;
    }

    @Override
    public void commit() {
        writer.commit();
    }

    @Override
    public void abort() {
        writer.abort();
    }
}
