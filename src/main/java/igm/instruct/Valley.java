package igm.instruct;

import igm.grid.Grid2D;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ice-free bed of one instructor run: a synthetic valley ({@link SyntheticValley}) or a window of real terrain
 * ({@link TerrainCrops}).
 *
 * @param kind        {@link #SYNTHETIC} or {@link #TERRAIN}
 * @param index       number of the valley within its kind, ≥ 0
 * @param grid        the grid of the bed
 * @param bed         bedrock elevation, m a.s.l., {@code grid.size()} finite values in the grid's row-major order
 *                    (copied)
 * @param description how the valley was made, parameter name → value as text, in a stable order (copied)
 */
public record Valley(String kind, int index, Grid2D grid, double[] bed, Map<String, String> description) {

    /** Kind of a generated valley. */
    public static final String SYNTHETIC = "synthetic";
    /** Kind of a window of a real DEM. */
    public static final String TERRAIN = "terrain";

    public Valley {
        if (!SYNTHETIC.equals(kind) && !TERRAIN.equals(kind)) {
            throw new IllegalArgumentException("valley kind must be " + SYNTHETIC + " or " + TERRAIN + ", got " + kind);
        }
        if (index < 0) {
            throw new IllegalArgumentException("valley index must be ≥ 0, got " + index);
        }
        if (bed == null || bed.length != grid.size()) {
            throw new IllegalArgumentException("bed must have " + grid.size() + " values");
        }
        for (int k = 0; k < bed.length; k++) {
            if (!Double.isFinite(bed[k])) {
                throw new IllegalArgumentException("bed is not finite at cell " + k + ": " + bed[k]);
            }
        }
        bed = bed.clone();
        description = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description));
    }

    /** The bed elevations (a copy). */
    @Override
    public double[] bed() {
        return bed.clone();
    }

    /** The name of the valley, e.g. {@code synthetic-007}: kind and three-digit index. */
    public String name() {
        return String.format(java.util.Locale.ROOT, "%s-%03d", kind, index);
    }

    /** {@link #description()} on one line, {@code key=value; key=value}. */
    public String describe() {
        return description.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
