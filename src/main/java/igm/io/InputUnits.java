package igm.io;

import igm.InputException;
import ucar.nc2.Attribute;
import ucar.nc2.Variable;
import ucar.units.Unit;
import ucar.units.UnitFormat;
import ucar.units.UnitFormatManager;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code units} attribute of an input variable, checked against the quantity the program expects and turned
 * into the factor that converts the stored values into the program's units. Conversions go through the UDUNITS
 * parser of NetCDF-Java ({@code ucar.units}), not through a table of spellings.
 *
 * <h2>The year</h2>
 * Glaciology (IGM, PISM) writes the year as {@code a} (annum): {@code m a-1} means metres per year. UDUNITS reads
 * {@code a} as the are (100 m²) or not at all, so every {@code a} that stands alone as a unit symbol is read as
 * UDUNITS' {@code year} before parsing: {@code m a-1}, {@code m yr-1}, {@code m/year} and {@code m year-1} are the
 * same unit (factor 1), and a year is UDUNITS' year, 3.15569259747·10⁷ s (365.242198781 days, the tropical year),
 * the same year as the program's constants; {@code m s-1} is multiplied by 3.15569259747·10⁷.
 *
 * <h2>Missing units</h2>
 * A variable without a {@code units} attribute (or with an empty one) is taken in the program's unit of its
 * quantity ({@link Quantity#programUnits()}, metres for lengths); the reader says so once per file.
 */
public final class InputUnits {

    /** What an input variable measures, with the program's units for it. */
    public enum Quantity {
        /** Coordinates, elevations and thickness: metres. */
        LENGTH("m", "a length", "m, or another length unit such as km or ft"),
        /** Ice velocities: metres per year. */
        VELOCITY("m a-1", "a velocity", "m a-1, or another velocity unit such as m year-1, m s-1 or km a-1"),
        /** Radiation fluxes such as the direct radiation of accmelt: watts per square metre. */
        IRRADIANCE("W m-2", "an irradiance", "W m-2, or another unit of it such as W/m^2 or mW cm-2"),
        /** Masks and fractions: no unit ("1", "-", empty or absent). */
        DIMENSIONLESS("1", "dimensionless", "1, - or no units attribute"),
        /**
         * The Weertman sliding coefficient {@code slidingco}, km MPa⁻³ a⁻¹ as the ice-flow models take it. The
         * spellings this program and IGM write for it ({@code MPa a^(1/3) m^(-1/3)}, {@code km MPa-3 a-1}, and the
         * same with {@code year}) are taken as they are; other spellings are converted when UDUNITS can.
         */
        SLIDING_COEFFICIENT("km MPa-3 a-1", "a sliding coefficient",
                "km MPa-3 a-1 (or MPa a^(1/3) m^(-1/3) as IGM writes it)"),
        /** Glen's rate factor {@code arrhenius}, MPa⁻³ a⁻¹. */
        RATE_FACTOR("MPa-3 a-1", "a rate factor", "MPa-3 a-1, or another unit of it such as MPa-3 year-1 or Pa-3 s-1");

        private final String programUnits;
        private final String description;
        private final String expected;

        Quantity(String programUnits, String description, String expected) {
            this.programUnits = programUnits;
            this.description = description;
            this.expected = expected;
        }

        /** The program's units of this quantity, in IGM's spelling. */
        public String programUnits() {
            return programUnits;
        }
    }

    /** A standalone {@code a}: the year of glaciology, not UDUNITS' are. */
    private static final Pattern ANNUM = Pattern.compile("(?<![A-Za-z_])a(?![A-Za-z_])");
    /** An exponent in braces, {@code ^{-2}}. */
    private static final Pattern BRACED_EXPONENT = Pattern.compile("\\^\\{\\s*([-+]?\\d+)\\s*}");
    private static final Set<String> DIMENSIONLESS_SPELLINGS = Set.of("", "1", "-", "none", "no unit", "no units",
            "dimensionless", "unitless", "fraction", "count");
    private static final Set<String> SLIDING_AS_STORED = Set.of("mpa a^(1/3) m^(-1/3)", "mpa year^(1/3) m^(-1/3)",
            "km mpa-3 a-1", "km mpa-3 year-1", "km mpa^-3 a^-1", "km mpa^-3 year^-1");
    private static final Set<String> RATE_AS_STORED = Set.of("mpa-3 a-1", "mpa-3 year-1", "mpa^-3 a^-1",
            "mpa^-3 year^-1");

    private InputUnits() {
    }

    /** The {@code units} attribute of a NetCDF variable as text, {@code null} when it has none (or not as text). */
    public static String of(Variable v) {
        Attribute a = v.findAttributeIgnoreCase("units");
        return a == null || !a.isString() ? null : a.getStringValue();
    }

    /** True when {@code units} is null, empty or blank: the variable has no units. */
    public static boolean missing(String units) {
        return units == null || units.isBlank();
    }

    /**
     * The factor that converts values in {@code units} into the program's units of {@code quantity}.
     *
     * @param units    the {@code units} attribute, null or blank when absent (factor 1: the program's units)
     * @param quantity what the variable measures
     * @param variable who the variable is, for messages, e.g. {@code "input file a.nc: variable 'thk'"}
     * @return the multiplier, finite and positive
     * @throws InputException naming {@code variable}, its units and what was expected when the units are geographic
     *                        degrees, cannot be parsed, or measure something else
     */
    public static double factor(String units, Quantity quantity, String variable) {
        String spelling = units == null ? "" : units.strip().replaceAll("\\s+", " ");
        String lower = spelling.toLowerCase(Locale.ROOT);
        if (quantity == Quantity.DIMENSIONLESS) {
            if (DIMENSIONLESS_SPELLINGS.contains(lower)) {
                return 1;
            }
            Unit unit = parse(spelling);
            if (unit != null && unit.isDimensionless()) {
                return scaleOfDimensionless(unit);
            }
            throw wrong(spelling, quantity, variable);
        }
        if (spelling.isEmpty()) {
            return 1;
        }
        if (quantity == Quantity.SLIDING_COEFFICIENT && SLIDING_AS_STORED.contains(lower)
                || quantity == Quantity.RATE_FACTOR && RATE_AS_STORED.contains(lower)) {
            return 1;
        }
        if (quantity == Quantity.LENGTH && isGeographic(spelling)) {
            throw new InputException(variable + " has units '" + spelling + "': geographic coordinates (degrees of "
                    + "longitude or latitude) are not supported; reproject the file to a projected CRS in metres "
                    + "(e.g. UTM, with gdalwarp -t_srs EPSG:326NN)");
        }
        Unit unit = parse(spelling);
        Unit target = parse(quantity.programUnits());
        if (unit == null || target == null || !unit.isCompatible(target)) {
            throw wrong(spelling, quantity, variable);
        }
        try {
            double factor = unit.convertTo(1.0, target);
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw wrong(spelling, quantity, variable);
            }
            return factor;
        } catch (ucar.units.ConversionException e) {
            throw wrong(spelling, quantity, variable);
        }
    }

    /**
     * True for units of degrees ({@code degrees}, {@code degrees_east}, {@code degrees_north}...), as geographic
     * coordinates carry.
     */
    public static boolean isGeographic(String units) {
        if (missing(units)) {
            return false;
        }
        String lower = units.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("degree") || lower.startsWith("arc") || lower.equals("deg")) {
            return true;
        }
        Unit unit = parse(units.strip());
        Unit radian = parse("rad");
        return unit != null && radian != null && !unit.isDimensionless() && unit.isCompatible(radian);
    }

    /**
     * The UDUNITS unit of a spelling, with glaciology's {@code a} read as a year and LaTeX-style exponents
     * ({@code W m^{-2}}, as IGM's data files write them) read as plain ones; null if it does not parse.
     */
    static Unit parse(String spelling) {
        String plain = BRACED_EXPONENT.matcher(spelling).replaceAll("^$1");
        String udunits = ANNUM.matcher(plain).replaceAll("year");
        UnitFormat format = UnitFormatManager.instance();
        try {
            return format.parse(udunits);
        } catch (Exception e) {
            return null;
        }
    }

    /** The scale of a dimensionless unit such as "percent" (0.01) relative to 1. */
    private static double scaleOfDimensionless(Unit unit) {
        try {
            return unit.convertTo(1.0, unit.getDerivedUnit());
        } catch (ucar.units.ConversionException e) {
            return 1;
        }
    }

    private static InputException wrong(String spelling, Quantity quantity, String variable) {
        return new InputException(variable + " has units '" + spelling + "', which is not " + quantity.description
                + "; expected " + quantity.expected);
    }
}
