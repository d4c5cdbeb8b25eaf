package igm.grid;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One of the eight symmetries of the square grid (the dihedral group D4: the rotations by multiples of 90° and the
 * reflections), acting on gridded fields: an optional transposition (x ↔ y) followed by optional reflections of the
 * new x and y axes.
 *
 * <p>Cell {@code (i, j)} of an {@code nx × ny} source goes to cell {@code (i', j')} of the target, which is
 * {@code ny × nx} when the symmetry transposes: with {@code (a, b) = (j, i)} after a transposition and {@code (i, j)}
 * otherwise, {@code i' = flipX ? tx−1−a : a} and {@code j' = flipY ? ty−1−b : b}. A vector (u, v) — a velocity or a
 * surface gradient — becomes {@code (σx·u, σy·v)}, or {@code (σx·v, σy·u)} after a transposition, with σ = −1 for a
 * reflected axis: the transformed field is then what the same physics gives on the transformed glacier. Element
 * {@code g} of {@link #all()} transposes when bit 2 is set, reflects x when bit 0 is set and y when bit 1 is set:
 * element 0 is the identity, 3 the rotation by 180°, 5 the rotation by +90° (anticlockwise) and 6 by −90°.
 */
public final class GridSymmetry {

    private static final List<GridSymmetry> ALL = IntStream.range(0, 8).mapToObj(GridSymmetry::new).toList();

    private final int index;
    private final boolean transpose;
    private final boolean flipX;
    private final boolean flipY;

    private GridSymmetry(int index) {
        this.index = index;
        this.transpose = (index & 4) != 0;
        this.flipX = (index & 1) != 0;
        this.flipY = (index & 2) != 0;
    }

    /** The eight symmetries, element {@code g} at index {@code g} (see the class comment); element 0 is the identity. */
    public static List<GridSymmetry> all() {
        return ALL;
    }

    /**
     * Symmetry number {@code index}.
     *
     * @throws IllegalArgumentException unless 0 ≤ index &lt; 8
     */
    public static GridSymmetry of(int index) {
        if (index < 0 || index >= 8) {
            throw new IllegalArgumentException("grid symmetry index must be in 0..7, got " + index);
        }
        return ALL.get(index);
    }

    /** This symmetry's number in {@link #all()}. */
    public int index() {
        return index;
    }

    /** Whether x and y swap (the rotations by ±90° and the two diagonal reflections). */
    public boolean transposes() {
        return transpose;
    }

    /** Sign applied to the target's x component of a vector. */
    public double signX() {
        return flipX ? -1 : 1;
    }

    /** Sign applied to the target's y component of a vector. */
    public double signY() {
        return flipY ? -1 : 1;
    }

    /** Columns of the target of an {@code nx × ny} source. */
    public int targetNx(int nx, int ny) {
        return transpose ? ny : nx;
    }

    /** Rows of the target of an {@code nx × ny} source. */
    public int targetNy(int nx, int ny) {
        return transpose ? nx : ny;
    }

    /** The target grid of {@code source}: same spacing, sizes swapped when transposing, origin at 0. */
    public Grid2D target(Grid2D source) {
        return Grid2D.of(targetNx(source.nx(), source.ny()), targetNy(source.nx(), source.ny()), source.dx());
    }

    /** For each source cell {@code j·nx + i} of an {@code nx × ny} grid, the flat index of its target cell. */
    public int[] cellMap(int nx, int ny) {
        int tx = targetNx(nx, ny);
        int ty = targetNy(nx, ny);
        int[] map = new int[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int a = transpose ? j : i;
                int b = transpose ? i : j;
                int ti = flipX ? tx - 1 - a : a;
                int tj = flipY ? ty - 1 - b : b;
                map[j * nx + i] = tj * tx + ti;
            }
        }
        return map;
    }

    /** A scalar field of {@code source} moved to {@link #target(Grid2D)}. */
    public double[] scalar(Grid2D source, double[] field) {
        checkLength(source, field);
        int[] map = cellMap(source.nx(), source.ny());
        double[] out = new double[field.length];
        for (int k = 0; k < field.length; k++) {
            out[map[k]] = field[k];
        }
        return out;
    }

    /**
     * A vector field (u, v) of {@code source} moved to {@link #target(Grid2D)} with its components transformed.
     *
     * @return {u', v'} on the target grid
     */
    public double[][] vector(Grid2D source, double[] u, double[] v) {
        checkLength(source, u);
        checkLength(source, v);
        int[] map = cellMap(source.nx(), source.ny());
        double sx = signX();
        double sy = signY();
        double[] tu = new double[u.length];
        double[] tv = new double[v.length];
        for (int k = 0; k < u.length; k++) {
            tu[map[k]] = sx * (transpose ? v[k] : u[k]);
            tv[map[k]] = sy * (transpose ? u[k] : v[k]);
        }
        return new double[][] {tu, tv};
    }

    /**
     * The inverse of {@link #vector}: the source-grid vector of a target-grid vector (u', v'), added to
     * (uSum, vSum).
     */
    public void addVectorBack(Grid2D source, double[] targetU, double[] targetV, double[] uSum, double[] vSum) {
        int[] map = cellMap(source.nx(), source.ny());
        double sx = signX();
        double sy = signY();
        for (int k = 0; k < map.length; k++) {
            double ut = targetU[map[k]];
            double vt = targetV[map[k]];
            // σ² = 1: undoing the signs and the swap of the forward map
            if (transpose) {
                uSum[k] += sy * vt;
                vSum[k] += sx * ut;
            } else {
                uSum[k] += sx * ut;
                vSum[k] += sy * vt;
            }
        }
    }

    @Override
    public String toString() {
        return switch (index) {
            case 0 -> "identity";
            case 1 -> "reflection x";
            case 2 -> "reflection y";
            case 3 -> "rotation 180°";
            case 4 -> "transposition";
            case 5 -> "rotation +90°";
            case 6 -> "rotation −90°";
            default -> "anti-transposition";
        };
    }

    private static void checkLength(Grid2D grid, double[] field) {
        if (field.length != grid.size()) {
            throw new IllegalArgumentException("field has " + field.length + " values, the grid " + grid.size());
        }
    }
}
