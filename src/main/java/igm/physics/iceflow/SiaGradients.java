package igm.physics.iceflow;

/**
 * Surface gradients at cell centres for the shallow-ice approximation: centred differences inside, one-sided
 * differences in the first and last column (row), zero along an axis with a single cell.
 */
final class SiaGradients {

    private SiaGradients() {
    }

    /**
     * Writes ∂s/∂x into {@code gx} and ∂s/∂y into {@code gy}.
     *
     * @param nx columns
     * @param ny rows
     * @param dx cell size, m
     * @param s  field, row-major, {@code nx·ny}
     * @param gx output ∂s/∂x
     * @param gy output ∂s/∂y
     */
    static void centred(int nx, int ny, double dx, double[] s, double[] gx, double[] gy) {
        double inv2Dx = 0.5 / dx;
        double invDx = 1 / dx;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            if (nx == 1) {
                gx[row] = 0;
                continue;
            }
            gx[row] = (s[row + 1] - s[row]) * invDx;
            for (int i = 1; i < nx - 1; i++) {
                gx[row + i] = (s[row + i + 1] - s[row + i - 1]) * inv2Dx;
            }
            gx[row + nx - 1] = (s[row + nx - 1] - s[row + nx - 2]) * invDx;
        }
        if (ny == 1) {
            java.util.Arrays.fill(gy, 0, nx, 0.0);
            return;
        }
        for (int i = 0; i < nx; i++) {
            gy[i] = (s[nx + i] - s[i]) * invDx;
        }
        for (int j = 1; j < ny - 1; j++) {
            int row = j * nx;
            for (int i = 0; i < nx; i++) {
                gy[row + i] = (s[row + nx + i] - s[row - nx + i]) * inv2Dx;
            }
        }
        int last = (ny - 1) * nx;
        for (int i = 0; i < nx; i++) {
            gy[last + i] = (s[last + i] - s[last - nx + i]) * invDx;
        }
    }

    /** ∂s/∂x of row cells {@code row … row + nx − 1} into {@code out[0 … nx − 1]}, as {@link #centred}. */
    static void rowX(int nx, double dx, double[] s, int row, double[] out) {
        if (nx == 1) {
            out[0] = 0;
            return;
        }
        double inv2Dx = 0.5 / dx;
        double invDx = 1 / dx;
        out[0] = (s[row + 1] - s[row]) * invDx;
        for (int i = 1; i < nx - 1; i++) {
            out[i] = (s[row + i + 1] - s[row + i - 1]) * inv2Dx;
        }
        out[nx - 1] = (s[row + nx - 1] - s[row + nx - 2]) * invDx;
    }

    /** ∂s/∂y of row {@code j} into {@code out[0 … nx − 1]}, as {@link #centred}. */
    static void rowY(int nx, int ny, double dx, double[] s, int j, double[] out) {
        if (ny == 1) {
            java.util.Arrays.fill(out, 0, nx, 0.0);
            return;
        }
        double inv2Dx = 0.5 / dx;
        double invDx = 1 / dx;
        int row = j * nx;
        if (j == 0) {
            for (int i = 0; i < nx; i++) {
                out[i] = (s[nx + i] - s[i]) * invDx;
            }
        } else if (j == ny - 1) {
            for (int i = 0; i < nx; i++) {
                out[i] = (s[row + i] - s[row - nx + i]) * invDx;
            }
        } else {
            for (int i = 0; i < nx; i++) {
                out[i] = (s[row + nx + i] - s[row - nx + i]) * inv2Dx;
            }
        }
    }
}
