package igm.io;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small netCDF-3 files for tests, including malformed ones. */
public final class TinyNetcdf {

    private record Field(List<String> dimensions, double[] values, Map<String, Object> attributes) {
    }

    private final Map<String, Integer> dimensions = new LinkedHashMap<>();
    private final Map<String, Field> variables = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();

    /** x and y coordinates (and dimensions of the same names). */
    public static TinyNetcdf withCoordinates(double[] x, double[] y) {
        TinyNetcdf file = new TinyNetcdf();
        file.dimension("x", x.length).dimension("y", y.length);
        file.variable("x", List.of("x"), x).variable("y", List.of("y"), y);
        return file;
    }

    public TinyNetcdf dimension(String name, int length) {
        dimensions.put(name, length);
        return this;
    }

    /** A variable with values in the file's storage order (row-major over the dimensions). */
    public TinyNetcdf variable(String name, List<String> dims, double[] values) {
        variables.put(name, new Field(dims, values, new LinkedHashMap<>()));
        return this;
    }

    /** A (y, x) variable from rows given in file order. */
    public TinyNetcdf field(String name, double[][] rows) {
        int ny = rows.length;
        int nx = rows[0].length;
        double[] flat = new double[ny * nx];
        for (int r = 0; r < ny; r++) {
            System.arraycopy(rows[r], 0, flat, r * nx, nx);
        }
        return variable(name, List.of("y", "x"), flat);
    }

    public TinyNetcdf attribute(String variable, String name, Number value) {
        variables.get(variable).attributes().put(name, value);
        return this;
    }

    /** A text attribute of a variable, e.g. {@code units}. */
    public TinyNetcdf attribute(String variable, String name, String value) {
        variables.get(variable).attributes().put(name, value);
        return this;
    }

    public TinyNetcdf global(String name, String value) {
        globals.put(name, value);
        return this;
    }

    public Path write(Path path) throws Exception {
        NetcdfFileWriter writer = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, path.toString());
        Map<String, Dimension> dims = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> d : dimensions.entrySet()) {
            dims.put(d.getKey(), writer.addDimension(null, d.getKey(), d.getValue()));
        }
        Map<String, Variable> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Field> e : variables.entrySet()) {
            List<Dimension> list = new ArrayList<>();
            for (String d : e.getValue().dimensions()) {
                list.add(dims.get(d));
            }
            Variable v = writer.addVariable(null, e.getKey(), DataType.FLOAT, list);
            for (Map.Entry<String, Object> a : e.getValue().attributes().entrySet()) {
                writer.addVariableAttribute(v, a.getValue() instanceof Number number
                        ? new Attribute(a.getKey(), number.floatValue())
                        : new Attribute(a.getKey(), (String) a.getValue()));
            }
            vars.put(e.getKey(), v);
        }
        for (Map.Entry<String, String> g : globals.entrySet()) {
            writer.addGroupAttribute(null, new Attribute(g.getKey(), g.getValue()));
        }
        writer.create();
        for (Map.Entry<String, Field> e : variables.entrySet()) {
            Variable v = vars.get(e.getKey());
            double[] values = e.getValue().values();
            float[] data = new float[values.length];
            for (int k = 0; k < values.length; k++) {
                data[k] = (float) values[k];
            }
            writer.write(v, Array.factory(DataType.FLOAT, v.getShape(), data));
        }
        writer.close();
        return path;
    }
}
