package igm.io;

import static igm.io.InputRegion.fmt;

import igm.InputException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
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
import java.util.TreeMap;
import java.util.function.Consumer;

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
 * <h2>Files with times</h2>
 * A variable (time, y, x) with more than one time, as in a spatial output of {@code igm run}, is read at the frame
 * {@link InputOptions#time()} names: {@code last}, or the frame whose year is within 10⁻⁶ a of the year given. The
 * year of a frame is the variable {@code year} on the time dimension when there is one, else the time coordinate in
 * years ({@code years}, {@code year}, {@code a}, {@code yr}, or no units), or "days since YYYY-MM-DD" (also hours,
 * minutes, seconds) in a {@code 365_day}/{@code noleap} or {@code 360_day} calendar; other calendars are refused.
 * With {@code time} empty, such a file is refused with the years it holds.
 *
 * <h2>Units</h2>
 * The {@code units} of x, y, topg, usurf and thk are converted to metres, those of slidingco and arrhenius checked
 * or converted, icemask must be dimensionless ({@link InputUnits}). Coordinates in degrees, a CF grid mapping
 * {@code latitude_longitude} or a PROJ {@code +proj=longlat} projection attribute are refused with the advice to
 * reproject. Variables without units are taken in the program's units and listed once per file in the log.
 *
 * <h2>Checks of the values</h2>
 * Besides finiteness: thickness ≥ 0 and ≤ {@link #MAX_THICKNESS_M}; icemask 0 or 1; when the file has topg, usurf and
 * thk, usurf = topg + thk within {@link #SURFACE_TOLERANCE_M} (plus float32 rounding). A netCDF-3 file shorter than
 * its header declares is refused before anything is read ({@link ClassicNetcdfLayout}); a netCDF-4 read that fails
 * names the variable.
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

    /**
     * Whether {@code name}, an entry of {@link GriddedInput#projectionAttributes()}, is one of the global projection
     * attributes the reader carries (e.g. {@code pyproj_srs}), rather than an attribute of a grid-mapping variable
     * carried as {@code <variable>_<attribute>}.
     */
    public static boolean isGlobalProjectionAttribute(String name) {
        return PROJECTION_ATTRIBUTES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The largest ice thickness accepted, m: ten kilometres, about twice the thickest ice on Earth (≈ 4.8 km in
     * Antarctica); a larger value is a unit or data error.
     */
    public static final double MAX_THICKNESS_M = 10_000;

    /**
     * How far usurf may be from topg + thk when a file has all three, m (on top of the rounding of float32
     * elevations). The real inputs of the examples differ by less than 0.001 m.
     */
    public static final double SURFACE_TOLERANCE_M = 1.0;

    private GriddedInputReader() {
    }

    /** Reads {@code file} with IGM's variable names, no crop, no coarsening. */
    public static GriddedInput read(Path file) {
        return read(InputOptions.of(file));
    }

    /**
     * Reads, validates, crops and coarsens the input described by {@code options}; the note on variables without
     * units goes to standard error.
     *
     * @throws InputException for any problem with the file or its contents (one message that locates it)
     */
    public static GriddedInput read(InputOptions options) {
        return read(options, System.err::println);
    }

    /**
     * Reads, validates, crops and coarsens the input described by {@code options}.
     *
     * @param log receives at most one line per file: the variables read that have no {@code units} attribute and
     *            the units they are taken in
     * @throws InputException for any problem with the file or its contents (one message that locates it)
     */
    public static GriddedInput read(InputOptions options, Consumer<String> log) {
        Path file = options.file();
        if (!Files.exists(file)) {
            throw new InputException("input file not found: " + file.toAbsolutePath().normalize());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputException("input file " + file + " is not a readable file");
        }
        boolean classic = requireNetcdfSignature(file);
        if (classic) {
            ClassicNetcdfLayout.requireComplete(file);
        }
        NetcdfFile nc;
        try {
            nc = NetcdfFile.open(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new InputException("input file " + file + " cannot be opened as "
                    + (classic ? "netCDF-3" : "netCDF-4/HDF5") + " (is it truncated or damaged?): " + e.getMessage(),
                    e);
        }
        try (nc) {
            return new Reading(options, nc, log).read();
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the file starts like netCDF-3 ({@code CDF} then 1, 2 or 5) or HDF5 (its signature at offset 0, 512,
     * 1024 or 2048), so that other files get a clear message.
     *
     * @return true for netCDF-3, false for HDF5
     */
    private static boolean requireNetcdfSignature(Path file) {
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
                    return true;
                }
                if (read == 8 && Arrays.equals(b, hdf5)) {
                    return false;
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
        throw new InputException("input file " + file + " is not a NetCDF file: it starts with neither the netCDF-3"
                + " ('CDF') nor the netCDF-4/HDF5 signature");
    }

    /** The state of one read. */
    private static final class Reading implements InputRegion.Messages {
        private final InputOptions options;
        private final NetcdfFile nc;
        private final String fileName;
        private final Map<String, Variable> byName;
        private int nxFile;
        private int nyFile;
        private String xDimension;
        private String yDimension;
        private boolean xAscending;
        private boolean yAscending;
        private InputRegion region;
        private final Consumer<String> log;
        /** Variables read without a units attribute → the units they are taken in. */
        private final Map<String, String> withoutUnits = new LinkedHashMap<>();
        /** Time dimension → the frame read along it. */
        private final Map<String, Integer> frames = new TreeMap<>();

        Reading(InputOptions options, NetcdfFile nc, Consumer<String> log) {
            this.options = options;
            this.nc = nc;
            this.log = log;
            this.fileName = options.file().toString();
            this.byName = NetcdfValues.variablesByShortName(nc);
        }

        GriddedInput read() throws IOException {
            requireProjectedGlobally();
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
            Grid2D fileGrid = new Grid2D(nxFile, nyFile, cell, Math.min(x[0], x[nxFile - 1]),
                    Math.min(y[0], y[nyFile - 1]));
            region = new InputRegion(fileGrid, options.crop(), "input file " + fileName, false, this);

            double[] bed = optionalField(FieldSpec.TOPG);
            double[] surface = optionalField(FieldSpec.USURF);
            double[] thickness = optionalField(FieldSpec.THK);
            int present = (bed != null ? 1 : 0) + (surface != null ? 1 : 0) + (thickness != null ? 1 : 0);
            if (present < 2) {
                throw new InputException("input file " + fileName + " needs at least two of the variables '"
                        + name(FieldSpec.TOPG) + "' (bed), '" + name(FieldSpec.USURF) + "' (surface), '"
                        + name(FieldSpec.THK)
                        + "' (thickness), found " + present + "; the file has the variables "
                        + byName.keySet());
            }
            InputRegion.Geometry geometry = region.geometry(bed, surface, thickness,
                    options.fillNanThicknessWithZero());
            double[] iceMask = region.checkedParameter(FieldSpec.ICEMASK, optionalField(FieldSpec.ICEMASK));
            double[] sliding = region.checkedParameter(FieldSpec.SLIDINGCO, optionalField(FieldSpec.SLIDINGCO));
            double[] rate = region.checkedParameter(FieldSpec.ARRHENIUS, optionalField(FieldSpec.ARRHENIUS));
            int factor = options.coarsen();
            Grid2D grid = region.coarsenedGrid(factor);
            String time = options.time();
            if (!time.isEmpty() && !time.equals("last") && frames.isEmpty()) {
                throw new InputException("input file " + fileName + " has no time axis in the variables read, but "
                        + "input.time = " + time + " asks for a year; leave input.time empty for a file of one state");
            }
            if (!withoutUnits.isEmpty()) {
                List<String> listed = new ArrayList<>();
                withoutUnits.forEach((variable, units) -> listed.add(variable + " (" + units + ")"));
                log.accept("input file " + fileName + ": variables without a units attribute, taken in the program's"
                        + " units: " + String.join(", ", listed));
            }
            return new GriddedInput(grid, region.resample(geometry.bed(), factor, false),
                    region.resample(geometry.surface(), factor, false),
                    region.resample(geometry.thickness(), factor, false), region.resample(iceMask, factor, true),
                    region.resample(sliding, factor, false), region.resample(rate, factor, false),
                    projectionAttributes(), options.file());
        }

        private String name(String logical) {
            return options.variableNames().get(logical);
        }

        private String name(FieldSpec field) {
            return name(field.name());
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
            requireProjected(v);
            double[] values = values(v);
            double factor = unitFactor(v, InputUnits.Quantity.LENGTH, "coordinate variable");
            for (int k = 0; k < values.length; k++) {
                values[k] *= factor;
            }
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

        /** A field of the catalogue on the file's grid, flipped to j northwards; null if absent by default. */
        private double[] optionalField(FieldSpec field) throws IOException {
            String logical = field.name();
            Variable v = byName.get(name(logical));
            if (v == null) {
                if (!name(logical).equals(logical)) {
                    required(logical);
                }
                return null;
            }
            requireProjected(v);
            int[] shape = v.getShape();
            List<String> dims = dimensionNames(v);
            int rank = shape.length;
            Array raw;
            if (rank == 3 && !dims.get(0).equals(xDimension) && !dims.get(0).equals(yDimension)) {
                int frame = frame(v, dims.get(0), shape[0]);
                raw = readData(v, new int[] {frame, 0, 0}, new int[] {1, shape[1], shape[2]});
                shape = new int[] {shape[1], shape[2]};
                dims = dims.subList(1, 3);
                rank = 2;
            } else {
                raw = readData(v, null, null);
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
            double[] stored = NetcdfValues.unpack(v, raw);
            double factor = unitFactor(v, QUANTITIES.get(field), "variable");
            if (factor != 1) {
                for (int k = 0; k < stored.length; k++) {
                    stored[k] *= factor;
                }
            }
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

        private double[] values(Variable v) {
            return NetcdfValues.unpack(v, readData(v, null, null));
        }

        /**
         * The data of a variable, or of the section {@code origin}/{@code size} when they are not null.
         *
         * @throws InputException naming the file and the variable when the bytes cannot be read (a truncated or
         *                        damaged file: netCDF-4 reports it here, netCDF-3 was checked when opened)
         */
        private Array readData(Variable v, int[] origin, int[] size) {
            try {
                return origin == null ? v.read() : v.read(origin, size);
            } catch (IOException | InvalidRangeException | RuntimeException e) {
                throw new InputException("input file " + fileName + ": variable '" + v.getShortName()
                        + "' cannot be read completely (is the file truncated or damaged?): " + e, e);
            }
        }

        /** The factor into the program's units of a variable read, noting a missing units attribute. */
        private double unitFactor(Variable v, InputUnits.Quantity quantity, String kind) {
            String units = InputUnits.of(v);
            if (InputUnits.missing(units) && quantity != InputUnits.Quantity.DIMENSIONLESS) {
                withoutUnits.put(v.getShortName(), quantity.programUnits());
            }
            return InputUnits.factor(units, quantity, "input file " + fileName + ": " + kind + " '"
                    + v.getShortName() + "'");
        }

        /** Refuses a file whose global projection attribute (e.g. OGGM's pyproj_srs) is a PROJ longlat string. */
        private void requireProjectedGlobally() {
            for (Attribute a : nc.getGlobalAttributes()) {
                if (a.isString() && PROJECTION_ATTRIBUTES.contains(a.getShortName().toLowerCase(Locale.ROOT))
                        && GEOGRAPHIC_PROJ.matcher(a.getStringValue()).find()) {
                    throw new InputException("input file " + fileName + ": its global attribute " + a.getShortName()
                            + " = '" + a.getStringValue().strip() + "' is geographic (longitude and latitude); "
                            + "reproject the file to a projected CRS in metres (e.g. UTM, with gdalwarp -t_srs "
                            + "EPSG:326NN)");
                }
            }
        }

        /** Refuses a variable whose CF grid mapping is geographic (latitude and longitude). */
        private void requireProjected(Variable v) {
            Attribute mapping = v.findAttribute("grid_mapping");
            if (mapping == null || !mapping.isString()) {
                return;
            }
            Variable crs = byName.get(mapping.getStringValue().strip());
            Attribute name = crs == null ? null : crs.findAttribute("grid_mapping_name");
            if (name != null && name.isString() && name.getStringValue().strip().equals("latitude_longitude")) {
                throw new InputException("input file " + fileName + ": variable '" + v.getShortName()
                        + "' has grid_mapping '" + crs.getShortName() + "' with grid_mapping_name = "
                        + "latitude_longitude (geographic coordinates); reproject the file to a projected CRS in "
                        + "metres (e.g. UTM, with gdalwarp -t_srs EPSG:326NN)");
            }
        }

        /** The frame to read along the time dimension {@code dimension} of {@code length} frames. */
        private int frame(Variable v, String dimension, int length) {
            Integer known = frames.get(dimension);
            if (known != null) {
                return known;
            }
            String request = options.time();
            int frame;
            if (request.isEmpty()) {
                if (length != 1) {
                    String years;
                    try {
                        years = ", at the years " + yearList(frameYears(dimension, length));
                    } catch (InputException e) {
                        years = "";
                    }
                    throw new InputException("input file " + fileName + ": variable '" + v.getShortName() + "' has "
                            + length + " frames along dimension '" + dimension + "'" + years
                            + "; set input.time to 'last' or to one of the years");
                }
                frame = 0;
            } else if (request.equals("last")) {
                frame = length - 1;
                String year;
                try {
                    year = "the year " + fmt(frameYears(dimension, length)[frame]);
                } catch (InputException e) {
                    year = "no year (its time axis cannot be decoded: " + e.getMessage() + ")";
                }
                log.accept("input file " + fileName + ": input.time = last reads frame " + length + " of " + length
                        + " along '" + dimension + "', " + year + "; time.start is not taken from it");
            } else {
                double year = Double.parseDouble(request);
                double[] years = frameYears(dimension, length);
                frame = -1;
                for (int k = 0; k < length && frame < 0; k++) {
                    if (Math.abs(years[k] - year) <= InputOptions.TIME_TOLERANCE_YEARS) {
                        frame = k;
                    }
                }
                if (frame < 0) {
                    throw new InputException("input file " + fileName + " has no frame at input.time = " + request
                            + " (within 1e-6 a) along dimension '" + dimension
                            + "'; the years available are " + yearList(years));
                }
            }
            frames.put(dimension, frame);
            return frame;
        }

        private static String yearList(double[] years) {
            List<String> listed = new ArrayList<>();
            for (double year : years) {
                listed.add(fmt(year));
            }
            return "[" + String.join(", ", listed) + "]";
        }

        /**
         * The decimal year of each frame along {@code dimension}: a variable {@code year} on that dimension when
         * there is one, else the dimension's coordinate variable in years ({@code years}, {@code year}, {@code a},
         * {@code yr}; no units is read as years too) or as "UNIT since YYYY-MM-DD[ hh:mm:ss]" in a 365_day
         * (noleap) or 360_day calendar.
         */
        private double[] frameYears(String dimension, int length) {
            Variable year = byName.get("year");
            if (year != null && year.getRank() == 1 && year.getDimension(0).getShortName().equals(dimension)) {
                return values(year);
            }
            Variable time = byName.get(dimension);
            if (time == null || time.getRank() != 1) {
                throw new InputException("input file " + fileName + ": dimension '" + dimension + "' has no coordinate"
                        + " variable and there is no variable 'year' on it; the year of each frame is unknown");
            }
            double[] values = values(time);
            String units = InputUnits.of(time);
            String spelling = units == null ? "" : units.strip().toLowerCase(Locale.ROOT);
            if (spelling.isEmpty() || List.of("years", "year", "a", "yr", "yrs").contains(spelling)) {
                return values;
            }
            java.util.regex.Matcher since = TIME_SINCE.matcher(spelling);
            if (!since.matches()) {
                throw new InputException("input file " + fileName + ": variable '" + time.getShortName()
                        + "' has units '" + units + "'; expected years or \"days since YYYY-MM-DD\" with a 365_day "
                        + "or 360_day calendar");
            }
            Attribute calendarAttribute = time.findAttributeIgnoreCase("calendar");
            String calendar = calendarAttribute == null || !calendarAttribute.isString() ? "standard"
                    : calendarAttribute.getStringValue().strip().toLowerCase(Locale.ROOT);
            double daysPerYear = switch (calendar) {
                case "365_day", "noleap" -> 365;
                case "360_day" -> 360;
                default -> throw new InputException("input file " + fileName + ": variable '" + time.getShortName()
                        + "' has calendar '" + calendar + "'; only the 365_day (noleap) and 360_day calendars are "
                        + "decoded (or add a variable 'year' of decimal years on dimension '" + dimension + "')");
            };
            double daysPerUnit = switch (since.group(1)) {
                case "days", "day", "d" -> 1;
                case "hours", "hour", "h" -> 1.0 / 24;
                case "minutes", "minute", "min" -> 1.0 / 1440;
                default -> 1.0 / 86400;
            };
            int month = Integer.parseInt(since.group(3));
            int day = Integer.parseInt(since.group(4));
            double dayOfYear = daysPerYear == 365 ? DAYS_BEFORE_MONTH[month - 1] : 30 * (month - 1);
            dayOfYear += day - 1;
            if (since.group(5) != null) {
                dayOfYear += Integer.parseInt(since.group(5)) / 24.0 + Integer.parseInt(since.group(6)) / 1440.0
                        + (since.group(7) == null ? 0 : Double.parseDouble(since.group(7)) / 86400);
            }
            int referenceYear = Integer.parseInt(since.group(2));
            double[] years = new double[values.length];
            for (int k = 0; k < values.length; k++) {
                years[k] = referenceYear + (dayOfYear + values[k] * daysPerUnit) / daysPerYear;
            }
            return years;
        }

        @Override
        public String notFinite(String field, double value, String where) {
            String hint = FieldSpec.THK.is(field) && Double.isNaN(value)
                    ? " (set input.fill_nan_thickness: true to read NaN thickness as no ice)" : "";
            return "input file " + fileName + ": variable '" + name(field) + "' has the value " + value + " at "
                    + where + "; finite values are needed everywhere" + hint;
        }

        @Override
        public String negativeThickness(double value, String where) {
            return "input file " + fileName + ": negative ice thickness " + fmt(value) + " m in variable '"
                    + name(FieldSpec.THK) + "' at " + where + "; thickness must be ≥ 0";
        }

        @Override
        public String tooThick(double value, String where, boolean derived) {
            String what = derived ? "the thickness '" + name(FieldSpec.USURF) + "' − '" + name(FieldSpec.TOPG) + "'"
                    : "variable '" + name(FieldSpec.THK) + "'";
            return "input file " + fileName + ": " + what + " is " + fmt(value) + " m at " + where
                    + "; expected at most " + fmt(MAX_THICKNESS_M)
                    + " m (the thickest ice on Earth is about 4.8 km): check the units and the values";
        }

        @Override
        public String inconsistentSurface(double surface, double bed, double thickness, double expected,
                                          String where) {
            return "input file " + fileName + ": variable '" + name(FieldSpec.USURF) + "' has the value "
                    + fmt(surface) + " m at " + where + " but '" + name(FieldSpec.TOPG) + "' + '" + name(FieldSpec.THK)
                    + "' = " + fmt(bed) + " + "
                    + fmt(thickness) + " = " + fmt(expected) + " m; expected usurf = topg + thk within "
                    + fmt(SURFACE_TOLERANCE_M) + " m (give two of the three to have the third derived)";
        }

        @Override
        public String notMask(double value, String where) {
            return "input file " + fileName + ": variable '" + name(FieldSpec.ICEMASK) + "' has the value "
                    + fmt(value) + " at " + where + "; an ice mask must be 0 (no glacier) or 1 (glacier)";
        }

        @Override
        public String belowMinimum(String field, double value, double minimum, boolean strict, String where) {
            return "input file " + fileName + ": variable '" + name(field) + "' has the value " + fmt(value) + " at "
                    + where + "; expected " + (strict ? "> " : "≥ ") + fmt(minimum);
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

    /** The logical fields and what they measure. */
    private static final Map<FieldSpec, InputUnits.Quantity> QUANTITIES = Map.of(
            FieldSpec.TOPG, InputUnits.Quantity.LENGTH, FieldSpec.USURF, InputUnits.Quantity.LENGTH,
            FieldSpec.THK, InputUnits.Quantity.LENGTH, FieldSpec.ICEMASK, InputUnits.Quantity.DIMENSIONLESS,
            FieldSpec.SLIDINGCO, InputUnits.Quantity.SLIDING_COEFFICIENT,
            FieldSpec.ARRHENIUS, InputUnits.Quantity.RATE_FACTOR);

    /** "UNIT since YYYY-MM-DD[ hh:mm[:ss]]" of a CF time axis, lower case. */
    private static final java.util.regex.Pattern TIME_SINCE = java.util.regex.Pattern.compile(
            "(days|day|d|hours|hour|h|minutes|minute|min|seconds|second|s) since (-?\\d{1,4})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[ t](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d*)?))?)?(?: ?(?:z|utc|[+-]00:?00))?");

    /** A PROJ string of geographic coordinates. */
    private static final java.util.regex.Pattern GEOGRAPHIC_PROJ = java.util.regex.Pattern.compile(
            "\\+proj=(longlat|latlong|lonlat|latlon)\\b");

    /** Days before each month in a 365-day year. */
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
}
