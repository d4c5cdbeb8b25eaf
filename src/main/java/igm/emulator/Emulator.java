package igm.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import igm.InputException;
import igm.grid.Grid2D;

/**
 * A trained emulator as IGM stores it: a folder with {@code model.h5} (Keras), {@code fieldin.dat} and
 * {@code fieldout.dat} (lines {@code name scale}), either directly or in sub-folders named after the grid spacing in
 * metres ({@code 50/}, {@code 100/}, {@code 200/}). Folders written by this program ({@link EmulatorWriter}) also
 * hold a {@value EmulatorManifest#FILE_NAME} ({@link EmulatorManifest}); when present it is read and checked
 * against the other files and the grid spacing asked for.
 *
 * <p>{@link #predict} scales the inputs, evaluates the network only on the bounding box of the cells of interest
 * grown by the receptive radius of the network (clipped to the domain), and within it, layer by layer, only on the
 * cells that the cells of interest depend on ({@link ConvNet#forward(float[], int, int, boolean[])}); then scales the
 * outputs back. Every output of a cell of interest sees exactly the inputs and zero padding it would see on the whole
 * grid, so the result equals the whole-grid evaluation there.
 */
public final class Emulator implements AutoCloseable {

    /** Relative tolerance between the emulator's resolution and the grid spacing. */
    public static final double RESOLUTION_TOLERANCE = 0.01;

    /**
     * Relative tolerance between a scale in the manifest and in fieldin.dat/fieldout.dat (IGM writes scales with six
     * decimals; this program writes them in full).
     */
    public static final double SCALE_TOLERANCE = 1e-6;

    private final Path folder;
    private final Path modelFile;
    private final double resolution;
    private final List<EmulatorField> inputs;
    private final List<EmulatorField> outputs;
    private final ConvNet network;
    private final EmulatorManifest manifest;
    private volatile long lastFlops;

    private Emulator(Path folder, double resolution, List<EmulatorField> inputs, List<EmulatorField> outputs,
                     ConvNet network, EmulatorManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
        this.modelFile = folder.resolve("model.h5");
        this.resolution = resolution;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.network = network;
    }

