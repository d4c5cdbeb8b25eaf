package igm.io;

import igm.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An output variable: its NetCDF name, units (UDUNITS-style text) and CF-style long name.
 *
 * @param name     variable name: a letter or underscore, then letters, digits or underscores
 * @param units    units text, e.g. {@code "m"}, {@code "m a-1"}; "1" for dimensionless
 * @param longName human-readable description
 */
public record FieldSpec(String name, String units, String longName) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FieldSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InputException("invalid output variable name '" + name
                    + "': use a letter or underscore, then letters, digits or underscores");
        }
        units = units == null ? "" : units;
        longName = longName == null ? name : longName;
    }

    public static final FieldSpec TOPG = new FieldSpec("topg", "m", "bedrock elevation");
    public static final FieldSpec USURF = new FieldSpec("usurf", "m", "ice surface elevation");
    public static final FieldSpec THK = new FieldSpec("thk", "m", "ice thickness");
    public static final FieldSpec ICEMASK = new FieldSpec("icemask", "1", "ice mask (1 ice, 0 no ice)");
    public static final FieldSpec SMB = new FieldSpec("smb", "m a-1 ice eq.", "surface mass balance");
    public static final FieldSpec DHDT = new FieldSpec("dhdt", "m a-1", "rate of ice thickness change");
    public static final FieldSpec DIVFLUX = new FieldSpec("divflux", "m a-1", "divergence of the ice flux");
    public static final FieldSpec UBAR = new FieldSpec("ubar", "m a-1", "depth-averaged ice velocity, x component");
    public static final FieldSpec VBAR = new FieldSpec("vbar", "m a-1", "depth-averaged ice velocity, y component");
    public static final FieldSpec VELBAR_MAG = new FieldSpec("velbar_mag", "m a-1", "depth-averaged ice speed");
    public static final FieldSpec UVELSURF = new FieldSpec("uvelsurf", "m a-1", "surface ice velocity, x component");
    public static final FieldSpec VVELSURF = new FieldSpec("vvelsurf", "m a-1", "surface ice velocity, y component");
    public static final FieldSpec VELSURF_MAG = new FieldSpec("velsurf_mag", "m a-1", "surface ice speed");
    public static final FieldSpec UVELBASE = new FieldSpec("uvelbase", "m a-1", "basal ice velocity, x component");
    public static final FieldSpec VVELBASE = new FieldSpec("vvelbase", "m a-1", "basal ice velocity, y component");
    public static final FieldSpec SLIDINGCO = new FieldSpec("slidingco", "MPa a^(1/3) m^(-1/3)",
            "sliding coefficient");
    public static final FieldSpec ARRHENIUS = new FieldSpec("arrhenius", "MPa-3 a-1", "ice rate factor");

    /** Scalar time series: total ice volume. */
    public static final FieldSpec VOLUME = new FieldSpec("vol", "km3", "ice volume");
    /** Scalar time series: glacierised area (cells with ice). */
    public static final FieldSpec AREA = new FieldSpec("area", "km2", "glacierised area");
    /** Scalar time series: largest surface speed. */
    public static final FieldSpec MAX_SPEED = new FieldSpec("velsurf_max", "m a-1", "largest surface ice speed");

    /** The predefined 2D output fields by name, in a sensible output order. */
    public static final Map<String, FieldSpec> STANDARD_FIELDS = byName(List.of(TOPG, USURF, THK, ICEMASK, SMB,
            DHDT, DIVFLUX, UBAR, VBAR, VELBAR_MAG, UVELSURF, VVELSURF, VELSURF_MAG, UVELBASE, VVELBASE, SLIDINGCO,
            ARRHENIUS));

    /**
     * The predefined field of this name.
     *
     * @throws InputException if there is none; the message lists the known names
     */
    public static FieldSpec standard(String name) {
        FieldSpec spec = STANDARD_FIELDS.get(name);
        if (spec == null) {
            throw new InputException("unknown output field '" + name + "'; known fields are "
                    + STANDARD_FIELDS.keySet());
        }
        return spec;
    }

    private static Map<String, FieldSpec> byName(List<FieldSpec> specs) {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        for (FieldSpec s : specs) {
            map.put(s.name(), s);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
