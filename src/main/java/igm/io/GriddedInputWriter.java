package igm.io;

import igm.SimulationException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link GriddedInput} as a netCDF-3 input file with IGM's variable names, readable again by
 * {@link GriddedInputReader}: dimensions {@code y}, {@code x}; coordinates {@code x}, {@code y} (double, m,
 * ascending); float32 fields {@code topg}, {@code usurf}, {@code thk} and, when present, {@code icemask},
 * {@code slidingco}, {@code arrhenius}; the projection attributes and the given attributes as global text
 * attributes. Written atomically (see {@link AtomicOutput}).
 */
public final class GriddedInputWriter {

    private GriddedInputWriter() {
    }

    /**
     * Writes {@code input} to {@code target}.
     *
     * @param globalAttributes extra global attributes (title, source, history…), may be null
     * @throws igm.InputException  if the target's folder does not exist
     * @throws SimulationException if writing fails
     */
    public static void write(Path target, GriddedInput input, Map<String, String> globalAttributes) {
        write(target, input, Map.of(), globalAttributes);
    }

    /**
     * Writes {@code input} to {@code target} with more fields after the input's (each a float32 (y, x) variable named,
     * with units and long name, by its {@link FieldSpec}; NaN stays NaN).
     *
     * @param extraFields fields to add, in order (e.g. an inversion's modelled velocity and observations)
     * @throws igm.InputException  if the target's folder does not exist
     * @throws SimulationException if writing fails
     */
    public static void write(Path target, GriddedInput input, Map<FieldSpec, double[]> extraFields,
                             Map<String, String> globalAttributes) {
        Map<FieldSpec, double[]> fields = new LinkedHashMap<>();
        fields.put(FieldSpec.TOPG, input.bed());
        fields.put(FieldSpec.USURF, input.surface());
        fields.put(FieldSpec.THK, input.thickness());
        if (input.iceMask() != null) {
            fields.put(FieldSpec.ICEMASK, input.iceMask());
        }
        if (input.slidingCoefficient() != null) {
            fields.put(FieldSpec.SLIDINGCO, input.slidingCoefficient());
        }
        if (input.rateFactor() != null) {
            fields.put(FieldSpec.ARRHENIUS, input.rateFactor());
        }
        fields.putAll(extraFields);
        Map<String, String> attributes = new LinkedHashMap<>(input.projectionAttributes());
        if (globalAttributes != null) {
            attributes.putAll(globalAttributes);
        }
        Grid2D grid = input.grid();
        try (AtomicOutput output = AtomicOutput.begin(target)) {
            NetcdfFileWriter writer = NetcdfOutput.createNetcdf3(output.partialPath(), target);
            try {
                NetcdfOutput.GridAxes axes = NetcdfOutput.addGridAxes(writer, grid);
                String mappingName = GridMapping.fromAttributes(input.projectionAttributes())
                        .map(mapping -> NetcdfOutput.addGridMapping(writer, mapping)).orElse(null);
                Map<FieldSpec, Variable> variables = new LinkedHashMap<>();
                for (FieldSpec f : fields.keySet()) {
                    variables.put(f, NetcdfOutput.addGriddedField(writer, f, DataType.FLOAT, axes.dimensions(),
                            mappingName));
                }
                NetcdfOutput.addGlobalAttributes(writer, attributes);
                writer.create();
                axes.write(writer, grid);
                for (Map.Entry<FieldSpec, double[]> e : fields.entrySet()) {
                    double[] values = e.getValue();
                    float[] buffer = new float[values.length];
                    for (int k = 0; k < values.length; k++) {
                        buffer[k] = (float) values[k];
                    }
                    writer.write(variables.get(e.getKey()),
                            Array.factory(DataType.FLOAT, new int[] {grid.ny(), grid.nx()}, buffer));
                }
            } finally {
                writer.close();
            }
            output.commit();
        } catch (IOException | InvalidRangeException e) {
            throw new SimulationException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
