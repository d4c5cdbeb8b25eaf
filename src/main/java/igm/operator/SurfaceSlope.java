package igm.operator;

import igm.grid.Grid2D;

/**
 * Gradient of a cell-centred field, such as the ice surface s: {@code ∂s/∂x} by
 * {@code (s[i+1] − s[i−1]) / (2·dx)} in the interior and one-sided {@code (s[1] − s[0]) / dx},
 * {@code (s[n−1] − s[n−2]) / dx} on the first and last column (the centred difference after linear extrapolation of
 * s beyond the edge, as IGM does); likewise {@code ∂s/∂y} along rows j (northwards). A direction with a single cell
 * has a zero derivative. Exact for linear fields everywhere and for quadratics in the interior.
 *
 * <p>The one surface-slope stencil of the program: the emulator's inputs, the instructor snapshots, the shallow-ice
 * and the shallow-shelf models all take their slopes from here, whole grids at once ({@link #gradient}) or a row at
 * a time ({@link #xDerivativeOfRow}, {@link #yDerivativeOfRow}), with the same values either way.
 */
public final class SurfaceSlope {

    private SurfaceSlope() {
    }

    /** {@code {∂s/∂x, ∂s/∂y}}, each {@code grid.size()} long, unit of s per metre. */
    public static double[][] gradient(Grid2D grid, double[] s) {
        double[] dsdx = new double[grid.size()];
        double[] dsdy = new double[grid.size()];
        gradient(grid, s, dsdx, dsdy);
        return new double[][] {dsdx, dsdy};
    }

    /**
     * Writes ∂s/∂x and ∂s/∂y of {@code s} into {@code dsdx} and {@code dsdy} ({@code grid.size()} each).
     *
     * @throws IllegalArgumentException if an array does not have {@code grid.size()} entries
     */
    public static void gradient(Grid2D grid, double[] s, double[] dsdx, double[] dsdy) {
        int nx = grid.nx();
        int ny = grid.ny();
        int n = grid.size();
        if (s.length != n || dsdx.length != n || dsdy.length != n) {
            throw new IllegalArgumentException("arrays must have " + n + " entries, got " + s.length + ", "
                    + dsdx.length + ", " + dsdy.length);
        }
        double dx = grid.dx();
        for (int j = 0; j < ny; j++) {
            xDerivativeOfRow(nx, dx, s, j * nx, dsdx, j * nx);
            yDerivativeOfRow(nx, ny, dx, s, j, dsdy, j * nx);
        }
    }

    /**
     * ∂s/∂x of the row cells {@code row … row + nx − 1} into {@code out[offset … offset + nx − 1]}, as
     * {@link #gradient}.
     *
     * @param nx     cells per row
     * @param dx     cell size, m
     * @param s      the field, row-major, {@code nx} cells per row
     * @param row    index in {@code s} of the row's first cell
     * @param out    receives the derivatives, unit of s per metre
     * @param offset index in {@code out} of the row's first derivative
     */
    public static void xDerivativeOfRow(int nx, double dx, double[] s, int row, double[] out, int offset) {
        if (nx == 1) {
            out[offset] = 0;
            return;
        }
        double inv2Dx = 0.5 / dx;
        double invDx = 1 / dx;
        out[offset] = (s[row + 1] - s[row]) * invDx;
        for (int i = 1; i < nx - 1; i++) {
            out[offset + i] = (s[row + i + 1] - s[row + i - 1]) * inv2Dx;
        }
        out[offset + nx - 1] = (s[row + nx - 1] - s[row + nx - 2]) * invDx;
    }

    /**
     * ∂s/∂y of row {@code j} into {@code out[offset … offset + nx − 1]}, as {@link #gradient}.
     *
     * @param nx     cells per row
     * @param ny     rows
     * @param dx     cell size, m
     * @param s      the field, row-major, {@code nx·ny}
     * @param j      the row, {@code 0 ≤ j < ny}
     * @param out    receives the derivatives, unit of s per metre
     * @param offset index in {@code out} of the row's first derivative
     */
    public static void yDerivativeOfRow(int nx, int ny, double dx, double[] s, int j, double[] out, int offset) {
        if (ny == 1) {
            java.util.Arrays.fill(out, offset, offset + nx, 0.0);
            return;
        }
        double inv2Dx = 0.5 / dx;
        double invDx = 1 / dx;
        int row = j * nx;
        if (j == 0) {
            for (int i = 0; i < nx; i++) {
                out[offset + i] = (s[nx + i] - s[i]) * invDx;
            }
        } else if (j == ny - 1) {
            for (int i = 0; i < nx; i++) {
                out[offset + i] = (s[row + i] - s[row - nx + i]) * invDx;
            }
        } else {
            for (int i = 0; i < nx; i++) {
                out[offset + i] = (s[row + nx + i] - s[row - nx + i]) * inv2Dx;
            }
        }
    }
}
