package igm.emulator;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import igm.IgmException;
import igm.InputException;
import igm.SimulationException;

/**
 * Writes a trained emulator as a folder that both this program and IGM load:
 * <ul>
 *   <li>{@value #MODEL_FILE}: the network as a Keras 2 HDF5 model, laid out as IGM's own emulators (see
 *       {@link KerasModelWriter}: a functional model of {@code Conv2D} layers, one shared {@code LeakyReLU},
 *       {@code Dropout} layers of rate 0, float32 weights under {@code model_weights});</li>
 *   <li>{@value #FIELDS_IN_FILE} and {@value #FIELDS_OUT_FILE}: IGM's {@code name scale} lines for the inputs and
 *       outputs, scales written in full precision;</li>
 *   <li>{@value EmulatorManifest#FILE_NAME}: the {@link EmulatorManifest}.</li>
 * </ul>
 * An emulator library is a folder of such folders; as in IGM, an emulator trained at several resolutions may be a
 * folder of sub-folders named after the grid spacing in metres ({@code 100/}, {@code 200/}), each written by this
 * class. {@link Emulator#load} reads all of these forms.
 *
 * <p>No partial output: the files are written into a temporary sibling folder {@code .<name>.partial-*}, read back
 * (every object of {@value #MODEL_FILE} is opened, then the folder is loaded with {@link Emulator#load}, which checks
 * the manifest against the other files, and compared with the given layers and manifest), and only then renamed to
 * the target. An existing target is first renamed aside, then deleted once the new
 * folder is in place, or renamed back if that fails; between the two renames (a moment) the target is absent. To
 * protect unrelated data, an existing target is replaced only if it is an empty folder or holds nothing but the
 * four emulator files.
 */
public final class EmulatorWriter {

    /** The Keras model file of an emulator folder. */
    public static final String MODEL_FILE = "model.h5";

    /** IGM's list of input fields with their scales. */
    public static final String FIELDS_IN_FILE = "fieldin.dat";

    /** IGM's list of output fields with their scales. */
    public static final String FIELDS_OUT_FILE = "fieldout.dat";

    private static final Set<String> EMULATOR_FILES = Set.of(MODEL_FILE, FIELDS_IN_FILE, FIELDS_OUT_FILE,
            EmulatorManifest.FILE_NAME);

    private EmulatorWriter() {
    }

    /**
     * Writes an emulator folder, creating its parent folders, replacing an earlier emulator there.
     *
     * @param folder     the emulator folder to create or replace
     * @param layers     the network's convolutions: at least one hidden convolution followed by the LeakyReLU, all
     *                   of one kernel size and filter count, then a linear 1×1 convolution
     * @param leakyAlpha the LeakyReLU's slope for negative values (stored in single precision, as the network uses it)
     * @param manifest   the manifest; its architecture must describe {@code layers} and {@code leakyAlpha}
     * @throws IllegalArgumentException when the layers are not of that form or the manifest's architecture differs
     * @throws InputException           when the folder cannot be created or is an existing file or folder that is not
     *                                  an emulator
     * @throws SimulationException      when writing fails (nothing is left behind; an earlier emulator stays)
     */
    public static void write(Path folder, List<ConvLayer> layers, double leakyAlpha, EmulatorManifest manifest) {
        write(folder, layers, leakyAlpha, manifest, staged -> { });
    }

