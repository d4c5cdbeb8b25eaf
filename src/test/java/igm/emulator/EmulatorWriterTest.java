package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import igm.InputException;
import igm.SimulationException;
import igm.grid.Grid2D;

/** Writing emulator folders: round trip through {@link Emulator#load}, manifest checks, no partial output. */
class EmulatorWriterTest {

    @TempDir
    Path tmp;

    private final List<ConvLayer> layers = EmulatorSamples.layers(7, 3, 3, 8, 3, 2);
    private final EmulatorManifest manifest = EmulatorSamples.manifest("round-trip", layers, 100);

    @Test
    void roundTripPredictsExactlyAsTheNetworkInMemory() {
        Path folder = tmp.resolve("library").resolve("round-trip");
        EmulatorWriter.write(folder, layers, EmulatorSamples.ALPHA, manifest);
        assertEquals(List.of("fieldin.dat", "fieldout.dat", "manifest.json", "model.h5"), list(folder));
        assertEquals(List.of("round-trip"), list(folder.getParent()), "no temporary folder is left");
        Grid2D grid = Grid2D.of(23, 17, 100);
        double[][] fields = new double[3][grid.size()];
        Random random = new Random(11);
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < grid.size(); t++) {
                fields[c][t] = manifest.inputs().get(c).scale() * random.nextGaussian();
            }
        }
        boolean[] mask = new boolean[grid.size()];
        for (int t = 0; t < mask.length; t++) {
            mask[t] = random.nextDouble() < 0.3;
        }
        try (Emulator loaded = Emulator.load(folder, 100.5, 1);
             Emulator memory = Emulator.of(new ConvNet(layers, EmulatorSamples.ALPHA, 1), manifest.inputs(),
                     manifest.outputs(), 100)) {
            assertEquals(layers, loaded.network().layers());
            assertEquals((float) EmulatorSamples.ALPHA, (float) loaded.network().leakyAlpha());
            assertEquals(manifest.inputs(), loaded.inputs());
            assertEquals(manifest.outputs(), loaded.outputs());
            assertEquals(manifest, loaded.manifest().orElseThrow());
            assertEquals(100, loaded.resolution(), "the resolution comes from the manifest");
            for (boolean[] m : new boolean[][] {null, mask}) {
                double[][] expected = memory.predict(grid, fields, m);
                double[][] actual = loaded.predict(grid, fields, m);
                for (int c = 0; c < expected.length; c++) {
                    assertArrayEquals(expected[c], actual[c], "output " + c);
                }
                assertTrue(java.util.Arrays.stream(expected[0]).anyMatch(v -> v != 0), "non-trivial outputs");
            }
        }
    }

    @Test
    void resolutionSubFoldersAsIgmLaysThemOut() {
        Path emulator = tmp.resolve("two-resolutions");
        List<ConvLayer> coarse = EmulatorSamples.layers(8, 3, 2, 4, 3, 2);
        EmulatorWriter.write(emulator.resolve("100"), layers, EmulatorSamples.ALPHA, manifest);
        EmulatorWriter.write(emulator.resolve("200"), coarse, EmulatorSamples.ALPHA,
                EmulatorSamples.manifest("coarse", coarse, 200));
        try (Emulator fine = Emulator.load(emulator, 99.5, 1); Emulator wide = Emulator.load(emulator, 201, 1)) {
            assertEquals(emulator.resolve("100"), fine.folder());
            assertEquals(layers, fine.network().layers());
            assertEquals("coarse", wide.manifest().orElseThrow().name());
            assertEquals(coarse, wide.network().layers());
        }
        InputException wrongFolder = assertThrows(InputException.class,
                () -> EmulatorWriter.write(emulator, layers, EmulatorSamples.ALPHA, manifest));
        assertTrue(wrongFolder.getMessage().contains("refusing to replace") && wrongFolder.getMessage().contains("100"),
                wrongFolder.getMessage());
    }

    @Test
    void overwritingReplacesTheEarlierEmulator() {
        Path folder = tmp.resolve("replaced");
        EmulatorWriter.write(folder, layers, EmulatorSamples.ALPHA, manifest);
        List<ConvLayer> retrained = EmulatorSamples.layers(9, 3, 3, 8, 3, 2);
        EmulatorManifest second = EmulatorSamples.manifest("retrained", retrained, 100);
        EmulatorWriter.write(folder, retrained, EmulatorSamples.ALPHA, second);
        try (Emulator loaded = Emulator.load(folder, 100, 1)) {
            assertEquals(retrained, loaded.network().layers());
            assertEquals(second, loaded.manifest().orElseThrow());
        }
        assertEquals(List.of("replaced"), list(tmp), "neither the temporary nor the old folder is left");
    }

    @Test
    void failureBeforeTheRenameLeavesNoPartialFolderAndKeepsTheEarlierEmulator() {
        Path folder = tmp.resolve("kept");
        EmulatorWriter.write(folder, layers, EmulatorSamples.ALPHA, manifest);
        List<ConvLayer> other = EmulatorSamples.layers(10, 3, 3, 8, 3, 2);
        Path[] staged = new Path[1];
        SimulationException e = assertThrows(SimulationException.class,
                () -> EmulatorWriter.write(folder, other, EmulatorSamples.ALPHA,
                        EmulatorSamples.manifest("other", other, 100), path -> {
                            staged[0] = path;
                            assertEquals(List.of("fieldin.dat", "fieldout.dat", "manifest.json", "model.h5"),
                                    list(path), "the staged folder is complete before the rename");
                            throw new java.io.UncheckedIOException(new IOException("disk full (simulated)"));
                        }));
        assertTrue(e.getMessage().contains("cannot write the emulator " + folder)
                && e.getMessage().contains("disk full (simulated)"), e.getMessage());
        assertFalse(Files.exists(staged[0]), "the temporary folder is removed");
        assertEquals(List.of("kept"), list(tmp));
        try (Emulator loaded = Emulator.load(folder, 100, 1)) {
            assertEquals(layers, loaded.network().layers());
        }
    }

    @Test
    void badTargetsAreInputErrorsAndCreateNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        InputException parentIsFile = assertThrows(InputException.class,
                () -> EmulatorWriter.write(file.resolve("emulator"), layers, EmulatorSamples.ALPHA, manifest));
        assertTrue(parentIsFile.getMessage().contains(file.toString()), parentIsFile.getMessage());
        InputException targetIsFile = assertThrows(InputException.class,
                () -> EmulatorWriter.write(file, layers, EmulatorSamples.ALPHA, manifest));
        assertTrue(targetIsFile.getMessage().contains("is not a folder"), targetIsFile.getMessage());
        Path foreign = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(foreign.resolve("output.nc"), "data");
        InputException refused = assertThrows(InputException.class,
                () -> EmulatorWriter.write(foreign, layers, EmulatorSamples.ALPHA, manifest));
        assertTrue(refused.getMessage().contains("[output.nc]"), refused.getMessage());
        assertEquals(List.of("output.nc"), list(foreign));
        assertEquals(List.of("not-a-folder", "results"), list(tmp));
    }

    @Test
    void networksTheManifestDoesNotDescribeAreRejected() {
        List<ConvLayer> narrower = EmulatorSamples.layers(7, 3, 3, 4, 3, 2);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> EmulatorWriter.write(tmp.resolve("x"), narrower, EmulatorSamples.ALPHA, manifest));
        assertTrue(mismatch.getMessage().contains("architecture.filters: 8 recorded, 4 in the network"),
                mismatch.getMessage());
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
                () -> EmulatorWriter.write(tmp.resolve("x"), layers, 0.2, manifest));
        assertTrue(alpha.getMessage().contains("architecture.leaky_alpha"), alpha.getMessage());
        List<ConvLayer> linearEnd = List.of(layers.get(0), layers.get(1), layers.get(2),
                new ConvLayer(3, 8, 2, new float[3 * 3 * 8 * 2], new float[2], false));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> EmulatorWriter.write(tmp.resolve("x"), linearEnd, EmulatorSamples.ALPHA, manifest));
        assertTrue(shape.getMessage().contains("linear 1×1"), shape.getMessage());
        assertEquals(List.of(), list(tmp));
    }

    @Test
    void manifestThatDisagreesWithTheFilesIsAnErrorAtLoad() throws IOException {
        Path folder = tmp.resolve("checked");
        EmulatorWriter.write(folder, layers, EmulatorSamples.ALPHA, manifest);
        Path manifestFile = folder.resolve(EmulatorManifest.FILE_NAME);
        Path fieldIn = folder.resolve(EmulatorWriter.FIELDS_IN_FILE);
        String original = Files.readString(fieldIn);

        Files.writeString(fieldIn, original.replace("slopsurfx 1.5", "slopsurfx 1.6"));
        assertLoadError(folder, 100, manifestFile + ": key 'inputs[1].scale' of slopsurfx is 1.5 but " + fieldIn
                + " gives 1.6");
        Files.writeString(fieldIn, original.replace("slopsurfx 1.5", "slopsurfx 1.5000001"));
        try (Emulator close = Emulator.load(folder, 100, 1)) {
            assertEquals(1.5000001, close.inputs().get(1).scale(), "within the scale tolerance");
        }
        Files.writeString(fieldIn, original.replace("slopsurfy", "usurf"));
        assertLoadError(folder, 100, manifestFile + ": key 'inputs' lists [thk, slopsurfx, slopsurfy] but " + fieldIn
                + " lists [thk, slopsurfx, usurf]");
        Files.writeString(fieldIn, original);

        assertLoadError(folder, 150, manifestFile + ": key 'grid_spacing_m' says the emulator was trained at 100 m "
                + "but the grid spacing is dx = 150 m");

        List<ConvLayer> deeper = EmulatorSamples.layers(7, 3, 4, 8, 3, 2);
        KerasModelWriter.write(folder.resolve(EmulatorWriter.MODEL_FILE), deeper, EmulatorSamples.ALPHA);
        assertLoadError(folder, 100, "architecture.hidden_layers: 3 recorded, 4 in the network");
    }

    private static void assertLoadError(Path folder, double dx, String expected) {
        InputException e = assertThrows(InputException.class, () -> Emulator.load(folder, dx, 1));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> list(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writtenModelIsCompleteWhateverTheLayerCount() throws IOException {
        // jhdf 0.9.4 appends its note after the last dataset written; every object must stay readable
        for (int hidden = 1; hidden <= 18; hidden++) {
            List<ConvLayer> net = EmulatorSamples.layers(hidden, 2, hidden, 2, 3, 1);
            Path file = tmp.resolve("model-" + hidden + ".h5");
            KerasModelWriter.write(file, net, 0.3);
            KerasModelWriter.checkReadable(file);
            try (ConvNet read = KerasModelReader.read(file, 1)) {
                assertEquals(net, read.layers(), "hidden layers " + hidden);
                assertEquals(0.3f, (float) read.leakyAlpha());
            }
        }
    }

    @Test
    void damagedModelFilesAreCaught() throws IOException {
        Path file = tmp.resolve("model.h5");
        KerasModelWriter.write(file, layers, EmulatorSamples.ALPHA);
        byte[] bytes = Files.readAllBytes(file);
        int header = indexOf(bytes, "OHDR".getBytes(), bytes.length / 2);
        bytes[header] = 'X';
        Files.write(file, bytes);
        SimulationException e = assertThrows(SimulationException.class, () -> KerasModelWriter.checkReadable(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
