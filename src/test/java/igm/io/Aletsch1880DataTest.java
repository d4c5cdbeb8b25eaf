package igm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped files of {@code examples/aletsch-1880}: small, consistent, and remade by their recipe. */
class Aletsch1880DataTest {

    private static final Path FOLDER = Path.of("examples", "aletsch-1880");

    @Test
    void exampleFilesAreSmallAndConsistent() throws Exception {
        Path nc = FOLDER.resolve("aletsch1880.nc");
        Assumptions.assumeTrue(Files.isRegularFile(nc), "example file absent");
        assertTrue(Files.size(nc) < 700_000, "size " + Files.size(nc));
        assertTrue(Files.size(FOLDER.resolve("temp_prec.dat")) < 1_200_000);
        GriddedInput input = GriddedInputReader.read(nc);
        assertEquals(new Grid2D(66, 112, 200, 417500, 5135400), input.grid());
        double[] usurf2017 = ClimateReader.readFieldOnGrid(nc, "usurf_2017", input.grid())[0];
        double[] thk2017 = ClimateReader.readFieldOnGrid(nc, "thk_2017", input.grid())[0];
        double v1880 = 0;
        double v2017 = 0;
        for (int k = 0; k < input.grid().size(); k++) {
            assertEquals(input.surface()[k] - input.thickness()[k], input.bed()[k], 1e-3);
            assertEquals(usurf2017[k] - thk2017[k], input.bed()[k], 1e-3, "the same bed under both glaciers");
            v1880 += input.thickness()[k] * input.grid().cellArea();
            v2017 += thk2017[k] * input.grid().cellArea();
        }
        assertEquals(23.37, v1880 / 1e9, 0.01);
        assertEquals(16.30, v2017 / 1e9, 0.01);
    }

    @Test
    void recipeReproducesTheExample(@TempDir Path folder) throws Exception {
        Path shared = TestData.require("aletsch/igm_1880_geology.nc").getParent();
        Assumptions.assumeTrue(Files.isRegularFile(FOLDER.resolve("aletsch1880.nc")), "example file absent");
        Aletsch1880DataMaker.make(shared, folder, 2, 1880, 2017);
        for (String field : List.of("topg", "usurf", "thk", "icemask", "usurf_2017", "thk_2017",
                "snow_redistribution", "direct_radiation")) {
            Grid2D grid = GriddedInputReader.read(FOLDER.resolve("aletsch1880.nc")).grid();
            double[][] expected = ClimateReader.readFieldOnGrid(FOLDER.resolve("aletsch1880.nc"), field, grid);
            double[][] actual = ClimateReader.readFieldOnGrid(folder.resolve("aletsch1880.nc"), field, grid);
            assertEquals(expected.length, actual.length, field);
            for (int t = 0; t < expected.length; t++) {
                assertArrayEquals(expected[t], actual[t], field);
            }
        }
        assertEquals(Files.readAllLines(FOLDER.resolve("temp_prec.dat")),
                Files.readAllLines(folder.resolve("temp_prec.dat")));
        assertEquals(Files.readAllLines(FOLDER.resolve("mbparameter.dat")),
                Files.readAllLines(folder.resolve("mbparameter.dat")));
    }
}
