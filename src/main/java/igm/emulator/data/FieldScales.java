package igm.emulator.data;

import igm.emulator.EmulatorField;
import igm.field.FieldSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The normalisation of an emulator's channels: one typical value per variable, by which the network's inputs are
 * divided and its outputs multiplied (IGM's {@code fieldin.dat} / {@code fieldout.dat} scales).
 *
 * <p>The typical value of a scalar is the {@value #QUANTILE} quantile of |value| over the ice-covered cells of all
 * the snapshots; that of a vector (slopes, velocities), of its magnitude — both components share it, since a
 * rotation of the grid exchanges them. It is rounded up to two significant digits, and is 1 for a variable that is
 * zero everywhere (such as the sliding coefficient of data without sliding).
 */
public final class FieldScales {

    /** The quantile of |value| over the ice taken as the typical value. */
    public static final double QUANTILE = 0.99;

    private FieldScales() {
    }

    /**
     * The typical values of {@code names} over {@code snapshots}.
     *
     * @return one field per name, in order, with its scale
     * @throws igm.InputException when a snapshot lacks a field
     */
    public static List<EmulatorField> typical(List<Snapshot> snapshots, List<String> names) {
        int cells = 0;
        for (Snapshot s : snapshots) {
            for (double h : s.field(ChannelLayout.THICKNESS)) {
                cells += h > 0 ? 1 : 0;
            }
        }
        List<EmulatorField> out = new ArrayList<>();
        for (String name : names) {
            String partner = FieldSpec.partner(name);
            double[] values = new double[cells];
            int k = 0;
            for (Snapshot s : snapshots) {
                double[] h = s.field(ChannelLayout.THICKNESS);
                double[] f = s.field(name);
                double[] g = partner == null ? null : s.field(partner);
                for (int c = 0; c < h.length; c++) {
                    if (h[c] > 0) {
                        values[k++] = g == null ? Math.abs(f[c]) : Math.hypot(f[c], g[c]);
                    }
                }
            }
            out.add(new EmulatorField(name, roundUp(quantile(values, QUANTILE))));
        }
        return out;
    }

    /** The q-quantile (nearest rank) of {@code values}; 0 when empty. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** {@code value} rounded up to two significant digits; 1 when it is zero or not finite. */
    static double roundUp(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return 1;
        }
        double unit = Math.pow(10, Math.floor(Math.log10(value)) - 1);
        double rounded = Math.ceil(value / unit - 1e-9) * unit;
        return Double.parseDouble(String.format(Locale.ROOT, "%.2g", rounded));
    }
}
