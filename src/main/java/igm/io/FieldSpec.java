package igm.io;

import igm.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An output variable: its NetCDF name, units (UDUNITS text), CF long name and CF standard name.
 *
 * <p>Standard names are from the CF standard name table (version 83) and the units of each predefined field convert
 * to the canonical units of its standard name (e.g. {@code m year-1} to {@code m s-1}). Velocities, rates and rate
 * factors are per {@code year} (UDUNITS' year; {@code a} would be the are, an area). Quantities without a standard
 * name (speeds, the ice mask, sliding and rate factor fields, flux divergence) have none.
 *
 * @param name         variable name: a letter or underscore, then letters, digits or underscores
 * @param units        UDUNITS units text, e.g. {@code "m"}, {@code "m year-1"}; "1" for dimensionless
 * @param longName     human-readable description
 * @param standardName CF standard name, or empty when the table has none for this quantity
 */
public record FieldSpec(String name, String units, String longName, String standardName) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FieldSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InputException("invalid output variable name '" + name
                    + "': use a letter or underscore, then letters, digits or underscores");
        }
        units = units == null ? "" : units;
        longName = longName == null ? name : longName;
        standardName = standardName == null ? "" : standardName;
    }

    /** A field without a CF standard name. */
    public FieldSpec(String name, String units, String longName) {
        this(name, units, longName, "");
    }

    public static final FieldSpec TOPG = new FieldSpec("topg", "m", "bedrock elevation", "bedrock_altitude");
    public static final FieldSpec USURF = new FieldSpec("usurf", "m", "ice surface elevation", "surface_altitude");
    public static final FieldSpec THK = new FieldSpec("thk", "m", "ice thickness", "land_ice_thickness");
    public static final FieldSpec ICEMASK = new FieldSpec("icemask", "1", "ice mask (1 ice, 0 no ice)");
    public static final FieldSpec SMB = new FieldSpec("smb", "m year-1",
            "surface mass balance, ice equivalent", "land_ice_surface_specific_mass_balance_rate");
    public static final FieldSpec DHDT = new FieldSpec("dhdt", "m year-1", "rate of ice thickness change",
            "tendency_of_land_ice_thickness");
    public static final FieldSpec DIVFLUX = new FieldSpec("divflux", "m year-1", "divergence of the ice flux");
    public static final FieldSpec UBAR = new FieldSpec("ubar", "m year-1",
            "depth-averaged ice velocity, x component", "land_ice_vertical_mean_x_velocity");
    public static final FieldSpec VBAR = new FieldSpec("vbar", "m year-1",
            "depth-averaged ice velocity, y component", "land_ice_vertical_mean_y_velocity");
    public static final FieldSpec VELBAR_MAG = new FieldSpec("velbar_mag", "m year-1", "depth-averaged ice speed");
    public static final FieldSpec UVELSURF = new FieldSpec("uvelsurf", "m year-1",
            "surface ice velocity, x component", "land_ice_surface_x_velocity");
    public static final FieldSpec VVELSURF = new FieldSpec("vvelsurf", "m year-1",
            "surface ice velocity, y component", "land_ice_surface_y_velocity");
    public static final FieldSpec VELSURF_MAG = new FieldSpec("velsurf_mag", "m year-1", "surface ice speed");
    public static final FieldSpec UVELBASE = new FieldSpec("uvelbase", "m year-1",
            "basal ice velocity, x component", "land_ice_basal_x_velocity");
    public static final FieldSpec VVELBASE = new FieldSpec("vvelbase", "m year-1",
            "basal ice velocity, y component", "land_ice_basal_y_velocity");
    /** The sliding coefficient as the program uses it and reads it back from {@code input.file}. */
    public static final FieldSpec SLIDINGCO = new FieldSpec("slidingco", "km MPa-3 year-1",
            "Weertman sliding coefficient c of u_b = c tau_b^3");
    public static final FieldSpec ARRHENIUS = new FieldSpec("arrhenius", "MPa-3 year-1",
            "ice rate factor A of Glen's flow law");

    /** Scalar time series: total ice volume. */
    public static final FieldSpec VOLUME = new FieldSpec("vol", "km3", "ice volume");
    /** Scalar time series: glacierised area (cells with ice). */
    public static final FieldSpec AREA = new FieldSpec("area", "km2", "glacierised area");
    /** Scalar time series: largest surface speed. */
    public static final FieldSpec MAX_SPEED = new FieldSpec("velsurf_max", "m year-1", "largest surface ice speed");

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
