package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and validates a gridded input file: netCDF-3 or netCDF-4 (HDF5), through the UCAR CDM library.
 *
 * <h2>What is read</h2>
 * <ul>
 *   <li>{@code x}, {@code y}: 1D cell-centre coordinates in metres, uniform, of the same spacing (square cells);
 *       either may be ascending or descending. Values are put on the program's convention (i east, j north).</li>
 *   <li>{@code topg}, {@code usurf}, {@code thk}: at least two of the three; the missing one is derived:
 *       topg = usurf − thk, usurf = topg + thk, thk = max(usurf − topg, 0).</li>
 *   <li>optional {@code icemask}, {@code slidingco}, {@code arrhenius}.</li>
 * </ul>
 * 2D variables are stored (y, x) (or (x, y) when their dimensions are named after the coordinates' dimensions);
 * a leading dimension of length 1 (a single time) is dropped. Each logical name maps to a variable of the file
 * through {@link InputOptions#variableNames()}; {@link InputOptions#oggm(Path)} reads an OGGM glacier directory.
 *
 * <h2>Values</h2>
 * Values equal to a variable's {@code _FillValue} or {@code missing_value} become NaN; {@code scale_factor} and
 * {@code add_offset} are applied. NaN or infinite values are errors in every field read, except NaN in the
 * thickness when {@link InputOptions#fillNanThicknessWithZero()} is set (it then means 0 m, OGGM's convention
 * outside the glacier). Negative thickness is an error. Validation covers the cropped region only; positions are
 * reported as the cell (i, j) of the file's grid counted from the south-west corner, with its x and y.
 *
 * <h2>Crop and coarsening</h2>
 * The crop {@code {i0, j0, nx, ny}} is applied first, in cells of the file's grid after the flip to j northwards.
 * Coarsening by a factor {@code f} then averages blocks of {@code f × f} cells (incomplete blocks at the east and
 * north edges are dropped, as {@link Grid2D#coarsen(int)} does). Elevations, thickness and parameters are block
 * means (so usurf = topg + thk still holds); the ice mask of a block is 1 if the mean of its cells' masks is
 * ≥ 0.5 (a majority of ice cells), 0 otherwise.
 *
 * <p>Every problem is reported as one {@link InputException} naming the file, the variable, the offending value
 * or position, and what was expected.
 */
public final class GriddedInputReader {

    /** Global attributes carried as projection metadata (compared without case). */
    private static final List<String> PROJECTION_ATTRIBUTES = List.of("pyproj_srs", "proj4", "proj4text",
            "proj4_string", "srs", "crs", "crs_wkt", "spatial_ref", "epsg", "projection");

    private GriddedInputReader() {
    }

    /** Reads {@code file} with IGM's variable names, no crop, no coarsening. */
    public static GriddedInput read(Path file) {
        return read(InputOptions.of(file));
    }

    /**
     * Reads, validates, crops and coarsens the input described by {@code options}.
     *
     * @throws InputException for any problem with the file or its contents (one message that locates it)
     */
    public static GriddedInput read(InputOptions options) {
        Path file = options.file();
        if (!Files.exists(file)) {
            throw new InputException("input file not found: " + file.toAbsolutePath().normalize());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputException("input file " + file + " is not a readable file");
        }
        requireNetcdfSignature(file);
        NetcdfFile nc;
        try {
            nc = NetcdfFile.open(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new InputException("input file " + file + " is not a NetCDF file (netCDF-3 or netCDF-4 expected): "
                    + e.getMessage(), e);
        }
        try (nc) {
            return new Reading(options, nc).read();
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the file starts like netCDF-3 ({@code CDF} then 1, 2 or 5) or HDF5 (its signature at offset 0, 512,
     * 1024 or 2048), so that other files get a clear message.
     */
    private static void requireNetcdfSignature(Path file) {
        byte[] hdf5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(8);
            for (long offset : new long[] {0, 512, 1024, 2048}) {
                head.clear();
                int read = channel.read(head, offset);
                if (read < 4) {
                    break;
                }
                byte[] b = head.array();
                if (offset == 0 && b[0] == 'C' && b[1] == 'D' && b[2] == 'F' && (b[3] == 1 || b[3] == 2 || b[3] == 5)) {
                    return;
                }
                if (read == 8 && Arrays.equals(b, hdf5)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
        throw new InputException("input file " + file + " is not a NetCDF file: it starts with neither the netCDF-3"
                + " ('CDF') nor the netCDF-4/HDF5 signature");
    }

    /** The state of one read. */
    private static final class Reading {
        private final InputOptions options;
        private final NetcdfFile nc;
        private final String fileName;
        private final Map<String, Variable> byName = new LinkedHashMap<>();
        private int nxFile;
        private int nyFile;
        private String xDimension;
        private String yDimension;
        private boolean xAscending;
        private boolean yAscending;
        private Grid2D fileGrid;
        private int[] region;

        Reading(InputOptions options, NetcdfFile nc) {
            this.options = options;
            this.nc = nc;
            this.fileName = options.file().toString();
            for (Variable v : nc.getVariables()) {
                byName.putIfAbsent(v.getShortName(), v);
            }
        }

        GriddedInput read() throws IOException {
            Variable xVar = required("x");
            Variable yVar = required("y");
            double[] x = coordinate(xVar);
            double[] y = coordinate(yVar);
            nxFile = x.length;
            nyFile = y.length;
            xDimension = xVar.getDimension(0).getShortName();
            yDimension = yVar.getDimension(0).getShortName();
            double dx = spacing(xVar, x);
            double dy = spacing(yVar, y);
            double tolerance = 1e-3 * Math.abs(dx) + floatTolerance(xVar, x) + floatTolerance(yVar, y);
            if (Math.abs(Math.abs(dx) - Math.abs(dy)) > tolerance) {
                throw new InputException("input file " + fileName + ": x spacing (" + fmt(Math.abs(dx))
                        + " m, variable '" + name("x") + "') differs from y spacing (" + fmt(Math.abs(dy))
                        + " m, variable '" + name("y") + "'); cells must be square");
            }
            xAscending = dx > 0;
            yAscending = dy > 0;
            double cell = Math.abs(dx);
            fileGrid = new Grid2D(nxFile, nyFile, cell, Math.min(x[0], x[nxFile - 1]), Math.min(y[0], y[nyFile - 1]));

            region = options.crop() == null ? new int[] {0, 0, nxFile, nyFile} : options.crop();
            Grid2D cropped;
            try {
                cropped = fileGrid.crop(region[0], region[1], region[2], region[3]);
            } catch (InputException e) {
                throw new InputException("input file " + fileName + ": " + e.getMessage(), e);
            }

            double[] bed = optionalField("topg");
            double[] surface = optionalField("usurf");
            double[] thickness = optionalField("thk");
            int present = (bed != null ? 1 : 0) + (surface != null ? 1 : 0) + (thickness != null ? 1 : 0);
            if (present < 2) {
                throw new InputException("input file " + fileName + " needs at least two of the variables '"
                        + name("topg") + "' (bed), '" + name("usurf") + "' (surface), '" + name("thk")
                        + "' (thickness), found " + present + "; the file has the variables "
                        + byName.keySet());
            }
            if (thickness != null) {
                if (options.fillNanThicknessWithZero()) {
                    for (int k = 0; k < thickness.length; k++) {
                        if (Double.isNaN(thickness[k])) {
                            thickness[k] = 0;
                        }
                    }
                }
                requireFinite("thk", thickness);
                for (int k : regionIndices()) {
                    if (thickness[k] < 0) {
                        throw new InputException("input file " + fileName + ": negative ice thickness "
                                + fmt(thickness[k]) + " m in variable '" + name("thk") + "' at " + where(k)
                                + "; thickness must be ≥ 0");
                    }
                }
            }
            if (bed != null) {
                requireFinite("topg", bed);
            }
            if (surface != null) {
                requireFinite("usurf", surface);
            }
            int n = nxFile * nyFile;
            if (bed == null) {
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
            }
            double[] iceMask = optionalField("icemask");
            if (iceMask != null) {
                requireFinite("icemask", iceMask);
            }
            double[] sliding = optionalField("slidingco");
            if (sliding != null) {
                requireFinite("slidingco", sliding);
                requireAtLeast("slidingco", sliding, 0, false);
            }
            double[] rate = optionalField("arrhenius");
            if (rate != null) {
                requireFinite("arrhenius", rate);
                requireAtLeast("arrhenius", rate, 0, true);
            }

            int factor = options.coarsen();
            Grid2D grid;
            try {
                grid = cropped.coarsen(factor);
            } catch (InputException e) {
                throw new InputException("input file " + fileName + ": " + e.getMessage(), e);
            }
            return new GriddedInput(grid, resample(bed, factor, false), resample(surface, factor, false),
                    resample(thickness, factor, false), resample(iceMask, factor, true),
                    resample(sliding, factor, false), resample(rate, factor, false), projectionAttributes(),
                    options.file());
        }

        private String name(String logical) {
            return options.variableNames().get(logical);
        }

        private Variable required(String logical) {
            Variable v = byName.get(name(logical));
            if (v == null) {
                throw new InputException("input file " + fileName + " has no variable '" + name(logical) + "'"
                        + (name(logical).equals(logical) ? "" : " (for " + logical + ")")
                        + "; the file has the variables " + byName.keySet());
            }
            return v;
        }

        private double[] coordinate(Variable v) throws IOException {
            if (v.getRank() != 1) {
                throw new InputException("input file " + fileName + ": coordinate variable '" + v.getShortName()
                        + "' has rank " + v.getRank() + " (dimensions " + dimensionNames(v)
                        + "), expected a 1D coordinate");
            }
            double[] values = values(v);
            if (values.length < 2) {
                throw new InputException("input file " + fileName + ": coordinate variable '" + v.getShortName()
                        + "' has " + values.length + " value(s), at least 2 are needed to know the spacing");
            }
            for (int k = 0; k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    throw new InputException("input file " + fileName + ": coordinate variable '" + v.getShortName()
                            + "' has the value " + values[k] + " at index " + k + "; finite values expected");
                }
            }
            return values;
        }

        /** The mean spacing after checking every step against the first one. */
        private double spacing(Variable v, double[] c) {
            int n = c.length;
            double first = c[1] - c[0];
            double tolerance = 1e-3 * Math.abs(first) + floatTolerance(v, c);
            String name = v.getShortName();
            if (first == 0) {
                throw new InputException("input file " + fileName + ": coordinate '" + name + "' repeats the value "
                        + fmt(c[0]) + " at indices 0 and 1; a regular grid is expected");
            }
            for (int k = 1; k + 1 < n; k++) {
                double step = c[k + 1] - c[k];
                if (!(Math.abs(step - first) <= tolerance)) {
                    throw new InputException("input file " + fileName + ": coordinate '" + name
                            + "' is not uniform: " + name + "[" + (k + 1) + "] − " + name + "[" + k + "] = "
                            + fmt(step) + " m but the first spacing " + name + "[1] − " + name + "[0] = "
                            + fmt(first) + " m; a regular grid is expected");
                }
            }
            return (c[n - 1] - c[0]) / (n - 1);
        }

        /** Rounding of coordinates stored as float32 (large UTM values lose sub-metre precision). */
        private static double floatTolerance(Variable v, double[] c) {
            if (v.getDataType() != DataType.FLOAT) {
                return 0;
            }
            double largest = 0;
            for (double value : c) {
                largest = Math.max(largest, Math.abs(value));
            }
            return 4 * Math.ulp((float) largest);
        }

        /** The field of a logical name on the file's grid, flipped to j northwards; null if absent by default. */
        private double[] optionalField(String logical) throws IOException {
            Variable v = byName.get(name(logical));
            if (v == null) {
                if (!name(logical).equals(logical)) {
                    required(logical);
                }
                return null;
            }
            int[] shape = v.getShape();
            List<String> dims = dimensionNames(v);
            Array raw = v.read();
            int rank = shape.length;
            if (rank == 3 && shape[0] == 1) {
                shape = new int[] {shape[1], shape[2]};
                dims = dims.subList(1, 3);
                rank = 2;
            }
            if (rank != 2) {
                throw new InputException("input file " + fileName + ": variable '" + v.getShortName() + "' (" + logical
                        + ") has rank " + v.getRank() + " with dimensions " + dimensionNames(v) + " and shape "
                        + Arrays.toString(v.getShape()) + ", expected a 2D field (" + yDimension + ", " + xDimension
                        + ") of shape [" + nyFile + ", " + nxFile + "]");
            }
            boolean transposed;
            if (shape[0] == nyFile && shape[1] == nxFile
                    && !(dims.get(0).equals(xDimension) && dims.get(1).equals(yDimension) && nxFile != nyFile)) {
                transposed = dims.get(0).equals(xDimension) && dims.get(1).equals(yDimension);
            } else if (shape[0] == nxFile && shape[1] == nyFile && dims.get(0).equals(xDimension)
                    && dims.get(1).equals(yDimension)) {
                transposed = true;
            } else {
                throw new InputException("input file " + fileName + ": variable '" + v.getShortName() + "' (" + logical
                        + ") has shape " + Arrays.toString(v.getShape()) + " with dimensions " + dimensionNames(v)
                        + ", which does not match the coordinates: expected [" + nyFile + ", " + nxFile
                        + "] for (" + name("y") + ", " + name("x") + ")");
            }
            double[] stored = convert(v, raw);
            double[] out = new double[nxFile * nyFile];
            for (int row = 0; row < shape[0]; row++) {
                for (int col = 0; col < shape[1]; col++) {
                    int fileX = transposed ? row : col;
                    int fileY = transposed ? col : row;
                    int i = xAscending ? fileX : nxFile - 1 - fileX;
                    int j = yAscending ? fileY : nyFile - 1 - fileY;
                    out[j * nxFile + i] = stored[row * shape[1] + col];
                }
            }
            return out;
        }

        private double[] values(Variable v) throws IOException {
            return convert(v, v.read());
        }

        /** Raw values to doubles: fill values → NaN, then scale_factor and add_offset. */
        private static double[] convert(Variable v, Array raw) {
            double[] fills = fillValues(v);
            double scale = numericAttribute(v, "scale_factor", 1);
            double offset = numericAttribute(v, "add_offset", 0);
            Attribute unsignedAttribute = v.findAttributeIgnoreCase("_Unsigned");
            boolean unsigned = unsignedAttribute != null && "true".equalsIgnoreCase(unsignedAttribute.getStringValue());
            DataType type = v.getDataType();
            boolean isFloat = type == DataType.FLOAT;
            int n = (int) raw.getSize();
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
                double value;
                if (unsigned && type == DataType.BYTE) {
                    value = raw.getByte(k) & 0xFF;
                } else if (unsigned && type == DataType.SHORT) {
                    value = raw.getShort(k) & 0xFFFF;
                } else if (unsigned && type == DataType.INT) {
                    value = raw.getInt(k) & 0xFFFFFFFFL;
                } else {
                    value = raw.getDouble(k);
                }
                for (double fill : fills) {
                    if (value == fill || (isFloat && (float) value == (float) fill)) {
                        value = Double.NaN;
                        break;
                    }
                }
                out[k] = value * scale + offset;
            }
            return out;
        }

        private static double[] fillValues(Variable v) {
            List<Double> fills = new ArrayList<>();
            for (String name : List.of("_FillValue", "missing_value")) {
                Attribute a = v.findAttribute(name);
                if (a != null && !a.isString()) {
                    for (int k = 0; k < a.getLength(); k++) {
                        Number value = a.getNumericValue(k);
                        if (value != null && !Double.isNaN(value.doubleValue())) {
                            fills.add(value.doubleValue());
                        }
                    }
                }
            }
            return fills.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private static double numericAttribute(Variable v, String name, double fallback) {
            Attribute a = v.findAttribute(name);
            if (a == null || a.isString() || a.getNumericValue() == null) {
                return fallback;
            }
            return a.getNumericValue().doubleValue();
        }

        private void requireFinite(String logical, double[] values) {
            for (int k : regionIndices()) {
                if (!Double.isFinite(values[k])) {
                    String hint = logical.equals("thk") && Double.isNaN(values[k])
                            ? " (set input.fill_nan_thickness: true to read NaN thickness as no ice)" : "";
                    throw new InputException("input file " + fileName + ": variable '" + name(logical) + "' has the value "
                            + values[k] + " at " + where(k) + "; finite values are needed everywhere" + hint);
                }
            }
        }

        private void requireAtLeast(String logical, double[] values, double minimum, boolean strict) {
            for (int k : regionIndices()) {
                if (strict ? !(values[k] > minimum) : !(values[k] >= minimum)) {
                    throw new InputException("input file " + fileName + ": variable '" + name(logical) + "' has the value "
                            + fmt(values[k]) + " at " + where(k) + "; expected " + (strict ? "> " : "≥ ")
                            + fmt(minimum));
                }
            }
        }

        /** Flat indices of the cropped region on the file's grid, row by row from the south. */
        private int[] regionIndices() {
            int[] indices = new int[region[2] * region[3]];
            int m = 0;
            for (int j = region[1]; j < region[1] + region[3]; j++) {
                for (int i = region[0]; i < region[0] + region[2]; i++) {
                    indices[m++] = j * nxFile + i;
                }
            }
            return indices;
        }

        private String where(int k) {
            int i = k % nxFile;
            int j = k / nxFile;
            return "cell (i=" + i + ", j=" + j + ") counted from the south-west corner (x=" + fmt(fileGrid.x(i))
                    + " m, y=" + fmt(fileGrid.y(j)) + " m)";
        }

        private double[] resample(double[] full, int factor, boolean mask) {
            if (full == null) {
                return null;
            }
            int i0 = region[0];
            int j0 = region[1];
            int nxOut = region[2] / factor;
            int nyOut = region[3] / factor;
            double[] out = new double[nxOut * nyOut];
            double cells = (double) factor * factor;
            for (int jb = 0; jb < nyOut; jb++) {
                for (int ib = 0; ib < nxOut; ib++) {
                    double sum = 0;
                    for (int dj = 0; dj < factor; dj++) {
                        int rowStart = (j0 + jb * factor + dj) * nxFile + i0 + ib * factor;
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

        private Map<String, String> projectionAttributes() {
            Map<String, String> carried = new LinkedHashMap<>();
            for (Attribute a : nc.getGlobalAttributes()) {
                if (PROJECTION_ATTRIBUTES.contains(a.getShortName().toLowerCase(Locale.ROOT))) {
                    carried.put(a.getShortName(), text(a));
                }
            }
            for (Variable v : nc.getVariables()) {
                Attribute mapping = v.findAttribute("grid_mapping");
                if (mapping != null && mapping.isString()) {
                    Variable crs = byName.get(mapping.getStringValue());
                    if (crs != null) {
                        for (Attribute a : crs.getAttributes()) {
                            carried.putIfAbsent(crs.getShortName() + "_" + a.getShortName(), text(a));
                        }
                    }
                }
            }
            return carried;
        }

        private static String text(Attribute a) {
            if (a.isString()) {
                return a.getStringValue();
            }
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < a.getLength(); k++) {
                if (k > 0) {
                    s.append(' ');
                }
                s.append(a.getNumericValue(k));
            }
            return s.toString();
        }

        private static List<String> dimensionNames(Variable v) {
            List<String> names = new ArrayList<>();
            for (Dimension d : v.getDimensions()) {
                names.add(d.getShortName());
            }
            return names;
        }
    }

    private static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
