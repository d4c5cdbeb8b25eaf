package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.iceflow.EmulatorIceFlow;
import igm.physics.iceflow.IceFlowInput;

/** Loading IGM emulator folders, and the errors for bad ones. */
class EmulatorLoadTest {

    @TempDir
    Path tmp;

    @Test
    void choosesTheResolutionSubFolder() {
        Path root = TestData.f15();
        try (Emulator e = Emulator.load(root, 100.4, 1)) {
            assertEquals(100, e.resolution());
            assertEquals(root.resolve("100"), e.folder());
            assertEquals(List.of("thk", "slopsurfx", "slopsurfy", "arrhenius", "slidingco"),
                    e.inputs().stream().map(EmulatorField::name).toList());
            assertEquals(2000, e.inputs().getFirst().scale());
            assertEquals(1000, e.outputs().getFirst().scale());
            assertEquals(6, e.network().outputChannels());
        }
        try (Emulator e = Emulator.load(root, 199, 1)) {
            assertEquals(200, e.resolution());
        }
        try (Emulator e = Emulator.load(root.resolve("50"), 50, 1)) {
            assertEquals(50, e.resolution());
        }
    }

    @Test
    void noMatchingResolutionListsTheAvailableOnes() {
        Path f15 = TestData.f15(); // outside the lambdas: skips the test without the data, not an assertion failure
        InputException e = assertThrows(InputException.class, () -> Emulator.load(f15, 150, 1));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("50, 100, 200"), e.getMessage());
        assertTrue(e.getMessage().contains("dx = 150 m"), e.getMessage());
        InputException direct = assertThrows(InputException.class,
                () -> Emulator.load(f15.resolve("200"), 100, 1));
        assertTrue(direct.getMessage().contains("200 m") && direct.getMessage().contains("dx = 100 m"),
                direct.getMessage());
    }

    @Test
    void resolutionIsCheckedAgainstTheGridAtSolve() throws IOException {
        Path copy = copyOf(TestData.f15().resolve("100"), tmp.resolve("100"), null);
        try (EmulatorIceFlow flow = EmulatorIceFlow.load(copy, 100, 1)) {
            Grid2D grid = Grid2D.of(4, 3, 200);
            double[] z = new double[12];
            InputException e = assertThrows(InputException.class,
                    () -> flow.solve(new IceFlowInput(grid, z, z, z, z)));
            assertTrue(e.getMessage().contains("dx = 200"), e.getMessage());
        }
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path source = TestData.f15().resolve("100");
        for (String missing : List.of("model.h5", "fieldin.dat", "fieldout.dat")) {
            Path dir = copyOf(source, tmp.resolve("without-" + missing), missing);
            InputException e = assertThrows(InputException.class, () -> Emulator.load(dir, 100, 1));
            System.out.println(e.getMessage());
            assertTrue(e.getMessage().contains(dir.resolve(missing).toString()), e.getMessage());
        }
        InputException empty = assertThrows(InputException.class,
                () -> Emulator.load(Files.createDirectory(tmp.resolve("empty")), 100, 1));
        assertTrue(empty.getMessage().contains("model.h5"), empty.getMessage());
        Path nowhere = tmp.resolve("nowhere");
        InputException absent = assertThrows(InputException.class, () -> Emulator.load(nowhere, 100, 1));
        assertTrue(absent.getMessage().contains(nowhere.toString()), absent.getMessage());
    }

    @Test
    void unknownInputFieldIsAnErrorListingTheSupportedOnes() throws IOException {
        Path dir = copyOf(TestData.f15().resolve("100"), tmp.resolve("unknown"), "fieldin.dat");
        Files.writeString(dir.resolve("fieldin.dat"),
                "thk 2000\nslopsurfx 1.5\nslopsurfy 1.5\ntemperature 100\nslidingco 100\n");
        InputException e = assertThrows(InputException.class, () -> EmulatorIceFlow.load(dir, 100, 1));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("'temperature'"), e.getMessage());
        assertTrue(e.getMessage().contains(String.join(", ", EmulatorIceFlow.SUPPORTED_INPUTS)), e.getMessage());
    }

    @Test
    void malformedFieldFilesAndChannelMismatchAreErrors() throws IOException {
        Path dir = copyOf(TestData.f15().resolve("100"), tmp.resolve("bad"), "fieldin.dat");
        Files.writeString(dir.resolve("fieldin.dat"), "thk 2000\nslopsurfx abc\n");
        InputException e = assertThrows(InputException.class, () -> Emulator.load(dir, 100, 1));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(dir.resolve("fieldin.dat"), "thk 2000\nslopsurfx 1.5\n");
        e = assertThrows(InputException.class, () -> Emulator.load(dir, 100, 1));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("2 inputs") && e.getMessage().contains("5 channels"), e.getMessage());
    }

    private static Path copyOf(Path source, Path target, String leaveOut) throws IOException {
        Files.createDirectories(target);
        for (String name : List.of("model.h5", "fieldin.dat", "fieldout.dat")) {
            if (!name.equals(leaveOut)) {
                Files.copy(source.resolve(name), target.resolve(name));
            }
        }
        return target;
    }
}
