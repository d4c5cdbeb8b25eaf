package igm.io;

import static igm.io.InputRegion.fmt;

import igm.InputException;
import igm.grid.Grid2D;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffReader;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.measure.Units;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;
import org.apache.sis.storage.event.WarningEvent;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.cs.CoordinateSystemAxis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One band of a GeoTIFF file with its georeferencing, on the program's grid convention (flat array,
 * {@code index = j·nx + i}, i east, j north).
 *
 * <h2>Library choice (measured on the DEMs of {@code ../shared/data/terrain})</h2>
 * The pixels are decoded by NGA's {@code mil.nga:tiff} 3.0.0 (62 kB, no dependencies): it reads the Ötztal and
 * Baltoro DEMs (float32, DEFLATE, floating-point predictor 3) in 15-25 ms once warm, and GDAL-written copies with
 * LZW + predictor 3 in tiles, int16 + LZW + predictor 2 in tiles, float64 + predictor 3, and big-endian files with
 * the same sums as the originals. Apache SIS 1.4's {@code sis-geotiff} refuses predictor 3 ("Differencing predictor
 * FLOAT is unsupported", so neither UTM DEM loads) and decodes float64 with predictor 2 silently wrong; NGA refuses
 * that combination with an error and does not read BigTIFF (both are reported here as clear errors). SIS is used
 * for what it does well: turning the GeoKeys (EPSG codes and user-defined projections such as Columbia's local
 * transverse Mercator) into a coordinate reference system, and writing it as WKT. The grid itself (cell centres,
 * spacing) is computed here from ModelPixelScale + ModelTiepoint or ModelTransformation, so that PixelIsArea and
 * PixelIsPoint files give exact cell-centre coordinates and rotated transforms are refused.
 *
 * @param file        the file read
 * @param nx          columns (east)
 * @param ny          rows (north)
 * @param cellSize    cell size, metres
 * @param xOrigin     x of the centre of the south-west cell, metres
 * @param yOrigin     y of the centre of the south-west cell, metres
 * @param values      the band, NaN where the file has its nodata value (or NaN), with GDAL's scale and offset
 *                    applied
 * @param crsWkt      the coordinate reference system as WKT 1, or null when the file has none or SIS cannot build it
 * @param epsg        the EPSG code the GeoKeys name (ProjectedCSTypeGeoKey), or 0 when user-defined or absent
 * @param crsNote     why {@code crsWkt} is null although the file names a CRS, or null
 * @param crs         the coordinate reference system {@code crsWkt} was written from, or null
 */
