package igm.io;

import igm.InputException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;

/**
 * The region of an input file's grid that a reader takes (its crop), the checks of the values read on it and their
 * crop and coarsening onto the model grid: what {@link GriddedInputReader} and {@link GeoTiffInputReader} share, each
 * wording its own messages ({@link Messages}).
 *
 * <p>Fields are flat arrays on the file's grid, row by row from the south ({@code k = j·nx + i}). The checks cover
 * the region only and throw one {@link InputException} for the first bad cell, row by row from the south.
 */
final class InputRegion {

    /** How a reader words the errors of its values; {@code where} locates the cell ({@link #where(int)}). */
    interface Messages {
        /** A NaN or infinite value of {@code field}. */
        String notFinite(String field, double value, String where);

        /** A negative thickness given by the file. */
        String negativeThickness(double value, String where);

        /**
         * A thickness above {@link GriddedInputReader#MAX_THICKNESS_M}, given by the file or, when {@code derived},
         * computed as usurf − topg.
         */
        String tooThick(double value, String where, boolean derived);

        /** usurf farther than {@link GriddedInputReader#SURFACE_TOLERANCE_M} from {@code expected} = topg + thk. */
        String inconsistentSurface(double surface, double bed, double thickness, double expected, String where);

        /** An ice mask value other than 0 and 1. */
        String notMask(double value, String where);

        /** A value of {@code field} below {@code minimum} (or, when {@code strict}, not above it). */
        String belowMinimum(String field, double value, double minimum, boolean strict, String where);
    }

    /** Bed, surface and thickness on the file's grid, m, all three given or derived. */
    record Geometry(double[] bed, double[] surface, double[] thickness) {
    }

    private final Grid2D fileGrid;
    private final int[] region;
    private final Grid2D cropped;
    private final String source;
    private final boolean imageRows;
    private final Messages messages;

