package igm.cli;

import igm.InputException;
import igm.field.FieldSpec;
import igm.io.TimeSeriesWriter;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.transport.MassBudget;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.Simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time series of a run: integrated quantities at scheduled times, streamed to {@code timeseries.nc} and its CSV
 * twin and kept in memory for the time-series plot.
 */
final class TimeSeriesRecorder {

    static final List<FieldSpec> SERIES = List.of(
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

    TimeSeriesRecorder(Path folder, Map<String, String> attributes) {
        writer = TimeSeriesWriter.create(folder.resolve("timeseries.nc"), SERIES, attributes);
    }

    /** Computes and writes one row for the state of {@code sim} at {@code time}. */
    void record(Simulation sim, double time) {
        write(time, row(sim.model()));
    }

    /**
     * Writes rows recorded before (a resumed run's rows up to its checkpoint), as {@link #rows()} returns them: time
     * first, then the columns of {@link #SERIES}.
     *
     * @throws InputException when a row has another number of columns
     */
    void replay(List<double[]> recorded) {
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
    static double[] row(Model model) {
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
    List<double[]> rows() {
        return rows;
    }

    void commit() {
        writer.commit();
    }

    void abort() {
        writer.abort();
    }
}
