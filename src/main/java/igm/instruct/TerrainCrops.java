package igm.instruct;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.GeoTiffInputReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Windows of a real DEM as valleys for instructor runs (paper §2.2: real terrain, the ice removed).
 *
 * <p>The bed is the input's bed: {@code topg}, or {@code usurf − thk} when the file has no topg
 * ({@link GriddedInputReader}). A window of {@code nx × ny} cells is a candidate when
 * <ul>
 *   <li>at most {@code maxMaskOverlap} of its cells are inside the input's ice mask ({@code icemask} &gt; 0.5; with
 *       the default 0, windows do not touch the glacier outline, which is kept for evaluation), and</li>
 *   <li>its relief (highest minus lowest bed cell) is at least {@code minRelief}: flatter terrain cannot grow
 *       a valley glacier.</li>
 * </ul>
 * The candidates are visited in an order shuffled with the seed, and one is taken when it shares at most
 * {@code maxMutualOverlap} of its area with every window taken before, until {@code count} are taken. The windows
 * therefore depend only on the DEM, the rules and the seed.
 */
public final class TerrainCrops {

    /**
     * A window of the DEM.
     *
     * @param i0           first column in the DEM's grid
     * @param j0           first row in the DEM's grid (row 0 is the southern edge)
     * @param nx           columns
     * @param ny           rows
     * @param maskOverlap  share of its cells inside the DEM's ice mask
     * @param relief       highest minus lowest bed elevation, m
     */
    public record Window(int i0, int j0, int nx, int ny, double maskOverlap, double relief) {

        /** Share of this window's area that {@code other} covers. */
        public double overlap(Window other) {
            int ox = Math.max(0, Math.min(i0 + nx, other.i0 + other.nx) - Math.max(i0, other.i0));
            int oy = Math.max(0, Math.min(j0 + ny, other.j0 + other.ny) - Math.max(j0, other.j0));
            return (double) ox * oy / ((double) nx * ny);
        }
    }

    private TerrainCrops() {
    }

    /**
     * Reads the DEM (a NetCDF input, or a GeoTIFF read as the bed) at the grid spacing {@code dx}: the file's
     * spacing (after {@code options}' coarsening) when it equals {@code dx}, otherwise coarsened by the whole ratio
     * between them.
     *
     * @throws InputException when the file cannot be read or {@code dx} is not a whole multiple of its spacing
     */
    public static GriddedInput readDem(InputOptions options, double dx) {
        GriddedInput dem = read(options);
        double spacing = dem.grid().dx();
        if (Math.abs(spacing - dx) <= 1e-6 * dx) {
            return dem;
        }
        double ratio = dx / spacing;
        long factor = Math.round(ratio);
        if (factor < 2 || Math.abs(ratio - factor) > 1e-6 * ratio) {
            throw new InputException("terrain DEM " + options.file() + " has cells of " + spacing + " m; the "
                    + "instructor grid spacing " + dx + " m is not a whole multiple of it (crops are coarsened by "
                    + "block averaging, never refined)");
        }
        return read(options.withCoarsen(options.coarsen() * (int) factor));
    }

    /** A NetCDF input, or a GeoTIFF DEM read as the bed (a TIFF signature or a .tif/.tiff name). */
    private static GriddedInput read(InputOptions options) {
        return GeoTiffInputReader.isGeoTiffInput(options.file()) ? GeoTiffInputReader.read(options)
                : GriddedInputReader.read(options);
    }