    /** As {@link #write(Path, List, double, EmulatorManifest)}, calling {@code beforeCommit} on the complete
     * temporary folder just before it is renamed (tests use it to make the write fail at the last step). */
    static void write(Path folder, List<ConvLayer> layers, double leakyAlpha, EmulatorManifest manifest,
                      Consumer<Path> beforeCommit) {
        if (manifest == null) {
            throw new IllegalArgumentException("manifest must not be null");
        }
        EmulatorArchitecture actual = EmulatorArchitecture.of(layers, leakyAlpha);
        List<String> differences = manifest.architecture().differencesFrom(actual);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the manifest does not describe the network: "
                    + String.join("; ", differences));
        }
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new InputException("cannot write an emulator to " + folder + ": it has no parent folder");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InputException("cannot write the emulator " + folder + ": cannot create the folder " + parent
                    + " (" + e + ")", e);
        }
        checkReplaceable(target);
        Path staging = createStagingFolder(target, folder);
        try {
            writeFiles(staging, layers, leakyAlpha, manifest);
            verify(staging, layers, leakyAlpha, manifest);
            beforeCommit.accept(staging);
            commit(staging, target);
        } catch (IOException | RuntimeException e) {
            EmulatorFiles.deleteQuietly(staging);
            if (e instanceof IgmException || e instanceof IllegalArgumentException) {
                throw (RuntimeException) e;
            }
            throw new SimulationException("cannot write the emulator " + folder + ": " + e, e);
        }
    }

    /**
     * A new folder {@code .<name>.partial-<n>} beside the target, with the default permissions (not the owner-only
     * ones of {@link Files#createTempDirectory}): it becomes the emulator folder.
     */
    private static Path createStagingFolder(Path target, Path folder) {
        String prefix = "." + target.getFileName() + ".partial-" + ProcessHandle.current().pid() + "-";
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            Path staging = target.resolveSibling(prefix + System.nanoTime());
            try {
                return Files.createDirectory(staging);
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                last = e;
                break;
            }
        }
        throw new SimulationException("cannot write the emulator " + folder + ": cannot create a temporary folder in "
                + target.getParent() + " (" + last + ")", last);
    }

    private static void writeFiles(Path staging, List<ConvLayer> layers, double leakyAlpha,
                                   EmulatorManifest manifest) throws IOException {
        KerasModelWriter.write(staging.resolve(MODEL_FILE), layers, leakyAlpha);
        Files.writeString(staging.resolve(FIELDS_IN_FILE), fieldLines(manifest.inputs()));
        Files.writeString(staging.resolve(FIELDS_OUT_FILE), fieldLines(manifest.outputs()));
        Files.writeString(staging.resolve(EmulatorManifest.FILE_NAME), manifest.toJson());
    }

    /** IGM's {@code name scale} lines; the scale as {@link Double#toString}, which reads back exactly. */
    static String fieldLines(List<EmulatorField> fields) {
        StringBuilder text = new StringBuilder();
        for (EmulatorField field : fields) {
            text.append(field.name()).append(' ').append(field.scale()).append('\n');
        }
        return text.toString();
    }

    /** Loads the staged folder as {@link Emulator#load} would and checks it gives back exactly the network. */
    private static void verify(Path staging, List<ConvLayer> layers, double leakyAlpha, EmulatorManifest manifest) {
        KerasModelWriter.checkReadable(staging.resolve(MODEL_FILE));
        try (Emulator loaded = Emulator.load(staging, manifest.gridSpacing(), 1)) {
            if (!loaded.network().layers().equals(layers)
                    || (float) loaded.network().leakyAlpha() != (float) leakyAlpha
                    || !loaded.manifest().orElseThrow().equals(manifest)) {
                throw new SimulationException("the emulator written to " + staging + " does not read back as the "
                        + "network and manifest given");
            }
        } catch (InputException e) {
            throw new SimulationException("the emulator written to " + staging + " does not read back: "
                    + e.getMessage(), e);
        }
    }

    /** An existing target must be a folder that is empty or holds only emulator files. */
    private static void checkReplaceable(Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("cannot write the emulator " + target + ": it exists and is not a folder");
        }
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> children = Files.list(target)) {
            children.forEach(child -> {
                String name = child.getFileName().toString();
                if (!EMULATOR_FILES.contains(name)
                        || !Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(name);
                }
            });
        } catch (IOException e) {
            throw new InputException("cannot list " + target + ": " + e, e);
        }
        if (!foreign.isEmpty()) {
            throw new InputException("refusing to replace the folder " + target + ": it holds "
                    + foreign.stream().sorted().toList() + ", which are not emulator files (an emulator folder "
                    + "holds only " + EMULATOR_FILES.stream().sorted().toList() + ")");
        }
    }

    private static void commit(Path staging, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path aside = target.resolveSibling("." + target.getFileName() + ".replaced-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
                throw new SimulationException("cannot put the new emulator in place at " + target + " (" + e
                        + "), nor restore the earlier one, which is now at " + aside, e);
            }
            throw e;
        }
        EmulatorFiles.deleteQuietly(aside);
    }
}
