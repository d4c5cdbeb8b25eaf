package igm.instruct;

import igm.InputException;
import igm.physics.massbalance.ElaMassBalance;
import igm.physics.massbalance.TimeTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The climate and the snapshots of an instructor run (paper Appendix C): the run starts ice-free at year 0; the
 * equilibrium-line altitude stays at the {@code advanceQuantile} quantile of the valley's bed elevations for
 * {@code advanceYears} (the glacier grows), then rises linearly to the {@code retreatQuantile} quantile over
 * {@code retreatYears} (it retreats); the run ends then, at {@link #endYear()}. The SMB is
 * {@link ElaMassBalance}'s with the given gradients and cap. Snapshots are taken every {@code snapshotInterval}
 * years from year 0.
 *
 * <p><b>Domain edge.</b> The thickness transport lets ice at an edge cell flow out of the domain (its ghost
 * neighbour outside holds no ice and has the bed as surface). A valley's ridges reach the domain edge and lie above
 * the ELA for most of the run, so the ice they accumulate would drain through the edge all along the perimeter.
 * With {@code noAccumulationBorder} ≥ 1 the outer ring of cells only melts: ice reaches the edge only by flowing
 * there from inside, which is the glacier itself leaving the domain (the runs report how much does).
 *
 * @param advanceYears         years at the low ELA, ≥ 0
 * @param retreatYears         years of the linear rise, ≥ 0; advance + retreat &gt; 0
 * @param advanceQuantile      quantile of the bed elevations for the low ELA, in [0, 1]
 * @param retreatQuantile      quantile for the final ELA, in [0, 1], above {@code advanceQuantile}
 * @param accumulationGradient β_acc, a⁻¹, ≥ 0 (paper: 0.005)
 * @param ablationGradient     β_abl, a⁻¹, ≥ 0 (paper: 0.009)
 * @param maxAccumulation      cap of the accumulation, m ice eq. a⁻¹, ≥ 0 (paper: 2)
 * @param noAccumulationBorder width in cells, ≥ 0, of the ring along the domain edge where the SMB is
 *                             min(SMB, 0): ice never accumulates there (see the class comment)
 * @param snapshotInterval     years between snapshots, &gt; 0 (paper: 2)
 */
public record InstructorSchedule(double advanceYears, double retreatYears, double advanceQuantile,
                                 double retreatQuantile, double accumulationGradient, double ablationGradient,
                                 double maxAccumulation, int noAccumulationBorder, double snapshotInterval) {

    /**
     * @throws InputException naming the value when a duration, quantile, gradient, cap or interval is out of range
     */
    public InstructorSchedule {
        requireNonNegative("advance duration (years)", advanceYears);
        requireNonNegative("retreat duration (years)", retreatYears);
        if (!(advanceYears + retreatYears > 0)) {
            throw new InputException("an instructor run needs a positive duration, got advance " + advanceYears
                    + " + retreat " + retreatYears + " years");
        }
        if (!(advanceQuantile >= 0 && advanceQuantile <= 1) || !(retreatQuantile >= 0 && retreatQuantile <= 1)) {
            throw new InputException("ELA quantiles must be in [0, 1], got " + advanceQuantile + " and "
                    + retreatQuantile);
        }
        if (!(retreatQuantile > advanceQuantile)) {
            throw new InputException("ELA quantiles must increase (advance, then retreat), got " + advanceQuantile
                    + " then " + retreatQuantile);
        }
        requireNonNegative("accumulation gradient (a-1)", accumulationGradient);
        requireNonNegative("ablation gradient (a-1)", ablationGradient);
        requireNonNegative("maximum accumulation (m a-1)", maxAccumulation);
        if (noAccumulationBorder < 0) {
            throw new InputException("the no-accumulation border must be ≥ 0 cells, got " + noAccumulationBorder);
        }
        if (!(snapshotInterval > 0) || !Double.isFinite(snapshotInterval)) {
            throw new InputException("snapshot interval must be positive, got " + snapshotInterval + " years");
        }
    }

    /**
     * The paper's schedule: 100 years at the 20 % quantile, 100 years up to the 90 % one, gradients 0.005 and
     * 0.009 a⁻¹, cap 2 m a⁻¹, snapshots every 2 years; no accumulation on the outermost ring of cells.
     */
    public static InstructorSchedule paper() {
        return new InstructorSchedule(100, 100, 0.2, 0.9, ElaMassBalance.DEFAULT_GRADIENT_ACCUMULATION,
                ElaMassBalance.DEFAULT_GRADIENT_ABLATION, ElaMassBalance.DEFAULT_MAX_ACCUMULATION, 1, 2);
    }

    /**
     * The mask of the cells where ice may accumulate on {@code grid}: 1 at least {@code noAccumulationBorder}
     * cells from the edge, 0 on the outer ring (as {@link ElaMassBalance}'s ice mask).
     */
    public double[] accumulationMask(igm.grid.Grid2D grid) {
        double[] mask = new double[grid.size()];
        int border = noAccumulationBorder;
        for (int j = border; j < grid.ny() - border; j++) {
            for (int i = border; i < grid.nx() - border; i++) {
                mask[grid.index(i, j)] = 1;
            }
        }
        return mask;
    }

    private static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new InputException(what + " must be finite and ≥ 0, got " + v);
        }
    }

    /** Year the run ends: advance + retreat. */
    public double endYear() {
        return advanceYears + retreatYears;
    }

    /**
     * The ELA table ({@link ElaMassBalance#COLUMNS}) for a bed: rows at years 0 (advance ELA), {@code advanceYears}
     * (advance ELA, omitted when 0) and {@link #endYear()} (retreat ELA, omitted when {@code retreatYears} is 0).
     *
     * @param bed bed elevations of the valley, m, finite, at least one
     */
    public TimeTable elaTable(double[] bed) {
        double low = quantile(bed, advanceQuantile);
        double high = quantile(bed, retreatQuantile);
        List<double[]> rows = new ArrayList<>();
        rows.add(row(0, low));
        if (advanceYears > 0) {
            rows.add(row(advanceYears, low));
        }
        if (retreatYears > 0) {
            rows.add(row(endYear(), high));
        }
        return new TimeTable(ElaMassBalance.COLUMNS, rows.toArray(double[][]::new));
    }

    private double[] row(double time, double ela) {
        return new double[] {time, ela, ablationGradient, accumulationGradient, maxAccumulation};
    }

    /**
     * The q-quantile of {@code values}, interpolated linearly between order statistics: with the values sorted
     * v₀ ≤ … ≤ v_{n−1} and h = q·(n − 1), {@code v_⌊h⌋ + (h − ⌊h⌋)·(v_⌊h⌋+1 − v_⌊h⌋)} (numpy's default).
     *
     * @param values finite values, at least one (not modified)
     * @param q      in [0, 1]
     * @throws IllegalArgumentException for no values, a NaN value or q outside [0, 1]
     */
    public static double quantile(double[] values, double q) {
        if (values.length == 0 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile " + q + " of " + values.length + " values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("quantile of values with NaN");
        }
        double h = q * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