    /**
     * Chooses {@code count} windows of {@code nx × ny} cells (see the class comment).
     *
     * @param dem              the DEM
     * @param nx               window columns, ≥ 8 and at most the DEM's
     * @param ny               window rows, ≥ 8 and at most the DEM's
     * @param count            windows wanted, ≥ 0
     * @param maxMaskOverlap   largest share of a window's cells in the ice mask, in [0, 1]
     * @param maxMutualOverlap largest share of a window's area any other window may cover, in [0, 1]
     * @param minRelief        smallest relief of a window, m
     * @param seed             the master seed
     * @throws InputException when the windows do not fit the DEM, or fewer than {@code count} windows satisfy the
     *                        rules (the message says how many do and what to change)
     */
    public static List<Window> select(GriddedInput dem, int nx, int ny, int count, double maxMaskOverlap,
                                      double maxMutualOverlap, double minRelief, long seed) {
        Grid2D grid = dem.grid();
        if (nx < 8 || ny < 8 || nx > grid.nx() || ny > grid.ny()) {
            throw new InputException("terrain windows of " + nx + " × " + ny + " cells do not fit the "
                    + grid.nx() + " × " + grid.ny() + " cells of the DEM " + dem.source()
                    + " (at least 8 × 8 cells, at most the DEM)");
        }
        if (count == 0) {
            return List.of();
        }
        double[] bed = dem.bed();
        double[] mask = dem.iceMask();
        int[] maskSums = prefixSums(grid, mask);
        List<Window> candidates = new ArrayList<>();
        int areaCells = nx * ny;
        for (int j0 = 0; j0 + ny <= grid.ny(); j0++) {
            for (int i0 = 0; i0 + nx <= grid.nx(); i0++) {
                int inMask = maskSums == null ? 0 : windowSum(maskSums, grid.nx() + 1, i0, j0, nx, ny);
                double overlap = (double) inMask / areaCells;
                if (overlap > maxMaskOverlap) {
                    continue;
                }
                double relief = relief(grid, bed, i0, j0, nx, ny);
                if (relief >= minRelief) {
                    candidates.add(new Window(i0, j0, nx, ny, overlap, relief));
                }
            }
        }
        RandomGenerator rng = SyntheticValley.generator(seed, "terrain-crops", 0);
        for (int k = candidates.size() - 1; k > 0; k--) {
            int other = rng.nextInt(k + 1);
            Window w = candidates.get(k);
            candidates.set(k, candidates.get(other));
            candidates.set(other, w);
        }
        List<Window> chosen = new ArrayList<>();
        for (Window w : candidates) {
            boolean distinct = true;
            for (Window c : chosen) {
                if (w.overlap(c) > maxMutualOverlap) {
                    distinct = false;
                    break;
                }
            }
            if (distinct) {
                chosen.add(w);
                if (chosen.size() == count) {
                    return List.copyOf(chosen);
                }
            }
        }
        throw new InputException(String.format(Locale.ROOT, "terrain DEM %s (%d × %d cells of %s m) has %d window(s) "
                        + "of %d × %d cells with at most %s of their cells in the ice mask and a relief of at least "
                        + "%s m, of which %d share at most %s of their area with each other; %d were asked for. "
                        + "Ask for fewer crops, smaller windows, more overlap, or point input.file at a larger DEM",
                dem.source(), grid.nx(), grid.ny(), grid.dx(), candidates.size(), nx, ny, maxMaskOverlap, minRelief,
                chosen.size(), maxMutualOverlap, count));
    }

    /** Window {@code w} of the DEM as valley number {@code index}. */
    public static Valley valley(GriddedInput dem, Window w, int index) {
        Grid2D grid = dem.grid();
        Grid2D crop = grid.crop(w.i0(), w.j0(), w.nx(), w.ny());
        double[] bed = grid.cut(dem.bed(), w.i0(), w.j0(), w.nx(), w.ny());
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dem", dem.source().toString());
        d.put("window_i0", Integer.toString(w.i0()));
        d.put("window_j0", Integer.toString(w.j0()));
        d.put("cells_x", Integer.toString(w.nx()));
        d.put("cells_y", Integer.toString(w.ny()));
        d.put("dx_m", Double.toString(grid.dx()));
        d.put("mask_overlap", String.format(Locale.ROOT, "%.4f", w.maskOverlap()));
        d.put("relief_m", String.format(Locale.ROOT, "%.1f", w.relief()));
        return new Valley(Valley.TERRAIN, index, crop, bed, d);
    }

    private static double relief(Grid2D grid, double[] bed, int i0, int j0, int nx, int ny) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = j0; j < j0 + ny; j++) {
            int row = j * grid.nx();
            for (int i = i0; i < i0 + nx; i++) {
                double z = bed[row + i];
                lo = Math.min(lo, z);
                hi = Math.max(hi, z);
            }
        }
        return hi - lo;
    }

    /** Summed-area table of the mask cells (&gt; 0.5), (nx+1)·(ny+1) entries; null without a mask. */
    private static int[] prefixSums(Grid2D grid, double[] mask) {
        if (mask == null) {
            return null;
        }
        int w = grid.nx() + 1;
        int[] sums = new int[w * (grid.ny() + 1)];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int inside = mask[grid.index(i, j)] > 0.5 ? 1 : 0;
                sums[(j + 1) * w + i + 1] = inside + sums[j * w + i + 1] + sums[(j + 1) * w + i] - sums[j * w + i];
            }
        }
        return sums;
    }

    private static int windowSum(int[] sums, int w, int i0, int j0, int nx, int ny) {
        return sums[(j0 + ny) * w + i0 + nx] - sums[j0 * w + i0 + nx] - sums[(j0 + ny) * w + i0] + sums[j0 * w + i0];
    }
}
