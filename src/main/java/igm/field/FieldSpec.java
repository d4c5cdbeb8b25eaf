package igm.field;

import igm.InputException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One IGM variable: its name (in input and output files, instructor snapshots and an emulator's
 * {@code fieldin.dat}/{@code fieldout.dat}), units (UDUNITS text), CF long name and CF standard name. The constants
 * form the field catalogue: each gridded variable of the model (geometry, parameters, velocities, slopes, mass
 * balance) is one of them, written with these texts into every file; other variables (a run's scalar series, an
 * example's extra data) are records made where they are written.
 *
 * <p>Standard names are from the CF standard name table (version 83) and the units of each predefined field convert
 * to the canonical units of its standard name (e.g. {@code m year-1} to {@code m s-1}). Velocities, rates and rate
 * factors are per {@code year} (UDUNITS' year; {@code a} would be the are, an area). Quantities without a standard
 * name (speeds, surface slopes, the ice mask, sliding and rate factor fields, flux divergence) have none.
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
    /** ∂s/∂x of the ice surface, as {@code igm.operator.SurfaceSlope} computes it (an emulator's input). */
    public static final FieldSpec SLOPSURFX = new FieldSpec("slopsurfx", "1",
            "surface slope ds/dx (centred differences, one-sided at the edges)");
    /** ∂s/∂y of the ice surface, as {@code igm.operator.SurfaceSlope} computes it (an emulator's input). */
    public static final FieldSpec SLOPSURFY = new FieldSpec("slopsurfy", "1",
            "surface slope ds/dy (centred differences, one-sided at the edges)");

    /** Scalar time series: total ice volume. */
    public static final FieldSpec VOLUME = new FieldSpec("vol", "km3", "ice volume");
    /** Scalar time series: glacierised area (cells with ice). */
    public static final FieldSpec AREA = new FieldSpec("area", "km2", "glacierised area");
    /** Scalar time series: largest surface speed. */
    public static final FieldSpec MAX_SPEED = new FieldSpec("velsurf_max", "m year-1", "largest surface ice speed");

    /** The predefined 2D fields by name, in a sensible output order. */
    public static final Map<String, FieldSpec> STANDARD_FIELDS = byName(List.of(TOPG, USURF, THK, ICEMASK, SMB,
            DHDT, DIVFLUX, UBAR, VBAR, VELBAR_MAG, UVELSURF, VVELSURF, VELSURF_MAG, UVELBASE, VVELBASE, SLIDINGCO,
            ARRHENIUS, SLOPSURFX, SLOPSURFY));

    /**
     * The vector fields, each as (x component, y component): they move together under a symmetry of the grid and an
     * emulator gives both one scale.
     */
    public static final List<List<FieldSpec>> VECTOR_PAIRS = List.of(List.of(SLOPSURFX, SLOPSURFY),
            List.of(UBAR, VBAR), List.of(UVELSURF, VVELSURF), List.of(UVELBASE, VVELBASE));

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

    /** The names of {@code fields}, in order. */
    public static List<String> names(FieldSpec... fields) {
        return Arrays.stream(fields).map(FieldSpec::name).toList();
    }

    /** Whether this field is called {@code name}. */
    public boolean is(String name) {
        return this.name.equals(name);
    }

    /** The name of the other component of a vector field ({@code ubar} ↔ {@code vbar}); {@code null} for others. */
    public static String partner(String name) {
        for (List<FieldSpec> pair : VECTOR_PAIRS) {
            if (pair.get(0).is(name)) {
                return pair.get(1).name();
            }
            if (pair.get(1).is(name)) {
                return pair.get(0).name();
            }
        }
        return null;
    }

    /** Whether {@code name} is the x component of a vector field. */
    public static boolean isXComponent(String name) {
        for (List<FieldSpec> pair : VECTOR_PAIRS) {
            if (pair.get(0).is(name)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, FieldSpec> byName(List<FieldSpec> specs) {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        for (FieldSpec s : specs) {
            map.put(s.name(), s);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
