package igm.io;

import igm.InputException;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.metadata.iso.citation.Citations;
import org.apache.sis.measure.Units;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.crs.DefaultGeographicCRS;
import org.apache.sis.referencing.datum.DefaultEllipsoid;
import org.apache.sis.referencing.datum.DefaultGeodeticDatum;
import org.apache.sis.referencing.factory.GeodeticObjectFactory;
import org.apache.sis.referencing.operation.DefaultConversion;
import org.apache.sis.referencing.operation.transform.DefaultMathTransformFactory;
import org.opengis.parameter.ParameterValueGroup;
import org.opengis.referencing.IdentifiedObject;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.cs.CartesianCS;
import org.opengis.referencing.datum.Ellipsoid;
import org.opengis.referencing.operation.Conversion;
import org.opengis.referencing.operation.OperationMethod;
import org.opengis.util.FactoryException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projection of a grid as a CF {@code grid_mapping} variable: the projected coordinate reference system built
 * with Apache SIS from whatever projection metadata the input carried, and the attributes that describe it to CF
 * readers (xarray, cf-python), to GDAL and to PROJ.
 *
 * <p>Apache SIS was chosen over PROJ4J because the outputs need WKT (CF {@code crs_wkt}, GDAL {@code spatial_ref}),
 * which PROJ4J cannot write, and because SIS also parses the WKT and EPSG codes that GeoTIFF and CF inputs carry.
 * SIS does not read PROJ strings (OGGM's {@code pyproj_srs}), so {@link #fromProjString} parses the
 * {@code +key=value} text itself and maps the projections glaciers are usually gridded in (UTM, transverse Mercator,
 * Lambert conformal conic, polar stereographic, Albers and Lambert azimuthal equal area) onto SIS's operation
 * methods; the method and parameter names in {@link #METHODS} are EPSG's (SIS), PROJ's and CF's.
 *
 * <p>Sources understood by {@link #fromAttributes}, first match wins: WKT ({@code crs_wkt}, {@code spatial_ref}),
 * an EPSG code ({@code epsg}, {@code epsg_code}; only codes SIS knows without the EPSG database: WGS 84 and its
 * UTM and polar stereographic zones), a PROJ string ({@code pyproj_srs}, {@code proj4}, {@code proj4text},
 * {@code proj4_string}, {@code proj_params}, {@code srs}, {@code crs}), an EPSG code named in a free-text
 * {@code projection} ("UTM zone 32N (EPSG:32632)"), then CF {@code grid_mapping_name} with its parameters; each
 * may be global or carried from a grid-mapping variable as {@code <variable>_<attribute>}.
 *
 * @param crs        the projected coordinate reference system (x east, y north, metres)
 * @param projString the PROJ string: the input's text when it came as one, otherwise written from {@code crs};
 *                   empty when the projection has no PROJ equivalent in {@link #METHODS}
 */
public record GridMapping(ProjectedCRS crs, String projString) {

    /** The name of the grid-mapping variable in the outputs. */
    public static final String VARIABLE = "crs";

    /** SIS logs at WARNING that it has no EPSG database (SIS_DATA unset); the built-in definitions are enough. */
    private static final Logger SIS_LOGGER = Logger.getLogger("org.apache.sis");

    static {
        SIS_LOGGER.setLevel(Level.SEVERE);
    }

    private static final List<String> WKT_KEYS = List.of("crs_wkt", "spatial_ref");
    private static final List<String> EPSG_KEYS = List.of("epsg", "epsg_code");
    private static final List<String> PROJ_KEYS = List.of("pyproj_srs", "proj4", "proj4text", "proj4_string",
            "proj_params", "proj4_params", "srs", "crs");
    /** Free-text descriptions in which an EPSG code is looked for, e.g. "UTM zone 32N (EPSG:32632)". */
    private static final List<String> TEXT_KEYS = List.of("projection", "srs", "crs");
    private static final Pattern EPSG_IN_TEXT = Pattern.compile("EPSG:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    /**
     * A parameter of a projection under its three names.
     *
     * @param sis      EPSG name of the SIS parameter
     * @param proj     PROJ key (without '+')
     * @param cf       CF attribute name
     * @param cfIndex  index in the CF attribute's values ({@code standard_parallel} holds one or two)
     * @param angle    true for degrees, false for metres or a scale factor
     * @param fallback value when the PROJ string or CF attributes omit it (PROJ's defaults)
     */
    private record Parameter(String sis, String proj, String cf, int cfIndex, boolean angle, double fallback) {
    }

    /** A projection method under its three names and its parameters. */
    private record Method(String sis, String proj, String cf, List<Parameter> parameters) {
    }

    private static final Parameter FALSE_EASTING = new Parameter("False easting", "x_0", "false_easting", 0, false, 0);
    private static final Parameter FALSE_NORTHING = new Parameter("False northing", "y_0", "false_northing", 0, false,
            0);

    /** The parameters of the conic projections with two standard parallels (Lambert conformal, Albers). */
    private static final List<Parameter> CONIC_TWO_PARALLELS = List.of(
            new Parameter("Latitude of false origin", "lat_0", "latitude_of_projection_origin", 0, true, 0),
            new Parameter("Longitude of false origin", "lon_0", "longitude_of_central_meridian", 0, true, 0),
            new Parameter("Latitude of 1st standard parallel", "lat_1", "standard_parallel", 0, true, Double.NaN),
            new Parameter("Latitude of 2nd standard parallel", "lat_2", "standard_parallel", 1, true, Double.NaN),
            new Parameter("Easting at false origin", "x_0", "false_easting", 0, false, 0),
            new Parameter("Northing at false origin", "y_0", "false_northing", 0, false, 0));

    /** The projections mapped between PROJ, SIS and CF. */
    private static final List<Method> METHODS = List.of(
            new Method("Transverse Mercator", "tmerc", "transverse_mercator", List.of(
                    new Parameter("Latitude of natural origin", "lat_0", "latitude_of_projection_origin", 0, true, 0),
                    new Parameter("Longitude of natural origin", "lon_0", "longitude_of_central_meridian", 0, true,
                            0),
                    new Parameter("Scale factor at natural origin", "k", "scale_factor_at_central_meridian", 0, false,
                            1),
                    FALSE_EASTING, FALSE_NORTHING)),
            new Method("Lambert Conic Conformal (2SP)", "lcc", "lambert_conformal_conic", CONIC_TWO_PARALLELS),
            new Method("Polar Stereographic (variant B)", "stere", "polar_stereographic", List.of(
                    new Parameter("Latitude of standard parallel", "lat_ts", "standard_parallel", 0, true,
                            Double.NaN),
                    new Parameter("Longitude of origin", "lon_0", "straight_vertical_longitude_from_pole", 0, true,
                            0),
                    FALSE_EASTING, FALSE_NORTHING)),
            new Method("Polar Stereographic (variant A)", "stere", "polar_stereographic", List.of(
                    new Parameter("Latitude of natural origin", "lat_0", "latitude_of_projection_origin", 0, true,
                            Double.NaN),
                    new Parameter("Longitude of natural origin", "lon_0", "straight_vertical_longitude_from_pole", 0,
                            true, 0),
                    new Parameter("Scale factor at natural origin", "k", "scale_factor_at_projection_origin", 0,
                            false, 1),
                    FALSE_EASTING, FALSE_NORTHING)),
            new Method("Albers Equal Area", "aea", "albers_conical_equal_area", CONIC_TWO_PARALLELS),
            new Method("Lambert Azimuthal Equal Area", "laea", "lambert_azimuthal_equal_area", List.of(
                    new Parameter("Latitude of natural origin", "lat_0", "latitude_of_projection_origin", 0, true, 0),
                    new Parameter("Longitude of natural origin", "lon_0", "longitude_of_projection_origin", 0, true,
                            0),
                    FALSE_EASTING, FALSE_NORTHING)));

    /**
     * Ellipsoids PROJ names in {@code +ellps}: semi-major axis, m, and inverse flattening.
     */
    private static final Map<String, double[]> ELLIPSOIDS = Map.of(
            "WGS84", new double[] {6378137.0, 298.257223563},
            "GRS80", new double[] {6378137.0, 298.257222101},
            "intl", new double[] {6378388.0, 297.0},
            "bessel", new double[] {6377397.155, 299.1528128},
            "clrk66", new double[] {6378206.4, 294.9786982},
            "airy", new double[] {6377563.396, 299.3249646});

    public GridMapping {
        if (crs == null) {
            throw new IllegalArgumentException("a grid mapping needs a projected CRS");
        }
        projString = projString == null ? "" : projString;
    }

    /**
     * The grid mapping described by the first interpretable source among {@code attributes} (see the class
     * comment), or empty when there is none or none can be interpreted as a projected CRS.
     *
     * @param attributes projection attributes as {@link GriddedInput#projectionAttributes()} carries them (may also
     *                   hold unrelated global attributes, which are ignored); may be null
     */
    public static Optional<GridMapping> fromAttributes(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Optional.empty();
        }
        for (String value : values(attributes, WKT_KEYS)) {
            try {
                return Optional.of(fromWkt(value));
            } catch (InputException e) {
                // the next source may serve
            }
        }
        for (String value : values(attributes, EPSG_KEYS)) {
            try {
                return Optional.of(fromEpsg(value));
            } catch (InputException e) {
                // the next source may serve
            }
        }
        for (String value : values(attributes, PROJ_KEYS)) {
            try {
                return Optional.of(fromProjString(value));
            } catch (InputException e) {
                // the next source may serve
            }
        }
        for (String value : values(attributes, TEXT_KEYS)) {
            Matcher code = EPSG_IN_TEXT.matcher(value);
            if (code.find()) {
                try {
                    return Optional.of(fromEpsg(code.group(1)));
                } catch (InputException e) {
                    // the next source may serve
                }
            }
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.endsWith("grid_mapping_name")) {
                String prefix = e.getKey().substring(0, e.getKey().length() - "grid_mapping_name".length());
                try {
                    return Optional.of(fromCf(e.getValue(), prefix, attributes));
                } catch (InputException ignored) {
                    // no other source left
                }
            }
        }
        return Optional.empty();
    }

    /** The values of the attributes named {@code names}, globally or as {@code <variable>_<name>}, in that order. */
    private static List<String> values(Map<String, String> attributes, List<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if ((key.equals(name) || key.endsWith("_" + name)) && e.getValue() != null
                        && !e.getValue().isBlank()) {
                    found.add(e.getValue().strip());
                }
            }
        }
        return found;
    }

    /**
     * The grid mapping of a WKT 1 or WKT 2 text.
     *
     * @throws InputException if the text does not parse or is not a projected CRS
     */
    public static GridMapping fromWkt(String wkt) {
        CoordinateReferenceSystem parsed;
        try {
            parsed = CRS.fromWKT(wkt);
        } catch (FactoryException | RuntimeException e) {
            throw new InputException("cannot parse the WKT '" + abbreviate(wkt) + "': " + e.getMessage(), e);
        }
        return projected(parsed, "the WKT '" + abbreviate(wkt) + "'");
    }

    /**
     * The grid mapping of an EPSG code ({@code 32632}, {@code EPSG:32632}).
     *
     * @throws InputException if SIS does not know the code without the EPSG database, or it is not projected
     */
    public static GridMapping fromEpsg(String code) {
        String text = code.strip();
        String number = text.toUpperCase(Locale.ROOT).startsWith("EPSG:") ? text.substring(5).strip() : text;
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        try {
            return projected(CRS.forCode("EPSG:" + Integer.parseInt(number)), "EPSG:" + number);
        } catch (FactoryException | NumberFormatException e) {
            throw new InputException("unknown EPSG code '" + code + "': " + e.getMessage(), e);
        }
    }

    private static GridMapping projected(CoordinateReferenceSystem crs, String source) {
        if (!(crs instanceof ProjectedCRS projected)) {
            throw new InputException(source + " is not a projected coordinate reference system");
        }
        return new GridMapping(projected, projStringOf(projected));
    }

    /**
     * The grid mapping of a PROJ string such as {@code +proj=utm +zone=32 +datum=WGS84 +units=m +no_defs}
     * (also {@code +init=epsg:32632} and {@code EPSG:32632}).
     *
     * @throws InputException if the projection, ellipsoid or units are not among those understood
     */
    public static GridMapping fromProjString(String text) {
        String trimmed = text.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("EPSG:")) {
            return fromEpsg(trimmed);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String token : trimmed.split("\\s+")) {
            if (!token.startsWith("+")) {
                throw new InputException("'" + text + "' is not a PROJ string (+key=value ...)");
            }
            int equals = token.indexOf('=');
            keys.put(equals < 0 ? token.substring(1) : token.substring(1, equals),
                    equals < 0 ? "" : token.substring(equals + 1));
        }
        if (keys.containsKey("k_0") && !keys.containsKey("k")) {
            keys.put("k", keys.get("k_0"));
        }
        String init = keys.get("init");
        if (init != null && init.toLowerCase(Locale.ROOT).startsWith("epsg:")) {
            return new GridMapping(fromEpsg(init).crs(), trimmed);
        }
        String units = keys.getOrDefault("units", "m");
        if (!units.equals("m") || keys.containsKey("to_meter")) {
            throw new InputException("PROJ string '" + text + "': units other than metres are not supported");
        }
        String projection = keys.get("proj");
        if (projection == null) {
            throw new InputException("PROJ string '" + text + "' has no +proj");
        }
        GeographicCRS base = geographic(keys, text);
        if (projection.equals("utm")) {
            int zone = (int) number(keys, "zone", Double.NaN, text);
            if (zone < 1 || zone > 60) {
                throw new InputException("PROJ string '" + text + "': UTM zone " + zone + " is not in 1..60");
            }
            boolean south = keys.containsKey("south");
            double centralMeridian = -183.0 + 6.0 * zone;
            if (base == CommonCRS.WGS84.geographic()) {
                return new GridMapping(CommonCRS.WGS84.universal(south ? -1 : 1, centralMeridian), trimmed);
            }
            Map<String, Double> values = Map.of("Latitude of natural origin", 0.0, "Longitude of natural origin",
                    centralMeridian, "Scale factor at natural origin", 0.9996, "False easting", 500000.0,
                    "False northing", south ? 10000000.0 : 0.0);
            return new GridMapping(build(base, METHODS.get(0), values, "UTM zone " + zone + (south ? "S" : "N")),
                    trimmed);
        }
        Method method = null;
        for (Method m : METHODS) {
            if (m.proj().equals(projection)) {
                method = m;
                break;
            }
        }
        if (method == null) {
            throw new InputException("PROJ string '" + text + "': projection '" + projection + "' is not supported;"
                    + " supported are utm, tmerc, lcc, stere (polar), aea and laea");
        }
        if (projection.equals("stere")) {
            double latitudeOfOrigin = number(keys, "lat_0", Double.NaN, text);
            if (Math.abs(latitudeOfOrigin) != 90) {
                throw new InputException("PROJ string '" + text + "': only the polar stereographic projection "
                        + "(+lat_0=90 or -90) is supported");
            }
            if (!keys.containsKey("lat_ts")) {
                method = METHODS.get(3);
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Parameter p : method.parameters()) {
            double fallback = p.fallback();
            if (p.proj().equals("lat_2")) {
                fallback = number(keys, "lat_1", Double.NaN, text);
            }
            values.put(p.sis(), number(keys, p.proj(), fallback, text));
        }
        if (method.proj().equals("lcc") && number(keys, "k", 1, text) != 1) {
            throw new InputException("PROJ string '" + text + "': a Lambert conformal conic with a scale factor "
                    + "other than 1 is not supported");
        }
        return new GridMapping(build(base, method, values, method.sis()), trimmed);
    }

    /**
     * The grid mapping of CF attributes: {@code grid_mapping_name} and the parameters, each found as
     * {@code prefix + name} in {@code attributes} (numbers as text, several separated by spaces).
     *
     * @throws InputException if the mapping is not one of {@link #METHODS} or a required parameter is missing
     */
    static GridMapping fromCf(String gridMappingName, String prefix, Map<String, String> attributes) {
        List<Method> candidates = METHODS.stream().filter(m -> m.cf().equals(gridMappingName.strip())).toList();
        if (candidates.isEmpty()) {
            throw new InputException("CF grid_mapping_name '" + gridMappingName + "' is not supported");
        }
        Method method = candidates.get(0);
        if (method.cf().equals("polar_stereographic") && !attributes.containsKey(prefix + "standard_parallel")) {
            method = METHODS.get(3);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Parameter p : method.parameters()) {
            String text = attributes.get(prefix + p.cf());
            double value = p.fallback();
            if (text != null) {
                String[] parts = text.strip().split("[\\s,]+");
                int index = Math.min(p.cfIndex(), parts.length - 1);
                try {
                    value = Double.parseDouble(parts[index]);
                } catch (NumberFormatException e) {
                    throw new InputException("CF attribute " + prefix + p.cf() + " = '" + text + "' is not a number",
                            e);
                }
            }
            if (Double.isNaN(value)) {
                throw new InputException("CF " + gridMappingName + " needs " + p.cf());
            }
            values.put(p.sis(), value);
        }
        Map<String, String> ellipsoid = new LinkedHashMap<>();
        String semiMajor = attributes.get(prefix + "semi_major_axis");
        String inverseFlattening = attributes.get(prefix + "inverse_flattening");
        String semiMinor = attributes.get(prefix + "semi_minor_axis");
        if (semiMajor != null) {
            ellipsoid.put("a", semiMajor.strip());
            if (inverseFlattening != null) {
                ellipsoid.put("rf", inverseFlattening.strip());
            } else if (semiMinor != null) {
                ellipsoid.put("b", semiMinor.strip());
            }
        } else {
            ellipsoid.put("datum", "WGS84");
        }
        ProjectedCRS crs = build(geographic(ellipsoid, "CF " + gridMappingName), method, values, method.sis());
        return new GridMapping(crs, projStringOf(crs));
    }

    private static double number(Map<String, String> keys, String key, double fallback, String text) {
        String value = keys.get(key);
        if (value == null) {
            if (Double.isNaN(fallback) && !key.equals("lat_2")) {
                throw new InputException("PROJ string '" + text + "' has no +" + key);
            }
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InputException("PROJ string '" + text + "': +" + key + "=" + value + " is not a number", e);
        }
    }

    /** The geographic base CRS of {@code +datum}, {@code +ellps} or {@code +a}/{@code +b}/{@code +rf}/{@code +R}. */
    private static GeographicCRS geographic(Map<String, String> keys, String text) {
        String datum = keys.get("datum");
        if (datum != null) {
            return switch (datum) {
                case "WGS84" -> CommonCRS.WGS84.geographic();
                case "NAD83" -> CommonCRS.NAD83.geographic();
                case "NAD27" -> CommonCRS.NAD27.geographic();
                default -> throw new InputException("PROJ string '" + text + "': datum '" + datum
                        + "' is not supported (WGS84, NAD83, NAD27, or give +ellps)");
            };
        }
        double semiMajor;
        double inverseFlattening;
        String name;
        if (keys.containsKey("ellps")) {
            name = keys.get("ellps");
            if (name.equals("WGS84")) {
                return CommonCRS.WGS84.geographic();
            }
            double[] ellipsoid = ELLIPSOIDS.get(name);
            if (ellipsoid == null) {
                throw new InputException("PROJ string '" + text + "': ellipsoid '" + name + "' is not supported; "
                        + "supported are " + ELLIPSOIDS.keySet());
            }
            semiMajor = ellipsoid[0];
            inverseFlattening = ellipsoid[1];
        } else if (keys.containsKey("a") || keys.containsKey("R")) {
            name = "unnamed";
            semiMajor = number(keys, keys.containsKey("a") ? "a" : "R", Double.NaN, text);
            if (keys.containsKey("rf")) {
                inverseFlattening = number(keys, "rf", Double.NaN, text);
            } else if (keys.containsKey("b")) {
                double semiMinor = number(keys, "b", Double.NaN, text);
                inverseFlattening = semiMinor == semiMajor ? 0 : semiMajor / (semiMajor - semiMinor);
            } else {
                inverseFlattening = 0;
            }
        } else {
            return CommonCRS.WGS84.geographic();
        }
        Ellipsoid ellipsoid = inverseFlattening == 0
                ? DefaultEllipsoid.createEllipsoid(Map.of(IdentifiedObject.NAME_KEY, name), semiMajor, semiMajor,
                        Units.METRE)
                : DefaultEllipsoid.createFlattenedSphere(Map.of(IdentifiedObject.NAME_KEY, name), semiMajor,
                        inverseFlattening, Units.METRE);
        DefaultGeodeticDatum geodeticDatum = new DefaultGeodeticDatum(Map.of(IdentifiedObject.NAME_KEY,
                "Unknown datum based on " + name + " ellipsoid"), ellipsoid, CommonCRS.WGS84.primeMeridian());
        return new DefaultGeographicCRS(Map.of(IdentifiedObject.NAME_KEY, "Unknown based on " + name + " ellipsoid"),
                geodeticDatum, CommonCRS.WGS84.geographic().getCoordinateSystem());
    }

    /** A projected CRS (easting, northing in metres) on {@code base} by {@code method} with SIS parameter values. */
    private static ProjectedCRS build(GeographicCRS base, Method method, Map<String, Double> values, String name) {
        try {
            DefaultMathTransformFactory factory = DefaultMathTransformFactory.provider();
            OperationMethod operationMethod = factory.getOperationMethod(method.sis());
            ParameterValueGroup parameters = operationMethod.getParameters().createValue();
            for (Parameter p : method.parameters()) {
                Double value = values.get(p.sis());
                if (value == null || Double.isNaN(value)) {
                    throw new InputException(method.proj() + " projection: parameter " + p.proj() + " is missing");
                }
                parameters.parameter(p.sis()).setValue(value, p.angle() ? Units.DEGREE : p.sis().contains("Scale")
                        ? Units.UNITY : Units.METRE);
            }
            Conversion conversion = new DefaultConversion(Map.of(IdentifiedObject.NAME_KEY, name), operationMethod,
                    null, parameters);
            CartesianCS cs = CommonCRS.WGS84.universal(1, 9).getCoordinateSystem();
            return GeodeticObjectFactory.provider().createProjectedCRS(Map.of(IdentifiedObject.NAME_KEY,
                    base.getName().getCode() + " / " + name), base, conversion, cs);
        } catch (FactoryException | RuntimeException e) {
            if (e instanceof InputException input) {
                throw input;
            }
            throw new InputException("cannot build the " + method.proj() + " projection: " + e.getMessage(), e);
        }
    }

    /** The method of {@link #METHODS} that {@code crs} uses, or null. */
    private static Method methodOf(ProjectedCRS crs) {
        OperationMethod method = crs.getConversionFromBase().getMethod();
        for (Method m : METHODS) {
            if (IdentifiedObjects.isHeuristicMatchForName(method, m.sis())) {
                return m;
            }
        }
        return null;
    }

    private static double value(ProjectedCRS crs, Parameter p) {
        var parameter = crs.getConversionFromBase().getParameterValues().parameter(p.sis());
        return p.angle() ? parameter.doubleValue(Units.DEGREE)
                : p.sis().contains("Scale") ? parameter.doubleValue() : parameter.doubleValue(Units.METRE);
    }

    /** The PROJ string of {@code crs}, or empty when its method has no PROJ equivalent here. */
    private static String projStringOf(ProjectedCRS crs) {
        Method method = methodOf(crs);
        if (method == null) {
            return "";
        }
        StringBuilder s = new StringBuilder("+proj=").append(method.proj());
        for (Parameter p : method.parameters()) {
            s.append(" +").append(p.proj()).append('=').append(plain(value(crs, p)));
        }
        if (method == METHODS.get(2)) {
            double standardParallel = value(crs, method.parameters().get(0));
            s.append(" +lat_0=").append(standardParallel < 0 ? -90 : 90);
        }
        Ellipsoid ellipsoid = crs.getBaseCRS().getDatum().getEllipsoid();
        s.append(" +a=").append(plain(ellipsoid.getSemiMajorAxis()));
        if (ellipsoid.isSphere()) {
            s.append(" +b=").append(plain(ellipsoid.getSemiMinorAxis()));
        } else {
            s.append(" +rf=").append(plain(ellipsoid.getInverseFlattening()));
        }
        return s.append(" +units=m +no_defs").toString();
    }

    /**
     * The CRS as WKT 2 (ISO 19162:2015), on one line. Not WKT 1: GDAL 3.6 reads SIS's WKT 1 of a polar
     * stereographic (variant B) projection with its standard parallel at 0°, and every projection here right in
     * WKT 2.
     */
    public String wkt() {
        WKTFormat format = new WKTFormat(Locale.ROOT, null);
        format.setConvention(Convention.WKT2);
        format.setIndentation(WKTFormat.SINGLE_LINE);
        return format.format(crs);
    }

    /** The EPSG code of the CRS ({@code "EPSG:32632"}) when it carries one, otherwise empty. */
    public Optional<String> epsgCode() {
        var identifier = IdentifiedObjects.getIdentifier(crs, Citations.EPSG);
        return identifier == null ? Optional.empty() : Optional.of("EPSG:" + identifier.getCode());
    }

    /**
     * The attributes of the CF grid-mapping variable, in writing order: {@code grid_mapping_name} and its
     * parameters with the ellipsoid (when the method is one of {@link #METHODS}), {@code crs_wkt},
     * {@code spatial_ref} (the same {@link #wkt() WKT}, where GDAL looks first), {@code proj4text} and
     * {@code epsg_code} (when known). Values are {@link String}, {@link Double} or {@code double[]}.
     */
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Method method = methodOf(crs);
        if (method != null) {
            attributes.put("grid_mapping_name", method.cf());
            for (Parameter p : method.parameters()) {
                double value = value(crs, p);
                if (p.cfIndex() == 1) {
                    double first = (Double) attributes.get(p.cf());
                    attributes.put(p.cf(), new double[] {first, value});
                } else {
                    attributes.put(p.cf(), value);
                }
            }
            if (method == METHODS.get(2)) {
                attributes.put("latitude_of_projection_origin",
                        value(crs, method.parameters().get(0)) < 0 ? -90.0 : 90.0);
            }
            Ellipsoid ellipsoid = crs.getBaseCRS().getDatum().getEllipsoid();
            attributes.put("semi_major_axis", ellipsoid.getSemiMajorAxis());
            if (ellipsoid.isSphere()) {
                attributes.put("semi_minor_axis", ellipsoid.getSemiMinorAxis());
            } else {
                attributes.put("inverse_flattening", ellipsoid.getInverseFlattening());
            }
            attributes.put("longitude_of_prime_meridian", 0.0);
        }
        String wkt = wkt();
        attributes.put("crs_wkt", wkt);
        attributes.put("spatial_ref", wkt);
        if (!projString.isEmpty()) {
            attributes.put("proj4text", projString);
        }
        epsgCode().ifPresent(code -> attributes.put("epsg_code", code));
        return attributes;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
