package igm.io;

import igm.InputException;
import org.apache.sis.geometry.DirectPosition2D;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.junit.jupiter.api.Test;
import org.opengis.geometry.DirectPosition;
import org.opengis.referencing.crs.ProjectedCRS;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridMappingTest {

    private static final String OGGM = "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs";

    /** Easting and northing, m, of longitude 8.0° E, latitude 46.5° N (near the Aletsch glacier) in {@code crs}. */
    private static double[] project(ProjectedCRS crs) throws Exception {
        DirectPosition2D lonLat = new DirectPosition2D(CommonCRS.WGS84.normalizedGeographic(), 8.0, 46.5);
        DirectPosition p = CRS.findOperation(CommonCRS.WGS84.normalizedGeographic(), crs, null).getMathTransform()
                .transform(lonLat, null);
        return p.getCoordinate();
    }

    @Test
    void oggmProjStringIsUtm32NorthWithItsEpsgCode() throws Exception {
        GridMapping mapping = GridMapping.fromAttributes(Map.of("pyproj_srs", OGGM)).orElseThrow();
        assertEquals(OGGM, mapping.projString());
        assertEquals("EPSG:32632", mapping.epsgCode().orElseThrow());
        Map<String, Object> attributes = mapping.attributes();
        assertEquals("transverse_mercator", attributes.get("grid_mapping_name"));
        assertEquals(9.0, (Double) attributes.get("longitude_of_central_meridian"), 1e-12);
        assertEquals(0.9996, (Double) attributes.get("scale_factor_at_central_meridian"), 1e-12);
        assertEquals(500000.0, (Double) attributes.get("false_easting"), 1e-9);
        assertEquals(6378137.0, (Double) attributes.get("semi_major_axis"), 1e-9);
        assertEquals(298.257223563, (Double) attributes.get("inverse_flattening"), 1e-9);
        String wkt = (String) attributes.get("crs_wkt");
        assertTrue(wkt.startsWith("PROJCRS[\"WGS 84 / UTM zone 32N\"") && wkt.contains("ID[\"EPSG\", 32632"), wkt);
        assertEquals(wkt, attributes.get("spatial_ref"));
        // the WKT read back is the same CRS, and projects a point where EPSG:32632 puts it
        ProjectedCRS back = GridMapping.fromWkt(wkt).crs();
        double[] expected = project(CommonCRS.WGS84.universal(46.5, 8.0));
        assertArrayEquals(expected, project(back), 1e-6);
        assertArrayEquals(expected, project(mapping.crs()), 1e-6);
        assertEquals(423_268, expected[0], 1, "easting of 8° E, 46.5° N in zone 32");
    }

    @Test
    void explicitTransverseMercatorEqualsUtmAndSurvivesTheWayThroughCf() throws Exception {
        GridMapping tmerc = GridMapping.fromProjString(
                "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m");
        double[] utm = project(CommonCRS.WGS84.universal(46.5, 8.0));
        assertArrayEquals(utm, project(tmerc.crs()), 1e-3, "GRS80 and WGS84 differ by < 1 mm here");
        Map<String, String> carried = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tmerc.attributes().entrySet()) {
            if (!e.getKey().equals("crs_wkt") && !e.getKey().equals("spatial_ref")
                    && !e.getKey().equals("proj4text")) {
                carried.put("mapping_" + e.getKey(), String.valueOf(e.getValue()));
            }
        }
        GridMapping fromCf = GridMapping.fromAttributes(carried).orElseThrow();
        assertArrayEquals(utm, project(fromCf.crs()), 1e-3);
        assertTrue(fromCf.projString().startsWith("+proj=tmerc"), fromCf.projString());
        assertArrayEquals(utm, project(GridMapping.fromProjString(fromCf.projString()).crs()), 1e-3);
    }

    @Test
    void otherProjectionsAndSourcesAreUnderstood() throws Exception {
        GridMapping lcc = GridMapping.fromProjString(
                "+proj=lcc +lat_1=45 +lat_2=48 +lat_0=46 +lon_0=8 +x_0=600000 +y_0=200000 +datum=WGS84 +units=m");
        assertEquals("lambert_conformal_conic", lcc.attributes().get("grid_mapping_name"));
        assertArrayEquals(new double[] {45, 48}, (double[]) lcc.attributes().get("standard_parallel"), 1e-12);
        double[] atOrigin = project(GridMapping.fromProjString(
                "+proj=lcc +lat_1=45 +lat_2=48 +lat_0=46.5 +lon_0=8 +x_0=600000 +y_0=200000 +datum=WGS84").crs());
        assertArrayEquals(new double[] {600000, 200000}, atOrigin, 1e-6);

        GridMapping polar = GridMapping.fromAttributes(Map.of("mapping_grid_mapping_name", "polar_stereographic",
                "mapping_straight_vertical_longitude_from_pole", "-45", "mapping_standard_parallel", "70",
                "mapping_latitude_of_projection_origin", "90", "mapping_false_easting", "0",
                "mapping_false_northing", "0")).orElseThrow();
        assertEquals("polar_stereographic", polar.attributes().get("grid_mapping_name"));
        assertEquals(70.0, (Double) polar.attributes().get("standard_parallel"), 1e-12);
        assertEquals(90.0, (Double) polar.attributes().get("latitude_of_projection_origin"), 1e-12);
        assertTrue(polar.projString().contains("+proj=stere") && polar.projString().contains("+lat_ts=70"),
                polar.projString());
        assertEquals(70.0, (Double) GridMapping.fromWkt(polar.wkt()).attributes().get("standard_parallel"), 1e-12,
                "the standard parallel survives the WKT");

        assertEquals("EPSG:32632", GridMapping.fromAttributes(Map.of("epsg", "32632")).orElseThrow().epsgCode()
                .orElseThrow());
        assertEquals("EPSG:32632", GridMapping.fromProjString("+init=epsg:32632").epsgCode().orElseThrow());
        assertEquals("EPSG:32632", GridMapping.fromAttributes(Map.of("projection",
                "UTM zone 32N (EPSG:32632), as the source")).orElseThrow().epsgCode().orElseThrow());
        String wkt = GridMapping.fromProjString(OGGM).wkt();
        assertEquals("transverse_mercator", GridMapping.fromAttributes(Map.of("band1_crs_wkt", wkt)).orElseThrow()
                .attributes().get("grid_mapping_name"));
    }

    @Test
    void whatCannotBeInterpretedGivesNoMapping() {
        assertTrue(GridMapping.fromAttributes(Map.of()).isEmpty());
        assertTrue(GridMapping.fromAttributes(null).isEmpty());
        assertTrue(GridMapping.fromAttributes(Map.of("projection", "UTM zone 32N, as the source")).isEmpty());
        assertTrue(GridMapping.fromAttributes(Map.of("pyproj_srs", "+proj=longlat +datum=WGS84")).isEmpty());
        assertTrue(GridMapping.fromAttributes(Map.of("crs_wkt", CommonCRS.WGS84.geographic().toWKT())).isEmpty(),
                "a geographic CRS is no grid mapping of projected x, y");
        InputException e = assertThrows(InputException.class, () -> GridMapping.fromProjString(
                "+proj=somerc +lat_0=46.95 +lon_0=7.43 +k_0=1 +x_0=600000 +y_0=200000 +ellps=bessel"));
        assertTrue(e.getMessage().contains("'somerc' is not supported"), e.getMessage());
        e = assertThrows(InputException.class, () -> GridMapping.fromProjString("+proj=utm +zone=32 +units=km"));
        assertTrue(e.getMessage().contains("units other than metres"), e.getMessage());
        assertFalse(GridMapping.fromAttributes(Map.of("pyproj_srs", "garbage", "epsg", "32633")).isEmpty(),
                "a later source serves when an earlier one cannot be read");
    }
}
