package igm.operator;

import igm.grid.Grid2D;

/**
 * Gradient of a cell-centred field, such as the ice surface s: {@code ∂s/∂x} by
 * {@code (s[i+1] − s[i−1]) / (2·dx)} in the interior and one-sided {@code (s[1] − s[0]) / dx},
 * {@code (s[n−1] − s[n−2]) / dx} on the first and last column (the centred difference after linear extrapolation of
 * s beyond the edge, as IGM does); likewise {@code ∂s/∂y} along rows j (northwards). A direction with a single cell
 * has a zero derivative. Exact for linear fields everywhere and for quadratics in the interior.
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

    /** Writes ∂s/∂x and ∂s/∂y of {@code s} into {@code dsdx} and {@code dsdy} ({@code grid.size()} each). */
    public static void gradient(Grid2D grid, double[] s, double[] dsdx, double[] dsdy) {
        int nx = grid.nx();
        int ny = grid.ny();
        int n = grid.size();
        if (s.length != n || dsdx.length != n || dsdy.length != n) {
            throw new IllegalArgumentException("arrays must have " + n + " entries, got " + s.length + ", "
                    + dsdx.length + ", " + dsdy.length);
        }
        double inv = 1.0 / grid.dx();
        double half = 0.5 * inv;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            if (nx == 1) {
                dsdx[row] = 0;
            } else {
                dsdx[row] = (s[row + 1] - s[row]) * inv;
                for (int i = 1; i < nx - 1; i++) {
                    dsdx[row + i] = (s[row + i + 1] - s[row + i - 1]) * half;
                }
                dsdx[row + nx - 1] = (s[row + nx - 1] - s[row + nx - 2]) * inv;
            }
        }
        for (int i = 0; i < nx; i++) {
            if (ny == 1) {
                dsdy[i] = 0;
                continue;
            }
            dsdy[i] = (s[nx + i] - s[i]) * inv;
            for (int j = 1; j < ny - 1; j++) {
                dsdy[j * nx + i] = (s[(j + 1) * nx + i] - s[(j - 1) * nx + i]) * half;
            }
            dsdy[(ny - 1) * nx + i] = (s[(ny - 1) * nx + i] - s[(ny - 2) * nx + i]) * inv;
        }
    }
}
