package igm.io;

import igm.SimulationException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes 2D fields at successive times to a netCDF-3 (64-bit offset) file, atomically.
 *
 * <p>Layout (CF-1.8): dimensions {@code time} (unlimited), {@code y}, {@code x}; coordinate variables {@code x},
 * {@code y} (double, m, cell centres, ascending: row 0 is the southern edge, as on {@link Grid2D}) and {@code time}
 * (double, days since 2000-01-01 in the 365-day calendar), with {@code year} (double, the decimal year) beside it;
 * the grid mapping {@code crs} when the projection is known ({@link GridMapping}); each field is a float32 variable
 * {@code (time, y, x)} with {@code units}, {@code long_name}, {@code standard_name} where CF has one and
 * {@code grid_mapping}. The given global attributes (projection attributes of the input, resolved parameters as
 * YAML, seed, program version…) are written as text.
 *
 * <p>The file is written as {@code <target>.partial}; {@link #commit()} closes and renames it to the target.
 * {@link #abort()}, or {@link #close()} without commit, deletes it, so an interrupted run leaves no file under the
 * final name. Not thread-safe.
 */
public final class SpatialOutputWriter implements AutoCloseable {

    private final AtomicOutput output;
    private final Grid2D grid;
    private final List<FieldSpec> fields;
    private final NetcdfFileWriter writer;
    private final NetcdfOutput.TimeAxis timeAxis;
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private int steps;
    private double lastTime = Double.NEGATIVE_INFINITY;
    private boolean open;

    private SpatialOutputWriter(AtomicOutput output, Grid2D grid, List<FieldSpec> fields,
                                Map<String, String> globalAttributes, GridMapping gridMapping) {
        this.output = output;
        this.grid = grid;
        this.fields = List.copyOf(fields);
        this.writer = NetcdfOutput.createNetcdf3(output.partialPath(), output.target());
        this.open = true;
        try {
            Dimension time = writer.addUnlimitedDimension("time");
            timeAxis = NetcdfOutput.addTime(writer, time);
            NetcdfOutput.GridAxes axes = NetcdfOutput.addGridAxes(writer, grid);
            String mappingName = gridMapping == null ? null : NetcdfOutput.addGridMapping(writer, gridMapping);
            for (FieldSpec field : this.fields) {
                variables.put(field.name(), NetcdfOutput.addGriddedField(writer, field, DataType.FLOAT,
                        List.of(time, axes.y(), axes.x()), mappingName));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Conventions", "CF-1.8");
            if (globalAttributes != null) {
                attributes.putAll(globalAttributes);
            }
            NetcdfOutput.addGlobalAttributes(writer, attributes);
            writer.create();
            axes.write(writer, grid);
            writer.flush();
        } catch (IOException | InvalidRangeException | RuntimeException e) {
            abort();
            throw new SimulationException("cannot create " + output.target() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the file {@code target} (written as {@code target.partial} until {@link #commit()}).
     *
     * @param target           final path, e.g. {@code output.nc}; its folder must exist
     * @param grid             the grid of every field
     * @param fields           fields to write at each step, distinct names other than x, y, time
     * @param globalAttributes text attributes for the whole file; put the input's
     *                         {@link GriddedInput#projectionAttributes()} here to carry the projection
     * @throws igm.InputException      if the folder does not exist
     * @throws IllegalArgumentException if the field names repeat or clash with the coordinates
     * @throws SimulationException     if the file cannot be created
     */
    public static SpatialOutputWriter create(Path target, Grid2D grid, List<FieldSpec> fields,
                                             Map<String, String> globalAttributes) {
        return create(target, grid, fields, globalAttributes,
                GridMapping.fromAttributes(globalAttributes).orElse(null));
    }

    /**
     * As {@link #create(Path, Grid2D, List, Map)} with the grid mapping given rather than found among the global
     * attributes.
     *
     * @param gridMapping the projection of the grid, written as the variable {@code crs} that every field refers
     *                    to by its {@code grid_mapping} attribute; null for none
     */
    public static SpatialOutputWriter create(Path target, Grid2D grid, List<FieldSpec> fields,
                                             Map<String, String> globalAttributes, GridMapping gridMapping) {
        Set<String> names = new HashSet<>(List.of("x", "y", "time", "year", GridMapping.VARIABLE));
        for (FieldSpec f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("output field '" + f.name() + "' is declared twice or clashes with"
                        + " a coordinate (x, y, time, year, crs)");
            }
        }
        return new SpatialOutputWriter(AtomicOutput.begin(target), grid, fields, globalAttributes, gridMapping);
    }

    /**
     * Appends one time step.
     *
     * @param timeYears time in years, greater than the previous step's
     * @param values    field name → values on the grid ({@code grid.size()}, index j·nx + i); every declared field
     *                  must be present, other entries are ignored; NaN is written as NaN
     * @throws IllegalArgumentException for a missing field, a wrong length or a time not after the previous one
     * @throws SimulationException      if writing fails (the partial file is then deleted)
     */
    public void write(double timeYears, Map<String, double[]> values) {
        ensureOpen();
        if (!(timeYears > lastTime) || !Double.isFinite(timeYears)) {
            throw new IllegalArgumentException("output time " + timeYears + " must be finite and after the previous "
                    + lastTime);
        }
        int n = grid.size();
        for (FieldSpec f : fields) {
            double[] v = values.get(f.name());
            if (v == null) {
                throw new IllegalArgumentException("no values for output field '" + f.name() + "' at time "
                        + timeYears);
            }
            if (v.length != n) {
                throw new IllegalArgumentException("output field '" + f.name() + "' has " + v.length
                        + " values, the grid has " + n);
            }
        }
        try {
            timeAxis.write(writer, steps, timeYears);
            int[] shape = {1, grid.ny(), grid.nx()};
            float[] buffer = new float[n];
            for (FieldSpec f : fields) {
                double[] v = values.get(f.name());
                for (int k = 0; k < n; k++) {
                    buffer[k] = (float) v[k];
                }
                writer.write(variables.get(f.name()), new int[] {steps, 0, 0},
                        Array.factory(DataType.FLOAT, shape, buffer));
            }
            writer.flush();
        } catch (IOException | InvalidRangeException e) {
            abort();
            throw new SimulationException("cannot write time " + timeYears + " to " + output.target() + ": "
                    + e.getMessage(), e);
        }
        steps++;
        lastTime = timeYears;
    }

    /** Number of time steps written. */
    public int steps() {
        return steps;
    }

    /** The final path. */
    public Path target() {
        return output.target();
    }

    /**
     * Closes the file and renames it to the target.
     *
     * @throws SimulationException if closing or renaming fails (the partial file is deleted)
     */
    public void commit() {
        ensureOpen();
        open = false;
        try {
            writer.close();
        } catch (IOException e) {
            output.abort();
            throw new SimulationException("cannot close " + output.target() + ": " + e.getMessage(), e);
        }
        output.commit();
    }

    /** Closes and deletes the partial file; does nothing after commit. Never throws. */
    public void abort() {
        if (open) {
            open = false;
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // The file is deleted next; a failed close changes nothing.
            }
        }
        output.abort();
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("output " + output.target() + " is already committed or aborted");
        }
    }
}
