package igm.io;

import igm.InputException;
import igm.SimulationException;
import igm.physics.RestartState;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A checkpoint: a {@link RestartState} in one netCDF-3 (64-bit offset) file, written atomically.
 *
 * <p>Layout: every array of the state is a 1D variable ({@code double}, or {@code float} for single-precision
 * arrays) over a dimension {@code n<length>} shared by all arrays of that length (fields on the grid are flattened
 * in the grid's order, index j·nx + i); every number is a scalar {@code double} variable; every text is a global
 * attribute. The variables and attributes are named by the state's full names ({@code model_thickness},
 * {@code model_iceflow_warm_velocity}…). The global attribute {@value #FORMAT_ATTRIBUTE} = {@value #FORMAT} marks the
 * file as a checkpoint. Doubles are stored bit for bit (NaN and ±∞ included).
 */
public final class CheckpointFile {

    /** The global attribute that marks a checkpoint, and its value. */
    public static final String FORMAT_ATTRIBUTE = "igm_checkpoint";
    /** The format version written. */
    public static final String FORMAT = "1";

    private CheckpointFile() {
    }

    /**
     * Writes {@code state} to {@code target} (through {@code target.partial}, renamed when complete, so that an
     * older checkpoint stays whole until the new one is).
     *
     * @throws SimulationException when the file cannot be written
     */
    public static void write(Path target, RestartState state) {
        AtomicOutput.write(target, partial -> {
            NetcdfFileWriter writer = NetcdfOutput.createNetcdf3(partial, target);
            try {
                Map<Integer, Dimension> dimensions = new LinkedHashMap<>();
                TreeSet<Integer> lengths = new TreeSet<>();
                state.arrays().values().forEach(a -> lengths.add(a.length));
                state.floatArrays().values().forEach(a -> lengths.add(a.length));
                for (int length : lengths) {
                    dimensions.put(length, writer.addDimension(null, "n" + length, length));
                }
                Map<String, Variable> variables = new LinkedHashMap<>();
                for (Map.Entry<String, double[]> e : state.arrays().entrySet()) {
                    variables.put(e.getKey(), writer.addVariable(null, e.getKey(), DataType.DOUBLE,
                            List.of(dimensions.get(e.getValue().length))));
                }
                for (Map.Entry<String, float[]> e : state.floatArrays().entrySet()) {
                    variables.put(e.getKey(), writer.addVariable(null, e.getKey(), DataType.FLOAT,
                            List.of(dimensions.get(e.getValue().length))));
                }
                for (String name : state.numbers().keySet()) {
                    variables.put(name, writer.addVariable(null, name, DataType.DOUBLE, List.<Dimension>of()));
                }
                writer.addGroupAttribute(null, new Attribute(FORMAT_ATTRIBUTE, FORMAT));
                for (Map.Entry<String, String> e : state.texts().entrySet()) {
                    writer.addGroupAttribute(null, new Attribute(e.getKey(), e.getValue()));
                }
                writer.create();
                for (Map.Entry<String, double[]> e : state.arrays().entrySet()) {
                    writer.write(variables.get(e.getKey()), Array.factory(e.getValue()));
                }
                for (Map.Entry<String, float[]> e : state.floatArrays().entrySet()) {
                    writer.write(variables.get(e.getKey()), Array.factory(e.getValue()));
                }
                for (Map.Entry<String, Double> e : state.numbers().entrySet()) {
                    Array scalar = Array.factory(DataType.DOUBLE, new int[0]);
                    scalar.setDouble(0, e.getValue());
                    writer.write(variables.get(e.getKey()), scalar);
                }
            } catch (InvalidRangeException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                writer.close();
            }
        });
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @throws InputException when the file does not exist, cannot be read or is not a checkpoint
     */
    public static RestartState read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("checkpoint " + file + " does not exist");
        }
        RestartState state = new RestartState();
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            Attribute format = nc.findGlobalAttribute(FORMAT_ATTRIBUTE);
            if (format == null || !FORMAT.equals(format.getStringValue())) {
                throw new InputException(file + " is not an igm checkpoint (no global attribute " + FORMAT_ATTRIBUTE
                        + " = " + FORMAT + ")");
            }
            for (Attribute a : nc.getGlobalAttributes()) {
                if (a.isString() && !a.getShortName().equals(FORMAT_ATTRIBUTE)) {
                    state.putText(a.getShortName(), a.getStringValue());
                }
            }
            for (Variable v : nc.getVariables()) {
                Array values = v.read();
                if (v.getRank() == 0) {
                    state.put(v.getShortName(), values.getDouble(0));
                } else if (v.getDataType() == DataType.FLOAT) {
                    state.putFloats(v.getShortName(), (float[]) values.get1DJavaArray(float.class));
                } else {
                    state.put(v.getShortName(), (double[]) values.get1DJavaArray(double.class));
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
        return state;
    }
}
