package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot file of an instructor run: what the writer writes reads back; bad files are clear errors. */
class InstructorSnapshotReaderTest {

    @TempDir
    Path dir;

    /** A hand-made file of 2 snapshots on 4 × 3 cells of 50 m, field f at snapshot t and cell k = 100f + 10t + k. */
    private TinyNetcdf tiny(String skip, String nanIn, boolean wrongShape) {
        TinyNetcdf file = TinyNetcdf.withCoordinates(new double[] {0, 50, 100, 150}, new double[] {10, 60, 110})
                .dimension("time", 2).variable("time", List.of("time"), new double[] {2, 4})
                .global("run_id", "tiny");
        int f = 0;
        for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
            double[] values = new double[2 * 12];
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < 12; k++) {
                    values[t * 12 + k] = 100 * f + 10 * t + k;
                }
            }
            if (name.equals(nanIn)) {
                values[12 + 5] = Double.NaN;
            }
            f++;
            if (name.equals(skip)) {
                continue;
            }
            if (wrongShape && name.equals("vbar")) {
                file.variable(name, List.of("y", "x"), java.util.Arrays.copyOf(values, 12));
            } else {
                file.variable(name, List.of("time", "y", "x"), values);
            }
        }
        return file;
    }

    @Test
    void aWellFormedFileIsRead() throws Exception {
        InstructorRunData data = InstructorSnapshotReader.read(tiny(null, null, false).write(dir.resolve("ok.nc")));
        assertEquals(new Grid2D(4, 3, 50, 0, 10), data.grid());
        assertArrayEquals(new double[] {2, 4}, data.times());
        assertEquals(100 * 8 + 10 + 5, data.field("vbar", 1)[5]);
        assertEquals("tiny", data.metadata().get("run_id"));
    }

    @Test
    void aMissingVariableIsNamed() throws Exception {
        Path file = tiny("vvelbase", null, false).write(dir.resolve("missing.nc"));
        InputException e = assertThrows(InputException.class, () -> InstructorSnapshotReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no variable 'vvelbase'"),
                e.getMessage());
    }

    @Test
    void aNonFiniteValueIsLocated() throws Exception {
        Path file = tiny(null, "slopsurfy", false).write(dir.resolve("nan.nc"));
        InputException e = assertThrows(InputException.class, () -> InstructorSnapshotReader.read(file));
        assertTrue(e.getMessage().contains("'slopsurfy'") && e.getMessage().contains("NaN")
                && e.getMessage().contains("time index 1") && e.getMessage().contains("(1, 1)"), e.getMessage());
    }

    @Test
    void aWrongShapeIsReported() throws Exception {
        Path file = tiny(null, null, true).write(dir.resolve("shape.nc"));
        InputException e = assertThrows(InputException.class, () -> InstructorSnapshotReader.read(file));
        assertTrue(e.getMessage().contains("'vbar' has shape [3, 4]") && e.getMessage().contains("[2, 3, 4]"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsReported() {
        InputException e = assertThrows(InputException.class,
                () -> InstructorSnapshotReader.read(dir.resolve("none.nc")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aRunWithoutIceHasAFileWithoutSnapshots() {
        Grid2D grid = Grid2D.of(8, 9, 100);
        Map<String, float[][]> fields = new LinkedHashMap<>();
        for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
            fields.put(name, new float[0][]);
        }
        Path file = dir.resolve("empty.nc");
        InstructorSnapshotWriter.write(file, grid, new double[0], fields, Map.of("run_id", "flat"));
        InstructorRunData data = InstructorSnapshotReader.read(file);
        assertEquals(grid, data.grid());
        assertEquals(0, data.snapshots());
        assertEquals(0, data.fields().get("thk").length);
    }

    @Test
    void theWriterRejectsIncompleteDataAndLeavesNoFile() {
        Grid2D grid = Grid2D.of(8, 9, 100);
        Map<String, float[][]> fields = new LinkedHashMap<>();
        for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
            fields.put(name, new float[][] {new float[grid.size()]});
        }
        fields.remove("ubar");
        Path file = dir.resolve("bad.nc");
        assertThrows(IllegalArgumentException.class,
                () -> InstructorSnapshotWriter.write(file, grid, new double[] {2}, fields, Map.of()));
        fields.put("ubar", new float[][] {new float[3]});
        assertThrows(IllegalArgumentException.class,
                () -> InstructorSnapshotWriter.write(file, grid, new double[] {2}, fields, Map.of()));
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(AtomicOutput.partialPathOf(file)));
    }
}
