package igm.instruct;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One run of a generation: a valley and a sliding coefficient, with its place in the list of runs.
 *
 * @param index              position in the generation's list of runs, ≥ 0
 * @param valleyKind         {@link Valley#SYNTHETIC} or {@link Valley#TERRAIN}
 * @param valleyIndex        number of the valley within its kind, ≥ 0
 * @param slidingCoefficient c, km MPa⁻³ a⁻¹, ≥ 0
 */
public record PlannedRun(int index, String valleyKind, int valleyIndex, double slidingCoefficient) {

    /**
     * The run's id, also the name of its file without {@code .nc}: kind, three-digit valley number and c as
     * written in the parameters, e.g. {@code synthetic-004-c12} or {@code terrain-001-c2.5}.
     */
    public String id() {
        String c = BigDecimal.valueOf(slidingCoefficient).stripTrailingZeros().toPlainString();
        return String.format(Locale.ROOT, "%s-%03d-c%s", valleyKind, valleyIndex, c);
    }

    /** The file name of the run's snapshots: {@link #id()} + {@code .nc}. */
    public String fileName() {
        return id() + ".nc";
    }
}
