package igm.emulator.data;

import igm.InputException;
import igm.emulator.EmulatorField;
import igm.field.FieldSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Cuts random square windows out of snapshots, normalised by the channels' scales, leaving out ice-free windows.
 *
 * <p>Each window is placed around an ice cell drawn uniformly from the snapshot's ice cells, at a uniformly random
 * offset within the window (clipped to the grid): every window holds ice, and the windows cover the glacier rather
 * than the ice-free terrain around it. A snapshot smaller than a window in either direction is an error.
 */
public final class PatchSampler {

    private final ChannelLayout layout;
    private final List<EmulatorField> inputScales;
    private final List<EmulatorField> outputScales;
    private final int size;

    /**
     * @param layout       the channels
     * @param inputScales  one scale per input channel, same order as {@code layout.inputs()}
     * @param outputScales one scale per output channel
     * @param size         window width and height, cells, ≥ 1
     */
    public PatchSampler(ChannelLayout layout, List<EmulatorField> inputScales, List<EmulatorField> outputScales,
                        int size) {
        if (size < 1) {
            throw new IllegalArgumentException("patch size must be positive, got " + size);
        }
        checkNames(layout.inputs(), inputScales);
        checkNames(layout.outputs(), outputScales);
        this.layout = layout;
        this.inputScales = List.copyOf(inputScales);
        this.outputScales = List.copyOf(outputScales);
        this.size = size;
    }

    public int size() {
        return size;
    }

    public ChannelLayout layout() {
        return layout;
    }

    /**
     * Up to {@code count} windows of {@code snapshot} (none when it holds no ice).
     *
     * @throws InputException when the snapshot lacks a field, has a non-finite value in a window, or is smaller
     *                        than a window
     */
    public List<Patch> sample(Snapshot snapshot, int count, RandomGenerator random) {
        int nx = snapshot.grid().nx();
        int ny = snapshot.grid().ny();
        if (nx < size || ny < size) {
            throw new InputException(snapshot.source() + ": the " + nx + "×" + ny + " grid is smaller than a "
                    + size + "×" + size + " patch");
        }
        double[] h = snapshot.field(ChannelLayout.THICKNESS);
        int[] ice = new int[h.length];
        int nIce = 0;
        for (int k = 0; k < h.length; k++) {
            if (h[k] > 0) {
                ice[nIce++] = k;
            }
        }
        List<Patch> patches = new ArrayList<>();
        if (nIce == 0) {
            return patches;
        }
        double[][] in = fields(snapshot, layout.inputs());
        double[][] out = fields(snapshot, layout.outputs());
        for (int p = 0; p < count; p++) {
            int cell = ice[random.nextInt(nIce)];
            int i0 = clamp(cell % nx - random.nextInt(size), nx - size);
            int j0 = clamp(cell / nx - random.nextInt(size), ny - size);
            patches.add(new Patch(snapshot.source(), snapshot.time(), i0, j0, size,
                    window(snapshot, in, inputScales, i0, j0), window(snapshot, out, outputScales, i0, j0)));
        }
        return patches;
    }

    /** The window at (i0, j0) of a snapshot, normalised — also for evaluating a trained network on it. */
    public Patch window(Snapshot snapshot, int i0, int j0) {
        return new Patch(snapshot.source(), snapshot.time(), i0, j0, size,
                window(snapshot, fields(snapshot, layout.inputs()), inputScales, i0, j0),
                window(snapshot, fields(snapshot, layout.outputs()), outputScales, i0, j0));
    }

    private float[] window(Snapshot snapshot, double[][] fields, List<EmulatorField> scales, int i0, int j0) {
        int nx = snapshot.grid().nx();
        int nc = fields.length;
        float[] w = new float[size * size * nc];
        for (int c = 0; c < nc; c++) {
            double inverse = 1.0 / scales.get(c).scale();
            double[] f = fields[c];
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < size; i++) {
                    double v = f[(j0 + j) * nx + i0 + i];
                    if (!Double.isFinite(v)) {
                        throw new InputException(snapshot.source() + " at t = " + snapshot.time() + ": field '"
                                + scales.get(c).name() + "' is " + v + " at cell (" + (i0 + i) + ", " + (j0 + j)
                                + "); training data must be finite");
                    }
                    w[(j * size + i) * nc + c] = (float) (v * inverse);
                }
            }
        }
        return w;
    }

    private static double[][] fields(Snapshot s, List<String> names) {
        double[][] f = new double[names.size()][];
        for (int c = 0; c < f.length; c++) {
            f[c] = s.field(names.get(c));
        }
        return f;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static void checkNames(List<String> names, List<EmulatorField> scales) {
        if (scales.size() != names.size()) {
            throw new IllegalArgumentException("scales " + scales + " do not match the channels " + names);
        }
        for (int c = 0; c < names.size(); c++) {
            if (!scales.get(c).name().equals(names.get(c))) {
                throw new IllegalArgumentException("scale " + c + " is for '" + scales.get(c).name()
                        + "', the channel is '" + names.get(c) + "'");
            }
        }
        for (List<FieldSpec> pair : FieldSpec.VECTOR_PAIRS) {
            int a = names.indexOf(pair.get(0).name());
            int b = names.indexOf(pair.get(1).name());
            if (a >= 0 && b >= 0 && scales.get(a).scale() != scales.get(b).scale()) {
                throw new IllegalArgumentException("the components '" + pair.get(0).name() + "' and '"
                        + pair.get(1).name() + "' of one vector need one scale, got " + scales.get(a).scale()
                        + " and " + scales.get(b).scale());
            }
        }
    }
}
