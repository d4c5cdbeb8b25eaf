package igm.io.params;

import java.util.List;

/**
 * One entry of the parameter registry: a dotted key ({@code component.name}), its type, unit, default and meaning.
 *
 * @param key          dotted key, e.g. {@code time.end}
 * @param type         the kind of value
 * @param unit         physical unit, or "" when dimensionless or not a quantity
 * @param defaultValue default value (Double, Integer, Boolean, String, {@code List<Double>} or
 *                     {@code List<List<Double>>}); {@code null} means required
 * @param description  one-line meaning
 * @param min          smallest allowed value for numbers (inclusive), or NaN for none
 * @param max          largest allowed value for numbers (inclusive), or NaN for none
 * @param choices      allowed strings for a STRING parameter, empty when free
 * @param columns      column names of a TABLE, empty otherwise
 */
public record ParameterSpec(String key, ParameterType type, String unit, Object defaultValue, String description,
                            double min, double max, List<String> choices, List<String> columns) {

    public ParameterSpec {
        choices = List.copyOf(choices);
        columns = List.copyOf(columns);
    }

    /** The component this key belongs to: the part before the first dot. */
    public String component() {
        return key.substring(0, key.indexOf('.'));
    }

    /** Whether the user must give a value. */
    public boolean required() {
        return defaultValue == null;
    }

    /** The allowed range or choices in words, for messages and {@code info}; "" when unconstrained. */
    public String constraint() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        if (!columns.isEmpty()) {
            return "rows of [" + String.join(", ", columns) + "]";
        }
        boolean hasMin = !Double.isNaN(min);
        boolean hasMax = !Double.isNaN(max);
        if (hasMin && hasMax) {
            return "in [" + fmt(min) + ", " + fmt(max) + "]";
        } else if (hasMin) {
            return "≥ " + fmt(min);
        } else if (hasMax) {
            return "≤ " + fmt(max);
        }
        return "";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
