package igm.bench;

import java.util.Arrays;

/** The median of timings, as every benchmark reports it. */
final class Median {

    private Median() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count); the array is not changed. */
    static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
