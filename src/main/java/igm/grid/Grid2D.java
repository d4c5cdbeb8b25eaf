package igm.grid;

import igm.InputException;

/**
 * An immutable regular 2D grid of square cells.
 *
 * <p>Cell {@code (i, j)} has its centre at {@code x = xOrigin + i·dx}, {@code y = yOrigin + j·dx}; {@code i} runs
 * east over {@code 0..nx-1} and {@code j} runs north over {@code 0..ny-1}. Fields on the grid are flat arrays in
 * row-major order, {@code index(i, j) = j·nx + i}, so that row {@code j = 0} is the southern edge whatever the
 * order of the input file.
 *
 * @param nx      number of cells along x (east), at least 1
 * @param ny      number of cells along y (north), at least 1
 * @param dx      cell size in metres, finite and positive
 * @param xOrigin x of the centre of cell (0, 0), metres
 * @param yOrigin y of the centre of cell (0, 0), metres
 */
public record Grid2D(int nx, int ny, double dx, double xOrigin, double yOrigin) {

    public Grid2D {
        if (nx < 1 || ny < 1) {
            throw new InputException("grid size must be at least 1×1, got nx=" + nx + ", ny=" + ny);
        }
        if (!(dx > 0) || !Double.isFinite(dx)) {
            throw new InputException("grid spacing must be finite and positive, got dx=" + dx + " m");
        }
        if (!Double.isFinite(xOrigin) || !Double.isFinite(yOrigin)) {
            throw new InputException("grid origin must be finite, got (" + xOrigin + ", " + yOrigin + ")");
        }
    }

    /** A grid of {@code nx × ny} cells of size {@code dx} with cell (0, 0) centred at the origin. */
    public static Grid2D of(int nx, int ny, double dx) {
        return new Grid2D(nx, ny, dx, 0, 0);
    }

    /** Number of cells, {@code nx·ny}. */
    public int size() {
        return nx * ny;
    }

    /** Flat index of cell {@code (i, j)}. */
    public int index(int i, int j) {
        return j * nx + i;
    }

    /** x of the centre of column {@code i}, metres. */
    public double x(int i) {
        return xOrigin + i * dx;
    }

    /** y of the centre of row {@code j}, metres. */
    public double y(int j) {
        return yOrigin + j * dx;
    }

    /** x of the centres of all columns, metres, ascending. */
    public double[] xCoordinates() {
        double[] xs = new double[nx];
        for (int i = 0; i < nx; i++) {
            xs[i] = x(i);
        }
        return xs;
    }

    /** y of the centres of all rows, metres, ascending. */
    public double[] yCoordinates() {
        double[] ys = new double[ny];
        for (int j = 0; j < ny; j++) {
            ys[j] = y(j);
        }
        return ys;
    }

    /** Area of one cell, m². */
    public double cellArea() {
        return dx * dx;
    }

    /** Width of the domain along x, metres (edge to edge). */
    public double width() {
        return nx * dx;
    }

    /** Height of the domain along y, metres (edge to edge). */
    public double height() {
        return ny * dx;
    }

    /** The sub-grid of columns {@code i0 ≤ i < i0+nxNew} and rows {@code j0 ≤ j < j0+nyNew}. */
    public Grid2D crop(int i0, int j0, int nxNew, int nyNew) {
        if (i0 < 0 || j0 < 0 || nxNew < 1 || nyNew < 1 || i0 + nxNew > nx || j0 + nyNew > ny) {
            throw new InputException("crop [" + i0 + ", " + (i0 + nxNew) + ") × [" + j0 + ", " + (j0 + nyNew)
                    + ") does not fit in the " + nx + "×" + ny + " grid");
        }
        return new Grid2D(nxNew, nyNew, dx, x(i0), y(j0));
    }

    /**
     * The values of a field of this grid on the window of columns {@code i0 ≤ i < i0+width} and rows
     * {@code j0 ≤ j < j0+height}, in the layout of {@link #crop}'s grid.
     *
     * @throws IllegalArgumentException when the field does not have {@link #size()} entries or the window does not fit
     */
    public double[] cut(double[] field, int i0, int j0, int width, int height) {
        if (field.length != size() || i0 < 0 || j0 < 0 || width < 1 || height < 1 || i0 + width > nx
                || j0 + height > ny) {
            throw new IllegalArgumentException("window [" + i0 + ", " + (i0 + width) + ") × [" + j0 + ", "
                    + (j0 + height) + ") of a field of " + field.length + " values on the " + nx + "×" + ny + " grid");
        }
        double[] out = new double[width * height];
        for (int j = 0; j < height; j++) {
            System.arraycopy(field, (j0 + j) * nx + i0, out, j * width, width);
        }
        return out;
    }

    /**
     * The bounding box of the cells of {@code mask} grown by {@code margin} cells on every side and clipped to the
     * grid, as {i0, j0, width, height} (the arguments of {@link #crop}); the whole grid when {@code mask} is null,
     * null when no cell is set.
     *
     * @throws IllegalArgumentException when the mask does not have {@link #size()} entries or the margin is negative
     */
    public int[] boundingBox(boolean[] mask, int margin) {
        if ((mask != null && mask.length != size()) || margin < 0) {
            throw new IllegalArgumentException("mask of " + (mask == null ? 0 : mask.length) + " cells and margin "
                    + margin + " for the " + nx + "×" + ny + " grid");
        }
        int i0 = nx;
        int i1 = -1;
        int j0 = ny;
        int j1 = -1;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (mask == null || mask[j * nx + i]) {
                    i0 = Math.min(i0, i);
                    i1 = Math.max(i1, i);
                    j0 = Math.min(j0, j);
                    j1 = Math.max(j1, j);
                }
            }
        }
        if (i1 < 0) {
            return null;
        }
        i0 = Math.max(0, i0 - margin);
        j0 = Math.max(0, j0 - margin);
        i1 = Math.min(nx - 1, i1 + margin);
        j1 = Math.min(ny - 1, j1 + margin);
        return new int[] {i0, j0, i1 - i0 + 1, j1 - j0 + 1};
    }

    /**
     * The grid of blocks of {@code factor × factor} cells (incomplete blocks at the north and east edges are dropped).
     * Block centres are the means of the centres of their cells.
     */
    public Grid2D coarsen(int factor) {
        if (factor < 1 || factor > nx || factor > ny) {
            throw new InputException("coarsening factor must be in [1, " + Math.min(nx, ny) + "], got " + factor);
        }
        double shift = 0.5 * (factor - 1) * dx;
        return new Grid2D(nx / factor, ny / factor, dx * factor, xOrigin + shift, yOrigin + shift);
    }

    @Override
    public String toString() {
        return nx + "×" + ny + " cells of " + dx + " m, origin (" + xOrigin + ", " + yOrigin + ")";
    }
}
