package igm.io;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NetCDF look-ups and value conversions the readers share: variables by short name, a variable's values as
 * doubles (raw, or decoded by the CF attributes {@code _FillValue}, {@code missing_value}, {@code scale_factor},
 * {@code add_offset} and {@code _Unsigned}), numeric attributes and the global attributes as text. Variables are
 * looked up by {@code getShortName()} (see the package comment for why not {@code NetcdfFile.findVariable}).
 */
public final class NetcdfValues {

    private NetcdfValues() {
    }

    /**
     * The variables of {@code nc} by short name, in the file's order; where two variables share a short name (in
     * different groups) the first one is kept.
     */
    public static Map<String, Variable> variablesByShortName(NetcdfFile nc) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (Variable v : nc.getVariables()) {
            variables.putIfAbsent(v.getShortName(), v);
        }
        return variables;
    }

    /**
     * Every value of {@code v} as a double, in the file's (row-major) order, as the UCAR library reads it: a fill
     * or missing value stays as it is, {@code scale_factor} and {@code add_offset} are not applied (the library
     * itself reads an integer variable with {@code _Unsigned = "true"} as unsigned).
     *
     * @throws IOException when the data cannot be read
     */
    public static double[] raw(Variable v) throws IOException {
        Array a = v.read();
        double[] out = new double[(int) a.getSize()];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.getDouble(k);
        }
        return out;
    }

    /**
     * The values {@code raw} read from {@code v}, decoded by the CF attributes of {@code v}: an integer type with
     * {@code _Unsigned = "true"} (any case) is read as unsigned; a value equal to any non-NaN value of the numeric
     * attributes {@code _FillValue} or {@code missing_value} becomes NaN (for a {@code float} variable also one equal
     * after both are rounded to float, as a double fill attribute of a float variable needs); then
     * {@code value * scale_factor + add_offset} (1 and 0 when absent, see {@link #numericAttribute}). Attribute
     * names are matched exactly (case-sensitively) except {@code _Unsigned}.
     */
    public static double[] unpack(Variable v, Array raw) {
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

    /**
     * The first value of the numeric (not text) attribute {@code name} of {@code v}, matched case-sensitively, or
     * {@code absent} when {@code v} has no such numeric attribute.
     */
    public static double numericAttribute(Variable v, String name, double absent) {
        Attribute a = v.findAttribute(name);
        if (a == null || a.isString() || a.getNumericValue() == null) {
            return absent;
        }
        return a.getNumericValue().doubleValue();
    }

    /**
     * The global attributes of {@code nc} as text, by short name in the file's order: a text attribute as it is, a
     * numeric one as its first value ({@link String#valueOf(Object)} of the number).
     */
    public static Map<String, String> globalAttributes(NetcdfFile nc) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Attribute a : nc.getGlobalAttributes()) {
            attributes.put(a.getShortName(), a.isString() ? a.getStringValue() : String.valueOf(a.getNumericValue()));
        }
        return attributes;
    }

    /** Every non-NaN value of the numeric attributes {@code _FillValue} and {@code missing_value}, in that order. */
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
}