    /**
     * @param fileGrid  the grid of the file
     * @param crop      {@code {i0, j0, nx, ny}} in cells of the file's grid from the south-west corner, or null for
     *                  the whole grid
     * @param source    how grid errors name the file ("input file …", "GeoTIFF …"), followed by ": " and the error
     * @param imageRows whether {@link #where(int)} also gives the row counted from the top of the image
     * @param messages  the reader's wording of errors in the values
     * @throws InputException when the crop does not fit the file's grid
     */
    InputRegion(Grid2D fileGrid, int[] crop, String source, boolean imageRows, Messages messages) {
        this.fileGrid = fileGrid;
        this.region = crop == null ? new int[] {0, 0, fileGrid.nx(), fileGrid.ny()} : crop;
        this.source = source;
        this.imageRows = imageRows;
        this.messages = messages;
        try {
            this.cropped = fileGrid.crop(region[0], region[1], region[2], region[3]);
        } catch (InputException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The geometry of the file checked, with what is missing derived. A given thickness (NaN read as 0 when
     * {@code fillNanThickness}) must be finite, ≥ 0 and ≤ {@link GriddedInputReader#MAX_THICKNESS_M}; a given bed
     * or surface finite. Then the bed alone is an ice-free start (thk = 0, usurf = topg); of two, the third is
     * derived (usurf = topg + thk, topg = usurf − thk, thk = max(usurf − topg, 0), this one also bounded); with all
     * three, usurf must equal topg + thk within {@link GriddedInputReader#SURFACE_TOLERANCE_M} plus the rounding of
     * float32 elevations. At least the bed or two of the three must be given.
     *
     * @throws InputException for the first value that fails, in that order
     */
    Geometry geometry(double[] bed, double[] surface, double[] thickness, boolean fillNanThickness) {
        if (thickness != null) {
            if (fillNanThickness) {
                for (int k = 0; k < thickness.length; k++) {
                    if (Double.isNaN(thickness[k])) {
                        thickness[k] = 0;
                    }
                }
            }
            requireFinite(FieldSpec.THK.name(), thickness);
            for (int k : indices()) {
                if (thickness[k] < 0) {
                    throw new InputException(messages.negativeThickness(thickness[k], where(k)));
                }
            }
            requireThicknessBelowBound(thickness, false);
        }
        if (bed != null) {
            requireFinite(FieldSpec.TOPG.name(), bed);
        }
        if (surface != null) {
            requireFinite(FieldSpec.USURF.name(), surface);
        }
        int n = fileGrid.size();
        if (surface == null && thickness == null) {
            thickness = new double[n];
            surface = bed.clone();
        } else if (bed == null) {
            bed = new double[n];
            for (int k = 0; k < n; k++) {
                bed[k] = surface[k] - thickness[k];
            }
        } else if (surface == null) {
            surface = new double[n];
            for (int k = 0; k < n; k++) {
                surface[k] = bed[k] + thickness[k];
            }
        } else if (thickness == null) {
            thickness = new double[n];
            for (int k = 0; k < n; k++) {
                thickness[k] = Math.max(surface[k] - bed[k], 0);
            }
            requireThicknessBelowBound(thickness, true);
        } else {
            requireConsistentSurface(bed, surface, thickness);
        }
        return new Geometry(bed, surface, thickness);
    }

    /**
     * Checks an optional field and returns it: finite, and icemask 0 or 1, slidingco ≥ 0, arrhenius &gt; 0.
     *
     * @param field  {@link FieldSpec#ICEMASK}, {@link FieldSpec#SLIDINGCO} or {@link FieldSpec#ARRHENIUS}
     * @param values the field on the file's grid, or null when it is not given (returned as it is)
     * @throws InputException for the first value that fails
     */
    double[] checkedParameter(FieldSpec field, double[] values) {
        if (values == null) {
            return null;
        }
        requireFinite(field.name(), values);
        if (field.equals(FieldSpec.ICEMASK)) {
            for (int k : indices()) {
                if (values[k] != 0 && values[k] != 1) {
                    throw new InputException(messages.notMask(values[k], where(k)));
                }
            }
        } else if (field.equals(FieldSpec.SLIDINGCO)) {
            requireAtLeast(field.name(), values, 0, false);
        } else if (field.equals(FieldSpec.ARRHENIUS)) {
            requireAtLeast(field.name(), values, 0, true);
        } else {
            throw new IllegalArgumentException("not a parameter field: " + field.name());
        }
        return values;
    }

    /**
     * The model grid: the crop of the file's grid coarsened by {@code factor}.
     *
     * @throws InputException when the factor does not fit the crop
     */
    Grid2D coarsenedGrid(int factor) {
        try {
            return cropped.coarsen(factor);
        } catch (InputException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The crop of a field on the file's grid, then block means over {@code factor × factor} cells (incomplete blocks
     * at the east and north edges dropped, as {@link Grid2D#coarsen(int)}); a {@code mask} block is 1 when the mean
     * of its cells is ≥ 0.5 (a majority of ice cells), 0 otherwise.
     *
     * @return the field on the model grid, or null when {@code full} is null
     */
    double[] resample(double[] full, int factor, boolean mask) {
        if (full == null) {
            return null;
        }
        int nxFile = fileGrid.nx();
        int nxOut = region[2] / factor;
        int nyOut = region[3] / factor;
        double[] out = new double[nxOut * nyOut];
        double cells = (double) factor * factor;
        for (int jb = 0; jb < nyOut; jb++) {
            for (int ib = 0; ib < nxOut; ib++) {
                double sum = 0;
                for (int dj = 0; dj < factor; dj++) {
                    int rowStart = (region[1] + jb * factor + dj) * nxFile + region[0] + ib * factor;
                    for (int di = 0; di < factor; di++) {
                        sum += full[rowStart + di];
                    }
                }
                double mean = sum / cells;
                out[jb * nxOut + ib] = mask && factor > 1 ? (mean >= 0.5 ? 1 : 0) : mean;
            }
        }
        return out;
    }

    /**
     * The cell {@code k} of the file's grid in words: its (i, j) counted from the south-west corner, its x and y,
     * and, for an image, its row counted from the top.
     */
    String where(int k) {
        int i = k % fileGrid.nx();
        int j = k / fileGrid.nx();
        return "cell (i=" + i + ", j=" + j + ") counted from the south-west corner (x=" + fmt(fileGrid.x(i))
                + " m, y=" + fmt(fileGrid.y(j)) + " m" + (imageRows ? "; row " + (fileGrid.ny() - 1 - j)
                + " from the top of the image)" : ")");
    }

    /** A number in a message: a whole number without a decimal point, any other as {@link Double#toString}. */
    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private void requireFinite(String field, double[] values) {
        for (int k : indices()) {
            if (!Double.isFinite(values[k])) {
                throw new InputException(messages.notFinite(field, values[k], where(k)));
            }
        }
    }

    private void requireThicknessBelowBound(double[] thickness, boolean derived) {
        for (int k : indices()) {
            if (thickness[k] > GriddedInputReader.MAX_THICKNESS_M) {
                throw new InputException(messages.tooThick(thickness[k], where(k), derived));
            }
        }
    }

    private void requireConsistentSurface(double[] bed, double[] surface, double[] thickness) {
        for (int k : indices()) {
            double expected = bed[k] + thickness[k];
            double rounding = 4 * Math.ulp((float) Math.max(Math.abs(surface[k]), Math.abs(expected)));
            if (!(Math.abs(surface[k] - expected) <= GriddedInputReader.SURFACE_TOLERANCE_M + rounding)) {
                throw new InputException(messages.inconsistentSurface(surface[k], bed[k], thickness[k], expected,
                        where(k)));
            }
        }
    }

    private void requireAtLeast(String field, double[] values, double minimum, boolean strict) {
        for (int k : indices()) {
            if (strict ? !(values[k] > minimum) : !(values[k] >= minimum)) {
                throw new InputException(messages.belowMinimum(field, values[k], minimum, strict, where(k)));
            }
        }
    }

    /** Flat indices of the region on the file's grid, row by row from the south. */
    private int[] indices() {
        int[] indices = new int[region[2] * region[3]];
        int m = 0;
        for (int j = region[1]; j < region[1] + region[3]; j++) {
            for (int i = region[0]; i < region[0] + region[2]; i++) {
                indices[m++] = j * fileGrid.nx() + i;
            }
        }
        return indices;
    }
}
