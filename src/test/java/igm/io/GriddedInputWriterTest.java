package igm.io;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GriddedInputWriterTest {

    @Test
    void writtenInputCarriesItsGridMappingAndReadsBack(@TempDir Path folder) throws Exception {
        Grid2D grid = new Grid2D(3, 2, 100, 415000, 5135000);
        double[] bed = {1000, 1010, 1020, 1030, 1040, 1050};
        double[] thickness = {0, 10, 20, 30, 40, 0};
        double[] surface = new double[6];
        for (int k = 0; k < 6; k++) {
            surface[k] = bed[k] + thickness[k];
        }
        GriddedInput input = new GriddedInput(grid, bed, surface, thickness, new double[] {0, 1, 1, 1, 1, 0},
                new double[6], new double[] {78, 78, 78, 78, 78, 78},
                Map.of("pyproj_srs", "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs"), folder.resolve("in.nc"));
        Path target = folder.resolve("written.nc");
        GriddedInputWriter.write(target, input, Map.of("title", "test"));
        try (NetcdfFile nc = NetcdfFile.open(target.toString())) {
            for (String name : new String[] {"topg", "usurf", "thk", "icemask", "slidingco", "arrhenius"}) {
                assertEquals("crs", CfCheck.find(nc, name).findAttribute("grid_mapping").getStringValue(), name);
            }
            assertEquals("land_ice_thickness", CfCheck.find(nc, "thk").findAttribute("standard_name")
                    .getStringValue());
        }
        GriddedInput back = GriddedInputReader.read(target);
        assertEquals("+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs",
                back.projectionAttributes().get("pyproj_srs"));
        assertTrue(back.projectionAttributes().containsKey("crs_crs_wkt"), back.projectionAttributes().keySet()
                .toString());
        assertEquals("EPSG:32632", GridMapping.fromAttributes(back.projectionAttributes()).orElseThrow().epsgCode()
                .orElseThrow());
        assertEquals(78, back.rateFactor()[3]);
    }
}
