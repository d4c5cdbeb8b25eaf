package igm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field on another, offset grid of the same projection read onto the model grid by bilinear interpolation: exact for
 * a linear field, NaN outside the file's grid, the finite neighbours only next to a NaN; a missing variable is one
 * clear error.
 */
class InterpolatedReadTest {

    @TempDir
    Path dir;

    @Test
    void bilinearOntoAnOffsetGrid() {
        Grid2D source = new Grid2D(12, 9, 100, 37.5, -12.25);
        double[] thk = new double[source.size()];
        for (int j = 0; j < source.ny(); j++) {
            for (int i = 0; i < source.nx(); i++) {
                thk[source.index(i, j)] = 100 + 0.3 * source.x(i) - 0.2 * source.y(j);
            }
        }
        double[] zero = new double[source.size()];
        Path file = dir.resolve("offset.nc");
        GriddedInputWriter.write(file, new GriddedInput(source, zero, thk, thk, null, null, null, Map.of(), file),
                Map.of());
        Grid2D model = Grid2D.of(10, 8, 100);
        double[] read = ClimateReader.readInterpolatedOnGrid(file, "thk", model, InputUnits.Quantity.LENGTH, "prior");
        int inside = 0;
        for (int j = 0; j < model.ny(); j++) {
            for (int i = 0; i < model.nx(); i++) {
                double x = model.x(i);
                double y = model.y(j);
                boolean covered = x >= 37.5 && y >= -12.25 && x <= 37.5 + 1100 && y <= -12.25 + 800;
                double value = read[model.index(i, j)];
                if (covered) {
                    assertEquals(100 + 0.3 * x - 0.2 * y, value, 1e-3, "linear field at " + x + ", " + y);
                    inside++;
                } else {
                    assertTrue(Double.isNaN(value), "outside the file's grid at " + x + ", " + y);
                }
            }
        }
        assertEquals(72, inside, "columns 1–9 of the model grid, all 8 rows");
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> ClimateReader.readInterpolatedOnGrid(file, "consensus_ice_thickness", model,
                        InputUnits.Quantity.LENGTH, "prior file"));
        assertTrue(e.getMessage().contains("has no variable 'consensus_ice_thickness'"), e.getMessage());
    }
}
