package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointFileTest {

    @TempDir
    Path dir;

    @Test
    void everyEntryComesBackBitForBit() {
        RestartState state = new RestartState();
        RestartState model = state.scope("model");
        double[] thickness = {0, 1.0 / 3, Double.MIN_VALUE, -0.0, 1e300, Double.NaN};
        model.put("thickness", thickness);
        model.put("smb", new double[] {1, 2, 3, 4, 5, 6});
        model.put("max_stable_time_step", Double.POSITIVE_INFINITY);
        model.put("steps", 123456789012L);
        model.putGrid("grid", new Grid2D(3, 2, 100, 416199.75, 5136806.5));
        model.put("nothing", new double[0]);
        state.putFloats("frames", new float[] {1.5f, Float.MIN_VALUE, 3e38f});
        state.putText("parameters", "run:\n  name: \"x\"\n");
        Path file = dir.resolve("checkpoint.nc");
        CheckpointFile.write(file, state);
        assertTrue(Files.notExists(AtomicOutput.partialPathOf(file)));

        RestartState back = CheckpointFile.read(file);
        RestartState m = back.scope("model");
        double[] t = m.array("thickness", 6);
        for (int k = 0; k < t.length; k++) {
            assertEquals(Double.doubleToRawLongBits(thickness[k]), Double.doubleToRawLongBits(t[k]), "entry " + k);
        }
        assertEquals(Double.POSITIVE_INFINITY, m.number("max_stable_time_step"));
        assertEquals(123456789012L, (long) m.number("steps"));
        assertEquals(new Grid2D(3, 2, 100, 416199.75, 5136806.5), m.grid("grid"));
        assertNull(m.array("nothing"), "an empty array is stored as absent");
        assertArrayEquals(new float[] {1.5f, Float.MIN_VALUE, 3e38f}, back.floats("frames"));
        assertEquals("run:\n  name: \"x\"\n", back.text("parameters"));
        InputException missing = assertThrows(InputException.class, () -> m.number("time"));
        assertTrue(missing.getMessage().contains("model_time"), missing.getMessage());
        InputException length = assertThrows(InputException.class, () -> m.array("smb", 7));
        assertTrue(length.getMessage().contains("model_smb has 6 values, expected 7"), length.getMessage());
    }

    @Test
    void aFileThatIsNotACheckpointIsRefused() throws Exception {
        Path other = TinyNetcdf.withCoordinates(new double[] {0, 100}, new double[] {0, 100})
                .field("thk", new double[][] {{0, 1}, {2, 3}}).write(dir.resolve("input.nc"));
        InputException e = assertThrows(InputException.class, () -> CheckpointFile.read(other));
        assertTrue(e.getMessage().contains("is not an igm checkpoint"), e.getMessage());
        InputException none = assertThrows(InputException.class, () -> CheckpointFile.read(dir.resolve("no.nc")));
        assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    }
}
