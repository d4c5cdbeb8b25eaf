package igm.physics;

import igm.InputException;
import igm.grid.Grid2D;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named numbers, arrays and texts a run needs to continue bit for bit from where it stopped: what each stateful
 * component ({@link Restartable}) saves into a checkpoint and reads back on resume.
 *
 * <p>Names are made of letters, digits and {@code _}. A {@link #scope(String) scope} is a view that prefixes every
 * name with the scope's name and {@code _} (e.g. {@code model_iceflow_warm_velocity}), so that components nested in
 * one another keep their entries apart. Doubles are stored as given (bit for bit, NaN and ±∞ included); an empty or
 * {@code null} array is stored as absent. Not thread-safe.
 */
public final class RestartState {

    private final Map<String, double[]> arrays;
    private final Map<String, float[]> floats;
    private final Map<String, Double> numbers;
    private final Map<String, String> texts;
    private final String prefix;

    /** An empty state. */
    public RestartState() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), "");
    }

    private RestartState(Map<String, double[]> arrays, Map<String, float[]> floats, Map<String, Double> numbers,
                         Map<String, String> texts, String prefix) {
        this.arrays = arrays;
        this.floats = floats;
        this.numbers = numbers;
        this.texts = texts;
        this.prefix = prefix;
    }

    /** A view of this state whose names are prefixed by {@code name_} (shares the entries). */
    public RestartState scope(String name) {
        return new RestartState(arrays, floats, numbers, texts, fullName(name) + "_");
    }

    private String fullName(String name) {
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("restart entry name '" + name + "' must be letters, digits and _");
        }
        return prefix + name;
    }

    /** Stores a copy of {@code values} (nothing when {@code null} or empty). */
    public void put(String name, double[] values) {
        if (values != null && values.length > 0) {
            arrays.put(fullName(name), values.clone());
        }
    }

    /** Stores a copy of single-precision {@code values} (nothing when {@code null} or empty). */
    public void putFloats(String name, float[] values) {
        if (values != null && values.length > 0) {
            floats.put(fullName(name), values.clone());
        }
    }

    /** Stores a number (whole numbers up to 2⁵³ are exact). */
    public void put(String name, double value) {
        numbers.put(fullName(name), value);
    }

    /** Stores a text. */
    public void putText(String name, String text) {
        if (text != null) {
            texts.put(fullName(name), text);
        }
    }

    /** Stores a grid as the array [nx, ny, dx, x origin, y origin]. */
    public void putGrid(String name, Grid2D grid) {
        if (grid != null) {
            put(name, new double[] {grid.nx(), grid.ny(), grid.dx(), grid.xOrigin(), grid.yOrigin()});
        }
    }

    /** A copy of the array {@code name}, or {@code null} when there is none. */
    public double[] array(String name) {
        double[] a = arrays.get(fullName(name));
        return a == null ? null : a.clone();
    }

    /**
     * A copy of the array {@code name} of {@code length} values.
     *
     * @throws InputException when it is missing or has another length
     */
    public double[] array(String name, int length) {
        double[] a = array(name);
        if (a == null || a.length != length) {
            throw new InputException("the checkpoint's " + fullName(name) + " has "
                    + (a == null ? "no values" : a.length + " values") + ", expected " + length);
        }
        return a;
    }

    /** A copy of the single-precision array {@code name}, or {@code null} when there is none. */
    public float[] floats(String name) {
        float[] a = floats.get(fullName(name));
        return a == null ? null : a.clone();
    }

    /**
     * The number {@code name}.
     *
     * @throws InputException when it is missing
     */
    public double number(String name) {
        Double v = numbers.get(fullName(name));
        if (v == null) {
            throw new InputException("the checkpoint has no value " + fullName(name));
        }
        return v;
    }

    /** Whether there is a number {@code name}. */
    public boolean hasNumber(String name) {
        return numbers.containsKey(fullName(name));
    }

    /** The text {@code name}, or {@code null}. */
    public String text(String name) {
        return texts.get(fullName(name));
    }

    /** The grid stored by {@link #putGrid}, or {@code null}. */
    public Grid2D grid(String name) {
        double[] g = array(name);
        if (g == null) {
            return null;
        }
        if (g.length != 5) {
            throw new InputException("the checkpoint's grid " + fullName(name) + " has " + g.length
                    + " values, expected 5");
        }
        return new Grid2D((int) g[0], (int) g[1], g[2], g[3], g[4]);
    }

    /** Every array by its full name (read-only; for the checkpoint writer). */
    public Map<String, double[]> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Every single-precision array by its full name (read-only). */
    public Map<String, float[]> floatArrays() {
        return Collections.unmodifiableMap(floats);
    }

    /** Every number by its full name (read-only). */
    public Map<String, Double> numbers() {
        return Collections.unmodifiableMap(numbers);
    }

    /** Every text by its full name (read-only). */
    public Map<String, String> texts() {
        return Collections.unmodifiableMap(texts);
    }
}
