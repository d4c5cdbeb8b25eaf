package igm.io;

import igm.InputException;
import igm.grid.Grid2D;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads gridded input from GeoTIFF files, one file per field, as IGM's {@code load_tif} does, into the same
 * {@link GriddedInput} as {@link GriddedInputReader}.
 *
 * <h2>Fields</h2>
 * Each of {@link #FIELDS} may come from its own single-band GeoTIFF. The geometry follows from what is given:
 * <ul>
 *   <li>{@code topg} alone: an ice-free start (thk = 0, usurf = topg), the use of a lone DEM;</li>
 *   <li>two of {@code topg}, {@code usurf}, {@code thk}: the third is derived as in {@link GriddedInputReader}
 *       (usurf = topg + thk, topg = usurf − thk, thk = max(usurf − topg, 0));</li>
 *   <li>all three: usurf must equal topg + thk within {@link GriddedInputReader#SURFACE_TOLERANCE_M}.</li>
 * </ul>
 * {@code icemask}, {@code slidingco} and {@code arrhenius} are optional. Every file must have the same grid (size,
 * cell size, cell-centre origin) and the same CRS; otherwise the error names both files and their grids.
 *
 * <h2>Georeferencing</h2>
 * Cell centres come from ModelPixelScale + ModelTiepoint or from ModelTransformation, with PixelIsArea (tie point at
 * the pixel corner, GeoTIFF's default) or PixelIsPoint (tie point at the pixel centre) honoured. Only north-up grids
 * of square cells in a projected CRS in metres are read; geographic, rotated or non-metric files are refused with a
 * message saying how to reproject them. The CRS goes into {@link GriddedInput#projectionAttributes()} as
 * {@code crs_wkt} (WKT 1, written by Apache SIS from the GeoKeys), with {@code epsg} when the GeoKeys name an EPSG
 * code; a code that SIS does not know offline keeps only {@code epsg} (said once on the log).
 *
 * <h2>Values</h2>
 * GDAL's band scale and offset (tag 42112) are applied. The GDAL nodata value (tag 42113) and NaN are missing values: an error in topg, usurf, icemask, slidingco and
 * arrhenius (naming the cell), 0 m in thk when {@link InputOptions#fillNanThicknessWithZero()} is set (an error
 * otherwise). Negative thickness or thickness above {@link GriddedInputReader#MAX_THICKNESS_M}, an ice mask other
 * than 0 or 1, negative sliding coefficients and non-positive rate factors are errors, as in NetCDF input. Samples may
 * be 8-, 16- or 32-bit integers or 32- or 64-bit floats; uncompressed, LZW or DEFLATE, with horizontal (2) or
 * floating-point (3) predictor, in strips or tiles. Crop and coarsening follow {@link GriddedInputReader}: the crop
 * in cells of the file's grid from the south-west corner, then block means (the ice mask by majority); validation
 * covers the cropped region only.
 */
public final class GeoTiffInputReader {

    /** The fields a GeoTIFF input can hold, one file each, by their IGM names. */
    public static final List<String> FIELDS = List.of("topg", "usurf", "thk", "icemask", "slidingco", "arrhenius");

    private GeoTiffInputReader() {
    }

    /**
     * True when {@code file} starts with a TIFF or BigTIFF signature ({@code II*\0}, {@code MM\0*}, {@code II+\0},
     * {@code MM\0+}); false when it does not, is shorter or cannot be read (the reader that follows says why).
     */
    public static boolean isTiff(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return GeoTiffRaster.hasTiffSignature(in.readNBytes(4));
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads {@code options.file()} as a lone DEM: the bed of an ice-free start; notes go to standard error. */
    public static GriddedInput read(InputOptions options) {
        return read(Map.of("topg", options.file()), options, System.err::println);
    }

    /** {@link #read(Map, InputOptions, Consumer)} with notes to standard error. */
    public static GriddedInput read(Map<String, Path> files, InputOptions options) {
        return read(files, options, System.err::println);
    }

    /**
     * Reads, validates, crops and coarsens the fields in {@code files}.
     *
     * @param files   field name (one of {@link #FIELDS}) → its GeoTIFF file; at least {@code topg}, or two of
     *                {@code topg}, {@code usurf}, {@code thk}
     * @param options crop, coarsening and NaN-thickness rule ({@link InputOptions#file()} is the source reported);
     *                the variable names are not used
     * @param log     receives at most one line: why the CRS could not be written as WKT, when the file names one
     * @throws InputException for any problem with a file or its contents (one message that locates it)
     */
    public static GriddedInput read(Map<String, Path> files, InputOptions options, Consumer<String> log) {
        for (String field : files.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown GeoTIFF field '" + field + "'; known: " + FIELDS);
            }
        }
        boolean hasBed = files.containsKey("topg");
        int geometry = (hasBed ? 1 : 0) + (files.containsKey("usurf") ? 1 : 0) + (files.containsKey("thk") ? 1 : 0);
        if (!hasBed && geometry < 2) {
            throw new InputException("GeoTIFF input needs the bed (topg: input.file or input.geotiff.topg), or two of "
                    + "topg, usurf and thk; got only " + files.keySet());
        }
        Map<String, GeoTiffRaster> rasters = new LinkedHashMap<>();
        GeoTiffRaster reference = null;
        String referenceField = null;
        for (String field : FIELDS) {
            Path file = files.get(field);
            if (file == null) {
                continue;
            }
            if (!Files.exists(file)) {
                throw new InputException("GeoTIFF file for " + field + " not found: "
                        + file.toAbsolutePath().normalize());
            }
            GeoTiffRaster raster = GeoTiffRaster.read(file, field);
            if (reference == null) {
                reference = raster;
                referenceField = field;
            } else {
                requireSameGrid(reference, referenceField, raster, field);
            }
            rasters.put(field, raster);
        }
        if (reference.crsNote() != null) {
            log.accept(reference.crsNote());
        }
        return new Fields(rasters, reference, options).read();
    }

    private static void requireSameGrid(GeoTiffRaster first, String firstField, GeoTiffRaster other, String field) {
        double tolerance = 1e-6 * first.cellSize();
        boolean same = first.nx() == other.nx() && first.ny() == other.ny()
                && Math.abs(first.cellSize() - other.cellSize()) <= tolerance
                && Math.abs(first.xOrigin() - other.xOrigin()) <= tolerance
                && Math.abs(first.yOrigin() - other.yOrigin()) <= tolerance
                && first.sameCrs(other);
        if (!same) {
            throw new InputException("GeoTIFF files " + first.file() + " (" + firstField + ") and " + other.file()
                    + " (" + field + ") have different grids: " + first.gridDescription() + " against "
                    + other.gridDescription() + "; every field must share the grid and CRS");
        }
    }

    /** The fields of one read, on the file's grid. */
    private static final class Fields {
        private final Map<String, GeoTiffRaster> rasters;
        private final GeoTiffRaster reference;
        private final InputOptions options;
        private final Grid2D fileGrid;
        private final int[] region;

        Fields(Map<String, GeoTiffRaster> rasters, GeoTiffRaster reference, InputOptions options) {
            this.rasters = rasters;
            this.reference = reference;
            this.options = options;
            this.fileGrid = reference.grid();
            this.region = options.crop() == null ? new int[] {0, 0, fileGrid.nx(), fileGrid.ny()} : options.crop();
        }

        GriddedInput read() {
            Grid2D cropped;
            try {
                cropped = fileGrid.crop(region[0], region[1], region[2], region[3]);
            } catch (InputException e) {
                throw new InputException("GeoTIFF " + reference.file() + ": " + e.getMessage(), e);
            }
            double[] bed = field("topg");
            double[] surface = field("usurf");
            double[] thickness = field("thk");
            if (thickness != null) {
                if (options.fillNanThicknessWithZero()) {
                    for (int k = 0; k < thickness.length; k++) {
                        if (Double.isNaN(thickness[k])) {
                            thickness[k] = 0;
                        }
                    }
                }
                requireFinite("thk", thickness);
                requireAtLeast("thk", thickness, 0, false);
                requireAtMost("thk", thickness, GriddedInputReader.MAX_THICKNESS_M,
                        " m (the thickest ice on Earth is about 4.8 km): check the units and the values");
            }
            if (bed != null) {
                requireFinite("topg", bed);
            }
            if (surface != null) {
                requireFinite("usurf", surface);
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
                requireAtMost("thk", thickness, GriddedInputReader.MAX_THICKNESS_M,
                        " m (the thickest ice on Earth is about 4.8 km) for usurf − topg: check the two files");
            } else {
                requireConsistentSurface(bed, surface, thickness);
            }
            double[] iceMask = field("icemask");
            if (iceMask != null) {
                requireFinite("icemask", iceMask);
                for (int k : regionIndices()) {
                    if (iceMask[k] != 0 && iceMask[k] != 1) {
                        throw new InputException("GeoTIFF " + rasters.get("icemask").file() + " (icemask) has the "
                                + "value " + GeoTiffRaster.fmt(iceMask[k]) + " at " + where(k) + "; an ice mask must "
                                + "be 0 (no glacier) or 1 (glacier)");
                    }
                }
            }
            double[] sliding = field("slidingco");
            if (sliding != null) {
                requireFinite("slidingco", sliding);
                requireAtLeast("slidingco", sliding, 0, false);
            }
            double[] rate = field("arrhenius");
            if (rate != null) {
                requireFinite("arrhenius", rate);
                requireAtLeast("arrhenius", rate, 0, true);
            }
            int factor = options.coarsen();
            Grid2D grid;
            try {
                grid = cropped.coarsen(factor);
            } catch (InputException e) {
                throw new InputException("GeoTIFF " + reference.file() + ": " + e.getMessage(), e);
            }
            Map<String, String> projection = new LinkedHashMap<>();
            if (reference.crsWkt() != null) {
                projection.put("crs_wkt", reference.crsWkt());
            }
            if (reference.epsg() != 0) {
                projection.put("epsg", Integer.toString(reference.epsg()));
            }
            return new GriddedInput(grid, cropAndCoarsen(bed, factor, false), cropAndCoarsen(surface, factor, false),
                    cropAndCoarsen(thickness, factor, false), cropAndCoarsen(iceMask, factor, true),
                    cropAndCoarsen(sliding, factor, false), cropAndCoarsen(rate, factor, false), projection,
                    options.file());
        }

        private double[] field(String name) {
            GeoTiffRaster raster = rasters.get(name);
            return raster == null ? null : raster.values().clone();
        }

        private void requireFinite(String name, double[] values) {
            for (int k : regionIndices()) {
                if (!Double.isFinite(values[k])) {
                    String hint = name.equals("thk") && Double.isNaN(values[k])
                            ? " (set input.fill_nan_thickness: true to read nodata thickness as no ice)" : "";
                    throw new InputException("GeoTIFF " + rasters.get(name).file() + " (" + name + ") has "
                            + (Double.isNaN(values[k]) ? "no data (its nodata value or NaN)" : "the value " + values[k])
                            + " at " + where(k) + "; finite values are needed everywhere" + hint);
                }
            }
        }

        private void requireAtLeast(String name, double[] values, double minimum, boolean strict) {
            for (int k : regionIndices()) {
                if (strict ? !(values[k] > minimum) : !(values[k] >= minimum)) {
                    throw new InputException("GeoTIFF " + rasters.get(name).file() + " (" + name + ") has the value "
                            + GeoTiffRaster.fmt(values[k]) + " at " + where(k) + "; expected " + (strict ? "> " : "≥ ")
                            + GeoTiffRaster.fmt(minimum));
                }
            }
        }

        private void requireAtMost(String name, double[] values, double maximum, String why) {
            for (int k : regionIndices()) {
                if (values[k] > maximum) {
                    throw new InputException("GeoTIFF " + (rasters.containsKey(name) ? rasters.get(name).file()
                            + " (" + name + ")" : "input") + " gives the thickness " + GeoTiffRaster.fmt(values[k])
                            + " m at " + where(k) + "; expected at most " + GeoTiffRaster.fmt(maximum) + why);
                }
            }
        }

        /**
         * usurf = topg + thk within {@link GriddedInputReader#SURFACE_TOLERANCE_M} plus the rounding of float32
         * elevations, when all three are given.
         */
        private void requireConsistentSurface(double[] bed, double[] surface, double[] thickness) {
            double tolerance = GriddedInputReader.SURFACE_TOLERANCE_M;
            for (int k : regionIndices()) {
                double expected = bed[k] + thickness[k];
                double rounding = 4 * Math.ulp((float) Math.max(Math.abs(surface[k]), Math.abs(expected)));
                if (!(Math.abs(surface[k] - expected) <= tolerance + rounding)) {
                    throw new InputException("GeoTIFF " + rasters.get("usurf").file() + " (usurf) has the value "
                            + GeoTiffRaster.fmt(surface[k]) + " m at " + where(k) + " but topg + thk = "
                            + GeoTiffRaster.fmt(bed[k]) + " + " + GeoTiffRaster.fmt(thickness[k]) + " = "
                            + GeoTiffRaster.fmt(expected) + " m; expected usurf = topg + thk within "
                            + GeoTiffRaster.fmt(tolerance) + " m (give two of the three to have the third derived)");
                }
            }
        }

        /** Flat indices of the cropped region on the file's grid, row by row from the south. */
        private int[] regionIndices() {
            int[] indices = new int[region[2] * region[3]];
            int m = 0;
            for (int j = region[1]; j < region[1] + region[3]; j++) {
                for (int i = region[0]; i < region[0] + region[2]; i++) {
                    indices[m++] = j * fileGrid.nx() + i;
                }
            }
            return indices;
        }

        private String where(int k) {
            int i = k % fileGrid.nx();
            int j = k / fileGrid.nx();
            return "cell (i=" + i + ", j=" + j + ") counted from the south-west corner (x="
                    + GeoTiffRaster.fmt(fileGrid.x(i)) + " m, y=" + GeoTiffRaster.fmt(fileGrid.y(j)) + " m; row "
                    + (fileGrid.ny() - 1 - j) + " from the top of the image)";
        }

        /**
         * The crop of a field on the file's grid, then block means over {@code factor × factor} cells (incomplete
         * blocks dropped, as {@link Grid2D#coarsen(int)}); a mask block is 1 when the mean of its cells is ≥ 0.5.
         * The same resampling as {@link GriddedInputReader}'s.
         */
        private double[] cropAndCoarsen(double[] full, int factor, boolean mask) {
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
    }
}
