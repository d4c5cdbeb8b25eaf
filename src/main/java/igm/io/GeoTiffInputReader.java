package igm.io;

import static igm.io.InputRegion.fmt;

import igm.InputException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * GDAL's band scale and offset (tag 42112) are applied. The GDAL nodata value (tag 42113) and NaN are missing values:
 * an error in topg, usurf, icemask, slidingco and arrhenius (naming the cell), 0 m in thk when
 * {@link InputOptions#fillNanThicknessWithZero()} is set (an error otherwise). Negative thickness or thickness above
 * {@link GriddedInputReader#MAX_THICKNESS_M}, an ice mask other than 0 or 1, negative sliding coefficients and
 * non-positive rate factors are errors, as in NetCDF input. Samples may be 8-, 16- or 32-bit integers or 32- or 64-bit
 * floats; uncompressed, LZW or DEFLATE, with horizontal (2) or floating-point (3) predictor, in strips or tiles. Crop
 * and coarsening follow {@link GriddedInputReader}: the crop in cells of the file's grid from the south-west corner,
 * then block means (the ice mask by majority); validation covers the cropped region only.
 */
public final class GeoTiffInputReader {

    /** The fields a GeoTIFF input can hold, one file each, by their IGM names. */
    public static final List<String> FIELDS = FieldSpec.names(FieldSpec.TOPG, FieldSpec.USURF, FieldSpec.THK,
            FieldSpec.ICEMASK, FieldSpec.SLIDINGCO, FieldSpec.ARRHENIUS);

    private GeoTiffInputReader() {
    }

    /**
     * Whether {@code file} is to be read as a GeoTIFF: it starts with a TIFF signature ({@link #isTiff}) or is named
     * {@code .tif} or {@code .tiff} (so that a damaged TIFF gets this reader's message, not the NetCDF reader's).
     */
    public static boolean isGeoTiffInput(Path file) {
        if (file == null) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return isTiff(file) || name.endsWith(".tif") || name.endsWith(".tiff");
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
        return read(Map.of(FieldSpec.TOPG.name(), options.file()), options, System.err::println);
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
        boolean hasBed = files.containsKey(FieldSpec.TOPG.name());
        int geometry = (hasBed ? 1 : 0) + (files.containsKey(FieldSpec.USURF.name()) ? 1 : 0)
                + (files.containsKey(FieldSpec.THK.name()) ? 1 : 0);
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

    /** The fields of one read, on the file's grid, and the wording of their errors. */
    private static final class Fields implements InputRegion.Messages {
        private final Map<String, GeoTiffRaster> rasters;
        private final GeoTiffRaster reference;
        private final InputOptions options;

        Fields(Map<String, GeoTiffRaster> rasters, GeoTiffRaster reference, InputOptions options) {
            this.rasters = rasters;
            this.reference = reference;
            this.options = options;
        }

        GriddedInput read() {
            InputRegion region = new InputRegion(reference.grid(), options.crop(), "GeoTIFF " + reference.file(),
                    true, this);
            InputRegion.Geometry geometry = region.geometry(field(FieldSpec.TOPG), field(FieldSpec.USURF),
                    field(FieldSpec.THK), options.fillNanThicknessWithZero());
            double[] iceMask = region.checkedParameter(FieldSpec.ICEMASK, field(FieldSpec.ICEMASK));
            double[] sliding = region.checkedParameter(FieldSpec.SLIDINGCO, field(FieldSpec.SLIDINGCO));
            double[] rate = region.checkedParameter(FieldSpec.ARRHENIUS, field(FieldSpec.ARRHENIUS));
            int factor = options.coarsen();
            Grid2D grid = region.coarsenedGrid(factor);
            Map<String, String> projection = new LinkedHashMap<>();
            if (reference.crsWkt() != null) {
                projection.put("crs_wkt", reference.crsWkt());
            }
            if (reference.epsg() != 0) {
                projection.put("epsg", Integer.toString(reference.epsg()));
            }
            return new GriddedInput(grid, region.resample(geometry.bed(), factor, false),
                    region.resample(geometry.surface(), factor, false),
                    region.resample(geometry.thickness(), factor, false), region.resample(iceMask, factor, true),
                    region.resample(sliding, factor, false), region.resample(rate, factor, false), projection,
                    options.file());
        }

        private double[] field(FieldSpec field) {
            GeoTiffRaster raster = rasters.get(field.name());
            return raster == null ? null : raster.values().clone();
        }

        private Path file(FieldSpec field) {
            return rasters.get(field.name()).file();
        }

        @Override
        public String notFinite(String field, double value, String where) {
            String hint = FieldSpec.THK.is(field) && Double.isNaN(value)
                    ? " (set input.fill_nan_thickness: true to read nodata thickness as no ice)" : "";
            return "GeoTIFF " + rasters.get(field).file() + " (" + field + ") has "
                    + (Double.isNaN(value) ? "no data (its nodata value or NaN)" : "the value " + value)
                    + " at " + where + "; finite values are needed everywhere" + hint;
        }

        @Override
        public String negativeThickness(double value, String where) {
            return belowMinimum(FieldSpec.THK.name(), value, 0, false, where);
        }

        @Override
        public String tooThick(double value, String where, boolean derived) {
            return "GeoTIFF " + (derived ? "input" : file(FieldSpec.THK) + " (thk)") + " gives the thickness "
                    + fmt(value) + " m at " + where + "; expected at most " + fmt(GriddedInputReader.MAX_THICKNESS_M)
                    + " m (the thickest ice on Earth is about 4.8 km)"
                    + (derived ? " for usurf − topg: check the two files" : ": check the units and the values");
        }

        @Override
        public String inconsistentSurface(double surface, double bed, double thickness, double expected,
                                          String where) {
            return "GeoTIFF " + file(FieldSpec.USURF) + " (usurf) has the value " + fmt(surface) + " m at "
                    + where + " but topg + thk = " + fmt(bed) + " + " + fmt(thickness) + " = " + fmt(expected)
                    + " m; expected usurf = topg + thk within " + fmt(GriddedInputReader.SURFACE_TOLERANCE_M)
                    + " m (give two of the three to have the third derived)";
        }

        @Override
        public String notMask(double value, String where) {
            return "GeoTIFF " + file(FieldSpec.ICEMASK) + " (icemask) has the value " + fmt(value) + " at "
                    + where + "; an ice mask must be 0 (no glacier) or 1 (glacier)";
        }

        @Override
        public String belowMinimum(String field, double value, double minimum, boolean strict, String where) {
            return "GeoTIFF " + rasters.get(field).file() + " (" + field + ") has the value " + fmt(value) + " at "
                    + where + "; expected " + (strict ? "> " : "≥ ") + fmt(minimum);
        }
    }
}
