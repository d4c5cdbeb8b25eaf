package igm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.TinyNetcdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The observed glacier of {@code output.observed_file}: its units are honoured and its name is in the messages. */
class ObservedComparisonTest {

    /** The model grid: 3 × 2 cells of 100 m, cell (0, 0) centred at (1000, 2000). */
    private static final Grid2D GRID = new Grid2D(3, 2, 100, 1000, 2000);

    @TempDir
    Path dir;

    /**
     * An observed file on {@link #GRID}, rows north first; coordinates and fields in metres divided by
     * {@code scale} (stored as float32, as TinyNetcdf writes).
     */
    private Path observed(String name, double scale, String lengthUnits, String surfaceUnits) throws Exception {
        double[] x = {1000 / scale, 1100 / scale, 1200 / scale};
        double[] y = {2100 / scale, 2000 / scale};
        TinyNetcdf file = TinyNetcdf.withCoordinates(x, y)
                .field("usurf", new double[][] {{2500 / scale, 2510 / scale, 2520 / scale},
                        {2400 / scale, 2410 / scale, 2420 / scale}})
                .field("thk", new double[][] {{100 / scale, 0, 50 / scale}, {200 / scale, 10 / scale, 0}});
        if (lengthUnits != null) {
            file.attribute("x", "units", lengthUnits).attribute("y", "units", lengthUnits)
                    .attribute("thk", "units", lengthUnits);
        }
        if (surfaceUnits != null) {
            file.attribute("usurf", "units", surfaceUnits);
        }
        return file.write(dir.resolve(name));
    }

    @Test
    void fieldsAndCoordinatesInKilometresReadAsTheSameFileInMetres() throws Exception {
        ObservedComparison.Observed metres = ObservedComparison.Observed.read(observed("m.nc", 1, "m", "m"),
                "usurf", "thk", GRID);
        ObservedComparison.Observed kilometres = ObservedComparison.Observed.read(
                observed("km.nc", 1000, "km", "km"), "usurf", "thk", GRID);
        ObservedComparison.Observed none = ObservedComparison.Observed.read(observed("none.nc", 1, null, null),
                "usurf", "thk", GRID);
        assertArrayEquals(new double[] {2400, 2410, 2420, 2500, 2510, 2520}, metres.surface(), 1e-3);
        assertArrayEquals(metres.surface(), kilometres.surface(), 1e-3);
        assertArrayEquals(metres.thickness(), kilometres.thickness(), 1e-3);
        assertArrayEquals(metres.thickness(), none.thickness(), 0);
    }

    @Test
    void unitsThatAreNotLengthsAreRefusedNamingTheFileVariableAndUnits() throws Exception {
        Path file = observed("speed.nc", 1, "m", "m s-1");
        InputException e = assertThrows(InputException.class,
                () -> ObservedComparison.Observed.read(file, "usurf", "thk", GRID));
        String message = e.getMessage();
        assertTrue(message.contains("output.observed_file") && message.contains(file.toString())
                && message.contains("'usurf'") && message.contains("'m s-1'") && message.contains("not a length"),
                message);
        assertTrue(!message.contains("\n"), message);
    }

    @Test
    void geographicCoordinatesAreRefusedWithTheAdviceToReproject() throws Exception {
        Path file = observed("degrees.nc", 1, "degrees_east", "m");
        InputException e = assertThrows(InputException.class,
                () -> ObservedComparison.Observed.read(file, "usurf", "thk", GRID));
        assertTrue(e.getMessage().contains("reproject") && e.getMessage().contains("output.observed_file"),
                e.getMessage());
    }

    @Test
    void aFileOffTheGridOrWithoutTheVariableIsNamedAsTheObservedFile() throws Exception {
        Path file = observed("m.nc", 1, "m", "m");
        InputException offGrid = assertThrows(InputException.class,
                () -> ObservedComparison.Observed.read(file, "usurf", "thk", new Grid2D(3, 2, 100, 5000, 2000)));
        assertTrue(offGrid.getMessage().startsWith("observed file (output.observed_file) " + file)
                && offGrid.getMessage().contains("does not cover"), offGrid.getMessage());
        InputException absent = assertThrows(InputException.class,
                () -> ObservedComparison.Observed.read(file, "surface", "thk", GRID));
        assertTrue(absent.getMessage().startsWith("observed file (output.observed_file) " + file)
                && absent.getMessage().contains("'surface'"), absent.getMessage());
    }

    @Test
    void aMissingFileIsNamedAsTheObservedFile() {
        Path file = dir.resolve("absent.nc");
        InputException e = assertThrows(InputException.class,
                () -> ObservedComparison.Observed.read(file, "usurf", "thk", GRID));
        assertTrue(e.getMessage().startsWith("observed file (output.observed_file) not found: "), e.getMessage());
        assertTrue(!e.getMessage().contains("climate"), e.getMessage());
    }
}