    /** Loads the emulator for grid spacing {@code dx} with as many threads as available processors. */
    public static Emulator load(Path folder, double dx) {
        return load(folder, dx, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads an emulator.
     *
     * @param folder  a folder holding {@code model.h5}, {@code fieldin.dat}, {@code fieldout.dat}, or holding
     *                sub-folders named after resolutions in metres that do
     * @param dx      the grid spacing, m: picks the sub-folder whose resolution is within 1 % of it; when the
     *                folder holds the model directly and its name is a number, that number must match too, and so
     *                must the manifest's grid spacing where there is a manifest
     * @param threads threads of the forward pass
     * @throws InputException when the folder, a file or a matching resolution is missing, or a file is malformed;
     *                        when the manifest is malformed or disagrees with the other files: field names or scales
     *                        (to a relative {@value #SCALE_TOLERANCE}) other than in fieldin.dat/fieldout.dat, an
     *                        architecture other than the network's, a grid spacing other than dx
     */
    public static Emulator load(Path folder, double dx, int threads) {
        if (!Files.isDirectory(folder)) {
            throw new InputException("emulator folder not found: " + folder);
        }
        Path dir;
        double resolution;
        if (Files.exists(folder.resolve("model.h5")) || Files.exists(folder.resolve("fieldin.dat"))
                || Files.exists(folder.resolve("fieldout.dat"))) {
            dir = folder;
            resolution = parseResolution(folder.getFileName() == null ? "" : folder.getFileName().toString());
            if (!Double.isNaN(resolution) && !matches(resolution, dx)) {
                throw new InputException("emulator " + folder + " was trained at " + format(resolution)
                        + " m but the grid spacing is dx = " + format(dx) + " m");
            }
        } else {
            TreeMap<Double, Path> available = availableResolutions(folder);
            if (available.isEmpty()) {
                throw new InputException("emulator folder " + folder + " has neither model.h5 nor resolution "
                        + "sub-folders (such as 100/) holding one");
            }
            Double chosen = null;
            for (double r : available.keySet()) {
                if (matches(r, dx) && (chosen == null || Math.abs(r - dx) < Math.abs(chosen - dx))) {
                    chosen = r;
                }
            }
            if (chosen == null) {
                List<String> names = new ArrayList<>();
                for (double r : available.keySet()) {
                    names.add(format(r));
                }
                throw new InputException("emulator folder " + folder + " has no model for the grid spacing dx = "
                        + format(dx) + " m; available resolutions: " + String.join(", ", names) + " m");
            }
            dir = available.get(chosen);
            resolution = chosen;
        }
        Path model = dir.resolve("model.h5");
        Path fieldIn = dir.resolve("fieldin.dat");
        Path fieldOut = dir.resolve("fieldout.dat");
        for (Path p : List.of(model, fieldIn, fieldOut)) {
            if (!Files.isRegularFile(p)) {
                throw new InputException("emulator file missing: " + p);
            }
        }
        List<EmulatorField> in = readFields(fieldIn);
        List<EmulatorField> out = readFields(fieldOut);
        ConvNet net = KerasModelReader.read(model, threads);
        if (net.inputChannels() != in.size()) {
            net.close();
            throw new InputException(fieldIn + " lists " + in.size() + " inputs but " + model + " takes "
                    + net.inputChannels() + " channels");
        }
        if (net.outputChannels() != out.size()) {
            net.close();
            throw new InputException(fieldOut + " lists " + out.size() + " outputs but " + model + " gives "
                    + net.outputChannels() + " channels");
        }
        Path manifestFile = dir.resolve(EmulatorManifest.FILE_NAME);
        EmulatorManifest manifest = null;
        if (Files.exists(manifestFile)) {
            try {
                manifest = EmulatorManifest.read(manifestFile);
                checkManifest(manifest, manifestFile, in, fieldIn, out, fieldOut, net, model, dx);
            } catch (RuntimeException e) {
                net.close();
                throw e;
            }
            if (Double.isNaN(resolution)) {
                resolution = manifest.gridSpacing();
            }
        }
        return new Emulator(dir, resolution, in, out, net, manifest);
    }

    private static void checkManifest(EmulatorManifest manifest, Path file, List<EmulatorField> in, Path fieldIn,
                                      List<EmulatorField> out, Path fieldOut, ConvNet net, Path model, double dx) {
        checkFields(manifest.inputs(), "inputs", file, in, fieldIn);
        checkFields(manifest.outputs(), "outputs", file, out, fieldOut);
        EmulatorArchitecture actual;
        try {
            actual = EmulatorArchitecture.of(net.layers(), net.leakyAlpha());
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": key 'architecture' describes an IGM-style network but " + model
                    + " is not one: " + e.getMessage(), e);
        }
        List<String> differences = manifest.architecture().differencesFrom(actual);
        if (!differences.isEmpty()) {
            throw new InputException(file + " does not describe the network in " + model + ": "
                    + String.join("; ", differences));
        }
        if (!matches(manifest.gridSpacing(), dx)) {
            throw new InputException(file + ": key 'grid_spacing_m' says the emulator was trained at "
                    + format(manifest.gridSpacing()) + " m but the grid spacing is dx = " + format(dx) + " m");
        }
    }

    private static void checkFields(List<EmulatorField> recorded, String key, Path file, List<EmulatorField> listed,
                                    Path fieldFile) {
        List<String> recordedNames = recorded.stream().map(EmulatorField::name).toList();
        List<String> listedNames = listed.stream().map(EmulatorField::name).toList();
        if (!recordedNames.equals(listedNames)) {
            throw new InputException(file + ": key '" + key + "' lists " + recordedNames + " but " + fieldFile
                    + " lists " + listedNames);
        }
        for (int c = 0; c < recorded.size(); c++) {
            double a = recorded.get(c).scale();
            double b = listed.get(c).scale();
            if (Math.abs(a - b) > SCALE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
                throw new InputException(file + ": key '" + key + "[" + c + "].scale' of " + recordedNames.get(c)
                        + " is " + a + " but " + fieldFile + " gives " + b);
            }
        }
    }

    /** An emulator from a network and its fields (for emulators built in memory; resolution may be NaN). */
    public static Emulator of(ConvNet network, List<EmulatorField> inputs, List<EmulatorField> outputs,
                              double resolution) {
        if (network.inputChannels() != inputs.size() || network.outputChannels() != outputs.size()) {
            throw new IllegalArgumentException("network has " + network.inputChannels() + " inputs and "
                    + network.outputChannels() + " outputs, fields: " + inputs.size() + " and " + outputs.size());
        }
        return new Emulator(Path.of("in-memory"), resolution, inputs, outputs, network, null);
    }

    /** Sub-folders of {@code folder} whose names are positive numbers (metres) and that hold a model.h5. */
    public static TreeMap<Double, Path> availableResolutions(Path folder) {
        TreeMap<Double, Path> map = new TreeMap<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                double r = parseResolution(child.getFileName().toString());
                if (!Double.isNaN(r) && Files.isDirectory(child)) {
                    map.put(r, child);
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot list emulator folder " + folder + ": " + e.getMessage(), e);
        }
        return map;
    }

    /**
     * Reads a {@code fieldin.dat}/{@code fieldout.dat}: one {@code name scale} per line; blank lines and lines
     * starting with {@code #} are skipped.
     */
    public static List<EmulatorField> readFields(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<EmulatorField> fields = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            double scale;
            try {
                scale = parts.length == 2 ? Double.parseDouble(parts[1]) : Double.NaN;
            } catch (NumberFormatException e) {
                scale = Double.NaN;
            }
            if (!Double.isFinite(scale) || scale == 0) {
                throw new InputException(file + " line " + (n + 1) + ": expected 'name scale' with a finite "
                        + "non-zero scale, got '" + line + "'");
            }
            for (EmulatorField f : fields) {
                if (f.name().equals(parts[0])) {
                    throw new InputException(file + " line " + (n + 1) + ": field '" + parts[0] + "' listed twice");
                }
            }
            fields.add(new EmulatorField(parts[0], scale));
        }
        if (fields.isEmpty()) {
            throw new InputException(file + " lists no fields");
        }
        return fields;
    }

    /**
     * Evaluates the emulator.
     *
     * @param grid   the grid
     * @param fields one array per {@link #inputs()} entry, in that order, physical units, {@code grid.size()} each
     * @param mask   cells whose outputs are wanted ({@code null}: all); outputs are zero elsewhere
     * @return one array per {@link #outputs()} entry, physical units
     */
    public double[][] predict(Grid2D grid, double[][] fields, boolean[] mask) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nIn = inputs.size();
        int nOut = outputs.size();
        if (fields.length != nIn) {
            throw new IllegalArgumentException("expected " + nIn + " input fields, got " + fields.length);
        }
        double[][] result = new double[nOut][grid.size()];
        int[] box = grid.boundingBox(mask, network.receptiveRadius());
        if (box == null) {
            lastFlops = 0;
            return result;
        }
        int i0 = box[0];
        int j0 = box[1];
        int bx = box[2];
        int by = box[3];
        float[] x = new float[bx * by * nIn];
        double[] inverse = new double[nIn];
        for (int c = 0; c < nIn; c++) {
            inverse[c] = 1.0 / inputs.get(c).scale();
            if (fields[c].length != grid.size()) {
                throw new IllegalArgumentException("input " + inputs.get(c).name() + " has " + fields[c].length
                        + " values, the grid " + grid.size());
            }
        }
        for (int j = 0; j < by; j++) {
            for (int i = 0; i < bx; i++) {
                int cell = (j + j0) * nx + i + i0;
                int base = (j * bx + i) * nIn;
                for (int c = 0; c < nIn; c++) {
                    x[base + c] = (float) (fields[c][cell] * inverse[c]);
                }
            }
        }
        boolean[] boxMask = null;
        if (mask != null) {
            boxMask = new boolean[bx * by];
            for (int j = 0; j < by; j++) {
                for (int i = 0; i < bx; i++) {
                    boxMask[j * bx + i] = mask[(j + j0) * nx + i + i0];
                }
            }
        }
        float[] y;
        synchronized (network) {
            y = network.forward(x, bx, by, boxMask);
            lastFlops = network.lastCallFlops();
        }
        for (int j = 0; j < by; j++) {
            for (int i = 0; i < bx; i++) {
                int cell = (j + j0) * nx + i + i0;
                if (mask != null && !mask[cell]) {
                    continue;
                }
                int base = (j * bx + i) * nOut;
                for (int c = 0; c < nOut; c++) {
                    result[c][cell] = y[base + c] * outputs.get(c).scale();
                }
            }
        }
        return result;
    }

    /** Floating-point operations of the last {@link #predict} call (its bounding box), 0 before any. */
    public long lastCallFlops() {
        return lastFlops;
    }

    /** The folder holding model.h5, fieldin.dat, fieldout.dat. */
    public Path folder() {
        return folder;
    }

    public Path modelFile() {
        return modelFile;
    }

    /** Grid spacing the emulator was trained for, m (from the folder's name, else the manifest); NaN when neither says. */
    public double resolution() {
        return resolution;
    }

    public List<EmulatorField> inputs() {
        return inputs;
    }

    public List<EmulatorField> outputs() {
        return outputs;
    }

    public ConvNet network() {
        return network;
    }

    /** The manifest read from the folder's {@value EmulatorManifest#FILE_NAME}; empty for IGM's own folders. */
    public Optional<EmulatorManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** Whether grid spacing {@code dx} is within 1 % of the emulator's resolution (true when unknown). */
    public boolean matchesResolution(double dx) {
        return Double.isNaN(resolution) || matches(resolution, dx);
    }

    /** Folder, resolution, fields and architecture in one line. */
    public String describe() {
        return "emulator " + folder + (Double.isNaN(resolution) ? "" : " at " + format(resolution) + " m")
                + ", inputs " + names(inputs) + ", outputs " + names(outputs) + "; " + network.describe();
    }

    @Override
    public void close() {
        network.close();
    }

    private static String names(List<EmulatorField> fields) {
        List<String> s = new ArrayList<>();
        for (EmulatorField f : fields) {
            s.add(f.name() + "/" + format(f.scale()));
        }
        return String.join(" ", s);
    }

    private static boolean matches(double resolution, double dx) {
        return Math.abs(resolution - dx) <= RESOLUTION_TOLERANCE * dx;
    }

    private static double parseResolution(String name) {
        try {
            double r = Double.parseDouble(name);
            return Double.isFinite(r) && r > 0 ? r : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%g", v);
    }
}
