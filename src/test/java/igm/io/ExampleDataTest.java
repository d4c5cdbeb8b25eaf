package igm.io;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleDataTest {

    private static final Path EXAMPLE = Path.of("examples", "aletsch", "aletsch.nc");

    @Test
    void exampleFileIsSmallAndValid() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(EXAMPLE), "example file absent");
        assertTrue(Files.size(EXAMPLE) < 700_000, "size " + Files.size(EXAMPLE));
        GriddedInput input = GriddedInputReader.read(EXAMPLE);
        assertEquals(new Grid2D(160, 225, 100, 416049.75, 5136656.5), input.grid());
        double volume = 0;
        for (int k = 0; k < input.grid().size(); k++) {
            assertEquals(input.surface()[k] - input.thickness()[k], input.bed()[k], 1e-3);
            volume += input.thickness()[k] * input.grid().cellArea();
        }
        // Consensus estimate for Great Aletsch: about 12 km³ (Farinotti et al. 2019 give ~12.3 km³ for RGI60-11.01450).
        assertEquals(12, volume / 1e9, 2.5);
        assertEquals("+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs", input.projectionAttributes().get("pyproj_srs"));
    }

    @Test
    void recipeReproducesTheExample(@TempDir Path folder) {
        Path source = TestData.require("aletsch/oggm_gridded_data.nc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(EXAMPLE), "example file absent");
        Path remade = folder.resolve("aletsch.nc");
        ExampleDataMaker.make(source, remade, 2, 100);
        GriddedInput expected = GriddedInputReader.read(EXAMPLE);
        GriddedInput actual = GriddedInputReader.read(remade);
        assertEquals(expected.grid(), actual.grid());
        assertArrayEquals(expected.thickness(), actual.thickness());
        assertArrayEquals(expected.bed(), actual.bed());
        assertArrayEquals(expected.iceMask(), actual.iceMask());
    }
}