record GeoTiffRaster(Path file, int nx, int ny, double cellSize, double xOrigin, double yOrigin, double[] values,
                     String crsWkt, int epsg, String crsNote, CoordinateReferenceSystem crs) {

    /** GeoKey ids (GeoTIFF 1.0, section 6.2). */
    private static final int MODEL_TYPE = 1024;
    private static final int RASTER_TYPE = 1025;
    private static final int GEOGRAPHIC_TYPE = 2048;
    private static final int PROJECTED_CS_TYPE = 3072;
    private static final int PROJECTION = 3074;
    private static final int PROJ_COORD_TRANS = 3075;
    private static final int PROJECTED_LINEAR_UNITS = 3076;
    private static final int VERTICAL_UNITS = 4099;
    private static final int USER_DEFINED = 32767;
    private static final int METRE = 9001;
    private static final int RASTER_PIXEL_IS_POINT = 2;

    /** SIS logs through java.util.logging (e.g. "SIS_DATA is not set"); its warnings are collected instead. */
    private static final Logger SIS_LOGGER = Logger.getLogger("org.apache.sis");

    static {
        SIS_LOGGER.setLevel(Level.OFF);
    }

    /** The cells of this raster's grid. */
    Grid2D grid() {
        return new Grid2D(nx, ny, cellSize, xOrigin, yOrigin);
    }

    /** The grid and CRS in words, for messages. */
    String gridDescription() {
        return nx + " × " + ny + " cells of " + fmt(cellSize) + " m, south-west cell centre (" + fmt(xOrigin) + ", "
                + fmt(yOrigin) + "), CRS " + (epsg != 0 ? "EPSG:" + epsg : crsWkt != null ? "'" + crsName() + "'"
                : "unspecified");
    }

    private String crsName() {
        int quote = crsWkt.indexOf('"');
        int end = quote < 0 ? -1 : crsWkt.indexOf('"', quote + 1);
        return end < 0 ? crsWkt : crsWkt.substring(quote + 1, end);
    }

    /**
     * True when the file starts with a TIFF or BigTIFF signature ({@code II*\0}, {@code MM\0*}, {@code II+\0},
     * {@code MM\0+}).
     */
    static boolean hasTiffSignature(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        boolean little = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
        boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return little || big;
    }

    /**
     * Reads the first image of a GeoTIFF file.
     *
     * @param file  the file
     * @param field what it holds (e.g. "topg"), for messages
     * @throws InputException when it cannot be read, has no usable georeferencing, is in geographic coordinates,
     *                        is rotated, has non-square cells or more than one band
     */
    static GeoTiffRaster read(Path file, String field) {
        String name = "GeoTIFF " + file + " (" + field + ")";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (!hasTiffSignature(bytes)) {
            throw new InputException(name + " is not a TIFF file: it starts with neither 'II*' nor 'MM*'");
        }
        if (bytes[2] == 43 || bytes[3] == 43) {
            throw new InputException(name + " is a BigTIFF, which the reader does not support; write it as a "
                    + "classic TIFF (e.g. gdal_translate -co BIGTIFF=NO in.tif out.tif)");
        }
        FileDirectory directory;
        try {
            TIFFImage image = TiffReader.readTiff(bytes);
            directory = image.getFileDirectory();
        } catch (RuntimeException e) {
            throw new InputException("cannot decode " + name + ": " + e.getMessage(), e);
        }
        int width;
        int height;
        int bands;
        Integer predictor;
        int bits;
        String encoding;
        try {
            normaliseShortTags(directory);
            width = directory.getImageWidth().intValue();
            height = directory.getImageHeight().intValue();
            bands = directory.getSamplesPerPixel();
            predictor = directory.getPredictor();
            bits = directory.getMaxBitsPerSample();
            encoding = "compression " + directory.getCompression() + ", predictor "
                    + (predictor == null ? 1 : predictor) + ", sample format " + directory.getSampleFormat() + ", "
                    + bits + " bits";
        } catch (RuntimeException e) {
            throw new InputException("cannot decode the TIFF tags of " + name + ": " + e, e);
        }
        if (bands != 1) {
            throw new InputException(name + " has " + bands + " samples per pixel; one band (the field) is expected");
        }
        Map<Integer, Integer> keys = geoKeys(directory);
        refuseGeographic(name, keys, null);
        Integer linearUnits = keys.get(PROJECTED_LINEAR_UNITS);
        if (linearUnits != null && linearUnits != METRE) {
            throw new InputException(name + " has projected coordinates in units of EPSG code " + linearUnits
                    + " (ProjLinearUnitsGeoKey), not metres; reproject it to a projected CRS in metres");
        }
        Integer verticalUnits = keys.get(VERTICAL_UNITS);
        if (verticalUnits != null && verticalUnits != METRE) {
            throw new InputException(name + " has values in vertical units of EPSG code " + verticalUnits
                    + " (VerticalUnitsGeoKey), not metres; convert them to metres");
        }
        boolean pixelIsPoint = Integer.valueOf(RASTER_PIXEL_IS_POINT).equals(keys.get(RASTER_TYPE));
        double[] affine = affine(name, directory);
        double a = affine[0];
        double d = affine[1];
        double f = affine[2];
        double h = affine[3];
        if (!(Math.abs(Math.abs(a) - Math.abs(f)) <= 1e-6 * Math.abs(a))) {
            throw new InputException(name + " has cells of " + fmt(Math.abs(a)) + " m (x) by " + fmt(Math.abs(f))
                    + " m (y); cells must be square");
        }
        // PixelIsArea: raster (0, 0) is the corner of the first pixel, whose centre is at (0.5, 0.5);
        // PixelIsPoint: raster (0, 0) is the first pixel's centre.
        double offset = pixelIsPoint ? 0 : 0.5;
        double xFirst = a * offset + d;
        double xLast = a * (width - 1 + offset) + d;
        double yFirst = f * offset + h;
        double yLast = f * (height - 1 + offset) + h;

        if (bytes[0] == 'M' && predictor != null && predictor == 2 && bits > 8) {
            // mil.nga:tiff 3.0.0 undoes this predictor in little-endian order: measured, the big-endian int16 copy
            // of the Ötztal DEM comes out wrong, so it is refused rather than read wrongly.
            throw new InputException(name + " is big-endian ('MM') with the horizontal predictor (2) on "
                    + bits + "-bit samples, which the reader does not decode correctly; "
                    + "rewrite it little-endian, e.g. gdal_translate -co ENDIANNESS=LITTLE -co COMPRESS=DEFLATE "
                    + "in.tif out.tif");
        }
        Crs crs = crs(file, name, keys);
        refuseTruncated(name, directory, bytes.length);
        double[] values = samples(name, encoding, directory, width, height, a < 0, f < 0);
        return new GeoTiffRaster(file, width, height, Math.abs(a), Math.min(xFirst, xLast), Math.min(yFirst, yLast),
                values, crs.wkt, crs.epsg, crs.note, crs.crs);
    }

    /**
     * Some writers store SHORT tags (e.g. SamplesPerPixel in the geographic Ötztal DEM) as LONG, which NGA's reader
     * casts to Integer and fails on; such values are put back as SHORT.
     */
    private static void normaliseShortTags(FileDirectory directory) {
        for (FieldTagType tag : List.of(FieldTagType.SamplesPerPixel, FieldTagType.Compression,
                FieldTagType.Predictor, FieldTagType.PlanarConfiguration, FieldTagType.PhotometricInterpretation)) {
            FileDirectoryEntry entry = directory.get(tag);
            if (entry != null && entry.getValues() instanceof Long value) {
                directory.addEntry(new FileDirectoryEntry(tag, FieldType.SHORT, 1, value.intValue()));
            }
        }
    }

    /** The GeoKey directory (tag 34735) as key id → value, for the keys stored in the directory itself. */
    private static Map<Integer, Integer> geoKeys(FileDirectory directory) {
        Map<Integer, Integer> keys = new HashMap<>();
        FileDirectoryEntry entry = directory.get(FieldTagType.GeoKeyDirectory);
        if (entry == null) {
            return keys;
        }
        List<Integer> values = new ArrayList<>();
        if (entry.getValues() instanceof List<?> list) {
            for (Object o : list) {
                values.add(((Number) o).intValue());
            }
        }
        int count = values.size() >= 4 ? values.get(3) : 0;
        for (int k = 0; k < count && 4 + 4 * k + 3 < values.size(); k++) {
            int id = values.get(4 + 4 * k);
            int location = values.get(4 + 4 * k + 1);
            if (location == 0) {
                keys.put(id, values.get(4 + 4 * k + 3));
            }
        }
        return keys;
    }

    private static void refuseGeographic(String name, Map<Integer, Integer> keys, CoordinateReferenceSystem crs) {
        boolean projectionKeys = keys.get(PROJECTED_CS_TYPE) != null || keys.get(PROJECTION) != null
                || keys.get(PROJ_COORD_TRANS) != null;
        boolean geographic = Integer.valueOf(2).equals(keys.get(MODEL_TYPE)) || crs instanceof GeographicCRS
                || (keys.get(MODEL_TYPE) == null && !projectionKeys && keys.get(GEOGRAPHIC_TYPE) != null);
        if (geographic) {
            Integer code = keys.get(GEOGRAPHIC_TYPE);
            throw new InputException(name + " is in geographic coordinates (longitude and latitude in degrees"
                    + (code != null && code != USER_DEFINED ? ", EPSG:" + code : "") + "); the model needs a "
                    + "projected CRS in metres: reproject it, e.g. gdalwarp -t_srs EPSG:32632 -tr 100 100 in.tif "
                    + "out.tif (with the UTM zone of the glacier)");
        }
        if (Integer.valueOf(3).equals(keys.get(MODEL_TYPE))) {
            throw new InputException(name + " is in geocentric coordinates; reproject it to a projected CRS in "
                    + "metres");
        }
    }

    /**
     * The affine map from raster (column, row) to model (x, y) as {@code {a, d, f, h}}: {@code x = a·column + d},
     * {@code y = f·row + h}, raster coordinates of the pixel corner (PixelIsArea) or centre (PixelIsPoint).
     */
    private static double[] affine(String name, FileDirectory directory) {
        List<Double> transformation = doubles(directory, FieldTagType.ModelTransformation);
        if (transformation != null) {
            if (transformation.size() < 8) {
                throw new InputException(name + " has a ModelTransformation of " + transformation.size()
                        + " values; 16 are expected");
            }
            double a = transformation.get(0);
            double b = transformation.get(1);
            double e = transformation.get(4);
            double f = transformation.get(5);
            double scale = Math.max(Math.abs(a), Math.abs(f));
            if (Math.abs(b) > 1e-9 * scale || Math.abs(e) > 1e-9 * scale) {
                throw new InputException(name + " has a rotated or sheared grid (ModelTransformation terms "
                        + fmt(b) + " and " + fmt(e) + " off the diagonal); only north-up grids are supported: "
                        + "resample it first, e.g. gdalwarp -t_srs <its CRS> in.tif out.tif");
            }
            requireNonZero(name, a, f);
            return new double[] {a, transformation.get(3), f, transformation.get(7)};
        }
        List<Double> scale = doubles(directory, FieldTagType.ModelPixelScale);
        List<Double> tiepoint = doubles(directory, FieldTagType.ModelTiepoint);
        if (scale == null || tiepoint == null || scale.size() < 2 || tiepoint.size() < 6) {
            throw new InputException(name + " has no georeferencing: neither ModelPixelScale with ModelTiepoint nor "
                    + "ModelTransformation; the grid's position and cell size are unknown");
        }
        if (tiepoint.size() > 6) {
            throw new InputException(name + " has " + tiepoint.size() / 6 + " tie points; a regular grid with one "
                    + "tie point (or a ModelTransformation) is expected: resample it, e.g. with gdalwarp");
        }
        double a = scale.get(0);
        double f = -scale.get(1);
        requireNonZero(name, a, f);
        double column = tiepoint.get(0);
        double row = tiepoint.get(1);
        return new double[] {a, tiepoint.get(3) - column * a, f, tiepoint.get(4) - row * f};
    }

    private static void requireNonZero(String name, double a, double f) {
        if (!(a != 0 && f != 0 && Double.isFinite(a) && Double.isFinite(f))) {
            throw new InputException(name + " has a cell size of " + fmt(a) + " by " + fmt(f)
                    + "; finite, non-zero cell sizes are expected");
        }
    }

    private static List<Double> doubles(FileDirectory directory, FieldTagType tag) {
        FileDirectoryEntry entry = directory.get(tag);
        if (entry == null) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        if (entry.getValues() instanceof List<?> list) {
            for (Object o : list) {
                values.add(((Number) o).doubleValue());
            }
        } else if (entry.getValues() instanceof Number n) {
            values.add(n.doubleValue());
        }
        return values;
    }

    /** The CRS of the file as WKT and EPSG code, from SIS's reading of the GeoKeys. */
    private record Crs(String wkt, int epsg, String note, CoordinateReferenceSystem crs) {
    }

    /**
     * True when both rasters have the same CRS: equal ignoring metadata (names, identifiers, remarks) when SIS built
     * both, otherwise the same EPSG code and both without WKT.
     */
    boolean sameCrs(GeoTiffRaster other) {
        if (crs != null && other.crs != null) {
            return org.apache.sis.util.Utilities.equalsIgnoreMetadata(crs, other.crs);
        }
        return crs == null && other.crs == null && epsg == other.epsg;
    }

    private static Crs crs(Path file, String name, Map<Integer, Integer> keys) {
        Integer code = keys.get(PROJECTED_CS_TYPE);
        int epsg = code != null && code != USER_DEFINED ? code : 0;
        if (keys.isEmpty()) {
            return new Crs(null, 0, null, null);
        }
        List<String> warnings = new ArrayList<>();
        CoordinateReferenceSystem crs = null;
        try (DataStore store = DataStores.open(file)) {
            store.addListener(WarningEvent.class, event -> warnings.add(event.getDescription().getMessage()));
            GridCoverageResource resource = firstCoverage(store);
            if (resource != null) {
                GridGeometry geometry = resource.getGridGeometry();
                if (geometry.isDefined(GridGeometry.CRS)) {
                    crs = geometry.getCoordinateReferenceSystem();
                }
            }
        } catch (DataStoreException | RuntimeException e) {
            warnings.add(e.getMessage());
        }
        if (crs == null) {
            String why = warnings.isEmpty() || warnings.get(0) == null
                    ? "Apache SIS could not build it from the GeoKeys"
                    : warnings.get(0).lines().findFirst().orElse("").strip();
            return new Crs(null, epsg, epsg != 0
                    ? "the CRS of " + file + ", EPSG:" + epsg + ", is not in Apache SIS's offline subset of the EPSG "
                    + "dataset (" + why + "); the outputs carry epsg = " + epsg + " without crs_wkt"
                    : "Apache SIS could not build the CRS of " + file + " from its GeoKeys (" + why + "); the outputs "
                    + "carry no CRS", null);
        }
        refuseGeographic(name, keys, crs);
        if (crs instanceof ProjectedCRS projected) {
            for (int axis = 0; axis < projected.getCoordinateSystem().getDimension(); axis++) {
                CoordinateSystemAxis a = projected.getCoordinateSystem().getAxis(axis);
                if (!Units.METRE.equals(a.getUnit())) {
                    throw new InputException(name + " has projected coordinates in " + a.getUnit()
                            + ", not metres; reproject it to a projected CRS in metres");
                }
            }
        }
        WKTFormat format = new WKTFormat(Locale.ROOT, null);
        format.setConvention(Convention.WKT1);
        format.setIndentation(WKTFormat.SINGLE_LINE);
        return new Crs(format.format(crs), epsg, null, crs);
    }

    private static GridCoverageResource firstCoverage(Resource resource) throws DataStoreException {
        if (resource instanceof GridCoverageResource coverage) {
            return coverage;
        }
        if (resource instanceof Aggregate aggregate) {
            for (Resource component : aggregate.components()) {
                GridCoverageResource found = firstCoverage(component);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Refuses a file shorter than its directory says: a strip or tile whose bytes (offset + byte count) run past the
     * end of the file, as in a download cut short.
     *
     * @param length the file's length, bytes
     */
    private static void refuseTruncated(String name, FileDirectory directory, long length) {
        boolean tiled = directory.isTiled();
        List<? extends Number> offsets = tiled ? directory.getTileOffsets() : directory.getStripOffsets();
        List<? extends Number> counts = tiled ? directory.getTileByteCounts() : directory.getStripByteCounts();
        if (offsets == null || counts == null) {
            return;
        }
        for (int k = 0; k < Math.min(offsets.size(), counts.size()); k++) {
            long end = offsets.get(k).longValue() + counts.get(k).longValue();
            if (end > length) {
                throw new InputException(name + " is truncated: it has " + length + " bytes but its directory places "
                        + (tiled ? "tile " : "strip ") + (k + 1) + " of " + offsets.size() + " at bytes "
                        + offsets.get(k).longValue() + " to " + end + "; copy or download it again");
            }
        }
    }

    /**
     * The band as doubles on the program's convention; the GDAL_NODATA value (tag 42113) becomes NaN (compared in
     * float precision for float32 samples).
     */
    private static double[] samples(String name, String encoding, FileDirectory directory, int width, int height,
                                     boolean columnsWest, boolean rowsSouth) {
        Rasters rasters;
        try {
            rasters = directory.readRasters();
        } catch (RuntimeException e) {
            throw new InputException("cannot decode the pixels of " + name + " (" + encoding + "): " + e.getMessage()
                    + "; rewrite it uncompressed, LZW or DEFLATE with predictor 1, 2 (integers) or 3 (floats), e.g. "
                    + "gdal_translate -co COMPRESS=DEFLATE -co PREDICTOR=3 in.tif out.tif", e);
        }
        double nodata = nodata(name, directory);
        double scale = gdalMetadataItem(name, directory, "scale", 1);
        double offset = gdalMetadataItem(name, directory, "offset", 0);
        boolean float32 = rasters.getFieldTypes()[0] == FieldType.FLOAT;
        double[] out = new double[width * height];
        for (int row = 0; row < height; row++) {
            int j = rowsSouth ? height - 1 - row : row;
            for (int column = 0; column < width; column++) {
                int i = columnsWest ? width - 1 - column : column;
                double value = rasters.getPixelSample(0, column, row).doubleValue();
                if (value == nodata || (float32 && (float) value == (float) nodata)) {
                    value = Double.NaN;
                } else if (scale != 1 || offset != 0) {
                    value = value * scale + offset;
                }
                out[j * width + i] = value;
            }
        }
        return out;
    }

    /**
     * The band's {@code scale} or {@code offset} from GDAL's metadata (tag 42112, {@code <Item name="SCALE"
     * sample="0" role="scale">0.1</Item>}): a stored value v means v·scale + offset.
     */
    private static double gdalMetadataItem(String name, FileDirectory directory, String role, double fallback) {
        FileDirectoryEntry entry = directory.get(FieldTagType.GDAL_METADATA);
        if (entry == null) {
            return fallback;
        }
        Object values = entry.getValues();
        String xml = (values instanceof List<?> list && !list.isEmpty() ? list.get(0) : values).toString();
        Matcher m = Pattern.compile("<Item\\b[^>]*\\brole=\"" + role
                + "\"[^>]*>([^<]*)</Item>").matcher(xml);
        if (!m.find()) {
            return fallback;
        }
        try {
            return Double.parseDouble(m.group(1).strip());
        } catch (NumberFormatException e) {
            throw new InputException(name + " has the " + role + " '" + m.group(1) + "' in its GDAL metadata, not a "
                    + "number", e);
        }
    }

    private static double nodata(String name, FileDirectory directory) {
        FileDirectoryEntry entry = directory.get(FieldTagType.GDAL_NODATA);
        if (entry == null) {
            return Double.NaN;
        }
        Object values = entry.getValues();
        String text = (values instanceof List<?> list && !list.isEmpty() ? list.get(0) : values).toString().strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("-nan")) {
            return Double.NaN;
        }
        if (lower.equals("inf") || lower.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputException(name + " has the nodata value (GDAL_NODATA) '" + text + "', not a number", e);
        }
    }
}
