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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the snapshots of one instructor run (the training data of the emulator, paper §2.2) to a netCDF-3 file,
 * atomically: the file appears under its final name only once complete ({@link AtomicOutput}).
 *
 * <p>Layout: dimensions {@code time} (unlimited; no record when the run never had ice), {@code y}, {@code x};
 * coordinate variables {@code time} (double, years since the run's start: a duration, as the snapshots of a run
 * started from an ice-free bed have no date), {@code x}, {@code y} (double, m, cell centres, ascending: row 0 is
 * the southern edge, as on {@link Grid2D}); the grid mapping {@code crs} when the metadata carry a projection
 * ({@link GridMapping#fromAttributes}); the {@link #FIELDS} as float32 {@code (time, y, x)} variables with
 * {@code units}, {@code long_name}, {@code standard_name} where CF has one and {@code grid_mapping}; the run's
 * metadata as text global attributes (plus {@code Conventions}). {@link InstructorSnapshotReader} reads it back.
 */
public final class InstructorSnapshotWriter {

    /** The fields of every snapshot, in file order; the names are the emulator's (IGM's) input and output names. */
    public static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.THK,
            FieldSpec.USURF,
            FieldSpec.TOPG,
            FieldSpec.SLOPSURFX,
            FieldSpec.SLOPSURFY,
            FieldSpec.SLIDINGCO,
            FieldSpec.ARRHENIUS,
            FieldSpec.UBAR,
            FieldSpec.VBAR,
            FieldSpec.UVELSURF,
            FieldSpec.VVELSURF,
            FieldSpec.UVELBASE,
            FieldSpec.VVELBASE);

    /** Names of {@link #FIELDS}, in order. */
    public static final List<String> FIELD_NAMES = FIELDS.stream().map(FieldSpec::name).toList();

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private InstructorSnapshotWriter() {
    }

    /**
     * Writes {@code target} (under {@code target.partial} until complete).
     *
     * @param target   final path; its folder must exist
     * @param grid     the grid of every field
     * @param times    snapshot times, years, finite and strictly increasing (may be empty)
     * @param fields   every name of {@link #FIELD_NAMES} → {@code [times.length][grid.size()]} values in the grid's
     *                 row-major order; other entries are not allowed
     * @param metadata global attributes, name → text; names are letters, digits and underscores, not starting
     *                 with a digit; written in the map's order
     * @throws IllegalArgumentException for a missing or extra field, a wrong length, times not increasing or a bad
     *                                  attribute name
     * @throws igm.InputException       if the target's folder does not exist
     * @throws SimulationException      if the file cannot be written (no file is left under either name)
     */
    public static void write(Path target, Grid2D grid, double[] times, Map<String, float[][]> fields,
                             Map<String, String> metadata) {
        check(grid, times, fields, metadata);
        try (AtomicOutput output = AtomicOutput.begin(target)) {
            NetcdfFileWriter writer = NetcdfOutput.createNetcdf3(output.partialPath(), output.target());
            try {
                Dimension time = writer.addUnlimitedDimension("time");
                Variable timeVariable = NetcdfOutput.addElapsedTime(writer, time,
                        "years since the start of the run (ice-free bed)");
                NetcdfOutput.GridAxes axes = NetcdfOutput.addGridAxes(writer, grid);
                String mappingName = GridMapping.fromAttributes(metadata)
                        .map(mapping -> NetcdfOutput.addGridMapping(writer, mapping)).orElse(null);
                Map<String, Variable> variables = new LinkedHashMap<>();
                for (FieldSpec field : FIELDS) {
                    variables.put(field.name(), NetcdfOutput.addGriddedField(writer, field, DataType.FLOAT,
                            List.of(time, axes.y(), axes.x()), mappingName));
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("Conventions", "CF-1.8");
                attributes.putAll(metadata);
                NetcdfOutput.addGlobalAttributes(writer, attributes);
                writer.create();
                axes.write(writer, grid);
                int[] shape = {1, grid.ny(), grid.nx()};
                for (int t = 0; t < times.length; t++) {
                    writer.write(timeVariable, new int[] {t}, Array.factory(new double[] {times[t]}));
                    for (FieldSpec field : FIELDS) {
                        writer.write(variables.get(field.name()), new int[] {t, 0, 0},
                                Array.factory(DataType.FLOAT, shape, fields.get(field.name())[t]));
                    }
                }
                writer.close();
            } catch (IOException | InvalidRangeException | RuntimeException e) {
                try {
                    writer.close();
                } catch (IOException | RuntimeException ignored) {
                    // the partial file is deleted when the output closes uncommitted
                }
                throw new SimulationException("cannot write " + target + ": " + e.getMessage(), e);
            }
            output.commit();
        }
    }

    private static void check(Grid2D grid, double[] times, Map<String, float[][]> fields,
                              Map<String, String> metadata) {
        for (int t = 0; t < times.length; t++) {
            if (!Double.isFinite(times[t]) || (t > 0 && !(times[t] > times[t - 1]))) {
                throw new IllegalArgumentException("snapshot times must be finite and increasing, got " + times[t]
                        + " at index " + t);
            }
        }
        for (String name : fields.keySet()) {
            if (!FIELD_NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown snapshot field '" + name + "'; the fields are "
                        + FIELD_NAMES);
            }
        }
        for (String name : FIELD_NAMES) {
            float[][] values = fields.get(name);
            if (values == null || values.length != times.length) {
                throw new IllegalArgumentException("snapshot field '" + name + "' must have " + times.length
                        + " snapshots, got " + (values == null ? "none" : values.length));
            }
            for (float[] snapshot : values) {
                if (snapshot.length != grid.size()) {
                    throw new IllegalArgumentException("snapshot field '" + name + "' has " + snapshot.length
                            + " values, the grid has " + grid.size());
                }
            }
        }
        for (String name : metadata.keySet()) {
            if (!ATTRIBUTE_NAME.matcher(name).matches() || name.equals("Conventions")) {
                throw new IllegalArgumentException("metadata name '" + name + "' is not allowed: use letters, "
                        + "digits and underscores, not starting with a digit (Conventions is set by the writer)");
            }
            if (metadata.get(name) == null) {
                throw new IllegalArgumentException("metadata '" + name + "' has no value");
            }
        }
    }
}
