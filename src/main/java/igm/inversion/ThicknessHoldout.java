package igm.inversion;

import igm.grid.Grid2D;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Thickness observations split into those the inversion uses and those it withholds for validation, by whole
 * profiles: a profile is a set of observed cells connected through their eight neighbours (a radar line crosses the
 * grid as such a chain), and a seeded share of the profiles is withheld.
 *
 * @param used      the observations the inversion fits (NaN elsewhere)
 * @param withheld  the withheld observations (NaN elsewhere)
 * @param profiles  the number of profiles found
 * @param held      the number withheld
 */
public record ThicknessHoldout(double[] used, double[] withheld, int profiles, int held) {

    /**
     * Withholds {@code round(share · profiles)} profiles, drawn with {@code seed}.
     *
     * @param observed thickness observations, NaN where not observed
     * @param share    the share of the profiles to withhold, in [0, 1)
     * @throws IllegalArgumentException when the share is outside [0, 1)
     */
    public static ThicknessHoldout split(Grid2D grid, double[] observed, double share, long seed) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("the share of withheld profiles must be in [0, 1), got " + share);
        }
        int n = grid.size();
        int[] label = new int[n];
        Arrays.fill(label, -1);
        List<List<Integer>> profiles = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (label[start] >= 0 || !Double.isFinite(observed[start])) {
                continue;
            }
            List<Integer> cells = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
            label[start] = profiles.size();
            while (!queue.isEmpty()) {
                int k = queue.poll();
                cells.add(k);
                int i = k % grid.nx();
                int j = k / grid.nx();
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        if (ii < 0 || jj < 0 || ii >= grid.nx() || jj >= grid.ny()) {
                            continue;
                        }
                        int m = grid.index(ii, jj);
                        if (label[m] < 0 && Double.isFinite(observed[m])) {
                            label[m] = profiles.size();
                            queue.add(m);
                        }
                    }
                }
            }
            profiles.add(cells);
        }
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < profiles.size(); p++) {
            order.add(p);
        }
        Collections.shuffle(order, new Random(seed));
        int held = (int) Math.round(share * profiles.size());
        double[] used = observed.clone();
        double[] withheld = new double[n];
        Arrays.fill(withheld, Double.NaN);
        for (int q = 0; q < held; q++) {
            for (int k : profiles.get(order.get(q))) {
                withheld[k] = observed[k];
                used[k] = Double.NaN;
            }
        }
        return new ThicknessHoldout(used, withheld, profiles.size(), held);
    }

    /** RMSE and mean error (bias) of {@code thickness} against the withheld observations, m; NaN when none. */
    public double[] errors(double[] thickness) {
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int k = 0; k < withheld.length; k++) {
            if (Double.isFinite(withheld[k])) {
                double d = thickness[k] - withheld[k];
                sum += d;
                squares += d * d;
                count++;
            }
        }
        return count == 0 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {Math.sqrt(squares / count), sum / count};
    }

    /** The number of withheld cells. */
    public int withheldCells() {
        int c = 0;
        for (double x : withheld) {
            c += Double.isFinite(x) ? 1 : 0;
        }
        return c;
    }
}
