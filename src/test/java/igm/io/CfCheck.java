package igm.io;

import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.ProjectedCRS;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;
import ucar.units.Unit;
import ucar.units.UnitFormat;
import ucar.units.UnitFormatManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the CF attributes of a NetCDF file the program wrote, as read back by NetCDF-Java: the conventions, every
 * standard name against the set chosen from the CF standard name table (version 83) with its canonical units, every
 * units text parsed by UDUNITS ({@code ucar.units}) and convertible to the canonical units of its standard name, the
 * grid mapping on every gridded variable with a WKT that Apache SIS parses, and the CF time axis with {@code year}.
 */
public final class CfCheck {

    /** The standard names the outputs use and their canonical units in the CF table (version 83). */
    public static final Map<String, String> STANDARD_NAMES = Map.ofEntries(
            Map.entry("land_ice_thickness", "m"),
            Map.entry("bedrock_altitude", "m"),
            Map.entry("surface_altitude", "m"),
            Map.entry("land_ice_surface_specific_mass_balance_rate", "m s-1"),
            Map.entry("tendency_of_land_ice_thickness", "m s-1"),
            Map.entry("land_ice_vertical_mean_x_velocity", "m s-1"),
            Map.entry("land_ice_vertical_mean_y_velocity", "m s-1"),
            Map.entry("land_ice_surface_x_velocity", "m s-1"),
            Map.entry("land_ice_surface_y_velocity", "m s-1"),
            Map.entry("land_ice_basal_x_velocity", "m s-1"),
            Map.entry("land_ice_basal_y_velocity", "m s-1"),
            Map.entry("projection_x_coordinate", "m"),
            Map.entry("projection_y_coordinate", "m"),
            Map.entry("time", "s"));

    private CfCheck() {
    }

    /**
     * Checks {@code file}.
     *
     * @param gridded     whether the file has x and y (spatial output) rather than only time (time series)
     * @param withMapping whether a grid mapping {@code crs} is expected on every gridded variable
     * @return the names of the data variables checked
     */
    public static List<String> check(Path file, boolean gridded, boolean withMapping) throws Exception {
        UnitFormat format = UnitFormatManager.instance();
        List<String> checked = new ArrayList<>();
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            Attribute conventions = nc.findGlobalAttribute("Conventions");
            assertNotNull(conventions, file + ": no Conventions");
            assertEquals("CF-1.8", conventions.getStringValue());
            Variable time = find(nc, "time");
            assertNotNull(time, file + ": no time");
            assertEquals(NetcdfOutput.TIME_UNITS, text(time, "units"));
            assertEquals("365_day", text(time, "calendar"));
            Variable year = find(nc, "year");
            assertNotNull(year, file + ": no year");
            double[] days = (double[]) time.read().copyTo1DJavaArray();
            double[] years = (double[]) year.read().copyTo1DJavaArray();
            for (int t = 0; t < days.length; t++) {
                assertEquals((years[t] - 2000) * 365, days[t], 1e-9 * Math.max(1, Math.abs(days[t])));
            }
            if (withMapping) {
                Variable crs = find(nc, GridMapping.VARIABLE);
                assertNotNull(crs, file + ": no grid mapping variable");
                assertInstanceOf(ProjectedCRS.class, CRS.fromWKT(text(crs, "crs_wkt")));
                assertInstanceOf(ProjectedCRS.class, CRS.fromWKT(text(crs, "spatial_ref")));
                assertNotNull(text(crs, "grid_mapping_name"), file + ": crs has no grid_mapping_name");
            }
            for (Variable v : nc.getVariables()) {
                String name = v.getShortName();
                if (name.equals(GridMapping.VARIABLE)) {
                    continue;
                }
                String units = text(v, "units");
                assertNotNull(units, file + ": " + name + " has no units");
                Unit unit = format.parse(units);
                assertNotNull(text(v, "long_name"), file + ": " + name + " has no long_name");
                String standardName = text(v, "standard_name");
                if (standardName != null) {
                    String canonical = STANDARD_NAMES.get(standardName);
                    assertNotNull(canonical, file + ": " + name + " has standard name " + standardName
                            + " outside the chosen set");
                    Unit canonicalUnit = format.parse(canonical);
                    if (name.equals("time")) {
                        assertInstanceOf(ucar.units.TimeScaleUnit.class, unit, file + ": time units " + units);
                        assertTrue(((ucar.units.TimeScaleUnit) unit).getUnit().isCompatible(canonicalUnit),
                                file + ": time units " + units);
                    } else {
                        assertTrue(unit.isCompatible(canonicalUnit), file + ": " + name + " in " + units
                                + " does not convert to " + canonical);
                    }
                }
                List<String> dimensions = v.getDimensions().stream().map(Dimension::getShortName).toList();
                boolean isGridded = dimensions.contains("x") && dimensions.contains("y") && dimensions.size() > 1;
                if (isGridded) {
                    if (withMapping) {
                        assertEquals(GridMapping.VARIABLE, text(v, "grid_mapping"), file + ": " + name);
                    }
                    checked.add(name);
                } else if (!gridded && dimensions.equals(List.of("time")) && !name.equals("time")
                        && !name.equals("year")) {
                    checked.add(name);
                }
            }
        } catch (ucar.units.UnitException e) {
            fail(file + ": units do not parse: " + e.getMessage());
        }
        return checked;
    }

    /** The variable {@code name}, or null (NetcdfFile.findVariable needs the excluded httpservices). */
    static Variable find(NetcdfFile nc, String name) {
        return nc.getVariables().stream().filter(v -> v.getShortName().equals(name)).findFirst().orElse(null);
    }

    private static String text(Variable v, String name) {
        Attribute a = v.findAttribute(name);
        return a == null ? null : a.getStringValue();
    }
}
