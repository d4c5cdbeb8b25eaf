package igm.physics.massbalance;

import igm.InputException;
import igm.grid.Grid2D;

import java.util.List;

/**
 * The equilibrium-line-altitude (ELA) surface mass balance of IGM ({@code smb.method = ela}; Jouvet et al. 2021,
 * Appendix C), in m ice eq. a⁻¹ at surface elevation z:
 * <pre>
 *   SMB(z) = β_abl (z − ELA)                    z &lt; ELA
 *   SMB(z) = min(β_acc (z − ELA), a_max)         z ≥ ELA
 * </pre>
 * The parameters come from a {@link TimeTable} with the columns {@code time, ela, gradabl, gradacc, maxacc}
 * (years, m a.s.l., a⁻¹, a⁻¹, m a⁻¹), linearly interpolated in time and held constant outside the table. With an
 * ice mask, SMB is positive only inside the mask (value &gt; 0.5); outside, SMB = min(SMB, 0).
 */
public final class ElaMassBalance implements MassBalanceModel {

    /** The name of this model in the parameters. */
    public static final String NAME = "ela";

    /** The columns of the parameter table, in order. */
    public static final List<String> COLUMNS = List.of("time", "ela", "gradabl", "gradacc", "maxacc");

    /** The columns of the paleo temperature table ({@link #followingTemperature}). */
    public static final List<String> PALEO_COLUMNS = List.of("time", "delta_temp");

    /** Default ablation gradient β_abl, a⁻¹. */
    public static final double DEFAULT_GRADIENT_ABLATION = 0.009;
    /** Default accumulation gradient β_acc, a⁻¹. */
    public static final double DEFAULT_GRADIENT_ACCUMULATION = 0.005;
    /** Default maximum accumulation a_max, m a⁻¹. */
    public static final double DEFAULT_MAX_ACCUMULATION = 2.0;

    private static final int ELA = 1;
    private static final int GRAD_ABL = 2;
    private static final int GRAD_ACC = 3;
    private static final int MAX_ACC = 4;

    private final TimeTable table;
    private final double[] iceMask;

    /**
     * An ELA model.
     *
     * @param table   parameters against time, with exactly the columns {@link #COLUMNS}; gradients and maximum
     *                accumulation ≥ 0
     * @param iceMask mask of the cells where accumulation is allowed (value &gt; 0.5), or {@code null} for
     *                everywhere; copied
     * @throws InputException when the table has other columns or a negative gradient or maximum accumulation
     */
    public ElaMassBalance(TimeTable table, double[] iceMask) {
        if (!table.columns().equals(COLUMNS)) {
            throw new InputException("ELA mass balance table must have the columns " + COLUMNS + ", got "
                    + table.columns());
        }
        double[] t = table.times();
        for (int c = GRAD_ABL; c <= MAX_ACC; c++) {
            for (double time : t) {
                double value = table.value(c, time);
                if (value < 0) {
                    throw new InputException("ELA mass balance column '" + COLUMNS.get(c)
                            + "' must be ≥ 0, got " + value + " at time " + time);
                }
            }
        }
        this.table = table;
        this.iceMask = iceMask == null ? null : iceMask.clone();
    }

    /** An ELA model without a mask. */
    public ElaMassBalance(TimeTable table) {
        this(table, null);
    }

    /** Constant parameters, no mask. */
    public static ElaMassBalance constant(double ela, double gradAblation, double gradAccumulation,
                                          double maxAccumulation) {
        return new ElaMassBalance(TimeTable.constant(COLUMNS, 0, ela, gradAblation, gradAccumulation,
                maxAccumulation));
    }

    /** Constant ELA with the default gradients and maximum accumulation, no mask. */
    public static ElaMassBalance withDefaults(double ela) {
        return constant(ela, DEFAULT_GRADIENT_ABLATION, DEFAULT_GRADIENT_ACCUMULATION, DEFAULT_MAX_ACCUMULATION);
    }

    /**
     * The paleo ELA model: an ELA that follows a temperature anomaly series (e.g. from an ice core),
     * <pre>
     *   ELA(t) = ELA₀ + (ΔELA/ΔT) · ΔT(t)
     * </pre>
     * with constant gradients and cap. ΔT is interpolated linearly between the rows of its table, so the ELA is
     * too (it is linear in ΔT), and held beyond the ends.
     *
     * @param temperature      table with the columns {@code time, delta_temp} (years, K)
     * @param ela0             ELA₀ at ΔT = 0, m a.s.l.
     * @param elaPerKelvin     ΔELA/ΔT, m K⁻¹ (positive: warmer raises the ELA)
     * @param gradAblation     β_abl, a⁻¹, ≥ 0
     * @param gradAccumulation β_acc, a⁻¹, ≥ 0
     * @param maxAccumulation  a_max, m a⁻¹, ≥ 0
     * @param iceMask          as {@link #ElaMassBalance(TimeTable, double[])}, or {@code null}
     * @throws InputException for another table layout, a non-finite ELA₀ or slope, or negative gradients
     */
    public static ElaMassBalance followingTemperature(TimeTable temperature, double ela0, double elaPerKelvin,
                                                      double gradAblation, double gradAccumulation,
                                                      double maxAccumulation, double[] iceMask) {
        if (!temperature.columns().equals(PALEO_COLUMNS)) {
            throw new InputException("paleo temperature table must have the columns " + PALEO_COLUMNS + ", got "
                    + temperature.columns());
        }
        if (!Double.isFinite(ela0) || !Double.isFinite(elaPerKelvin)) {
            throw new InputException("paleo ELA needs a finite ELA0 and ELA change per kelvin, got " + ela0
                    + " m and " + elaPerKelvin + " m K-1");
        }
        double[] times = temperature.times();
        double[][] rows = new double[times.length][];
        for (int r = 0; r < times.length; r++) {
            rows[r] = new double[] {times[r], ela0 + elaPerKelvin * temperature.value(1, times[r]), gradAblation,
                    gradAccumulation, maxAccumulation};
        }
        return new ElaMassBalance(new TimeTable(COLUMNS, rows), iceMask);
    }

    /** The parameter table. */
    public TimeTable table() {
        return table;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** SMB at elevation z for the given parameters, m ice eq. a⁻¹. */
    public static double smb(double z, double ela, double gradAblation, double gradAccumulation,
                             double maxAccumulation) {
        double dz = z - ela;
        return dz < 0 ? gradAblation * dz : Math.min(gradAccumulation * dz, maxAccumulation);
    }

    @Override
    public void compute(double timeYears, Grid2D grid, double[] surface, double[] thickness, double[] smb) {
        int n = grid.size();
        if (surface.length != n || smb.length != n) {
            throw new IllegalArgumentException("surface and smb must have " + n + " entries");
        }
        if (iceMask != null && iceMask.length != n) {
            throw new InputException("ice mask has " + iceMask.length + " cells but the grid " + grid + " has "
                    + n);
        }
        double ela = table.value(ELA, timeYears);
        double gradAbl = table.value(GRAD_ABL, timeYears);
        double gradAcc = table.value(GRAD_ACC, timeYears);
        double maxAcc = table.value(MAX_ACC, timeYears);
        for (int k = 0; k < n; k++) {
            double b = smb(surface[k], ela, gradAbl, gradAcc, maxAcc);
            if (iceMask != null && !(iceMask[k] > 0.5)) {
                b = Math.min(b, 0);
            }
            smb[k] = b;
        }
    }
}
