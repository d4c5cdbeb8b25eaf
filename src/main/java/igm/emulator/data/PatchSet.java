package igm.emulator.data;

import igm.grid.GridSymmetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered collection of equally sized patches of one channel layout, from which training batches are filled,
 * optionally augmented.
 */
public final class PatchSet {

    private final ChannelLayout layout;
    private final int size;
    private final PatchAugmentation augmentation;
    private final List<Patch> patches = new ArrayList<>();

    /** An empty set of {@code size × size} patches of {@code layout}. */
    public PatchSet(ChannelLayout layout, int size) {
        this.layout = layout;
        this.size = size;
        this.augmentation = new PatchAugmentation(size, layout);
    }

    /** Adds patches (of this set's size and layout). */
    public PatchSet addAll(List<Patch> more) {
        int nIn = size * size * layout.inputs().size();
        int nOut = size * size * layout.outputs().size();
        for (Patch p : more) {
            if (p.size() != size || p.inputs().length != nIn || p.outputs().length != nOut) {
                throw new IllegalArgumentException("patch of " + p.source() + " has size " + p.size() + " and "
                        + p.inputs().length + " + " + p.outputs().length + " values; this set holds " + size + "×"
                        + size + " patches of " + layout.inputs().size() + " + " + layout.outputs().size()
                        + " channels");
            }
        }
        patches.addAll(more);
        return this;
    }

    /** A new set of the patches of this one and {@code other}. */
    public PatchSet union(PatchSet other) {
        PatchSet u = new PatchSet(layout, size);
        u.addAll(patches);
        u.addAll(other.patches);
        return u;
    }

    public ChannelLayout layout() {
        return layout;
    }

    /** Width and height of the patches, cells. */
    public int patchSize() {
        return size;
    }

    /** Number of patches. */
    public int count() {
        return patches.size();
    }

    public Patch get(int index) {
        return patches.get(index);
    }

    public List<Patch> patches() {
        return Collections.unmodifiableList(patches);
    }

    /** Patches grouped by their source (run), in order of first appearance. */
    public Map<String, List<Patch>> bySource() {
        Map<String, List<Patch>> out = new LinkedHashMap<>();
        for (Patch p : patches) {
            out.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /** Values of one sample's inputs in a batch: size²·(input channels). */
    public int inputValues() {
        return size * size * layout.inputs().size();
    }

    /** Values of one sample's outputs in a batch: size²·(output channels). */
    public int outputValues() {
        return size * size * layout.outputs().size();
    }

    /**
     * Fills a batch, channels-last, sample after sample: {@code inputs[b·inputValues() + …]} and likewise
     * {@code targets}.
     *
     * @param indices    the patches of the batch
     * @param symmetries for each sample the symmetry applied to it (augmentation), or {@code null} for none
     */
    public void fill(int[] indices, int[] symmetries, float[] inputs, float[] targets) {
        int nIn = inputValues();
        int nOut = outputValues();
        for (int b = 0; b < indices.length; b++) {
            Patch p = patches.get(indices[b]);
            if (symmetries == null || symmetries[b] == 0) {
                System.arraycopy(p.inputs(), 0, inputs, b * nIn, nIn);
                System.arraycopy(p.outputs(), 0, targets, b * nOut, nOut);
            } else {
                GridSymmetry g = GridSymmetry.of(symmetries[b]);
                augmentation.inputs(p, g, inputs, b * nIn);
                augmentation.outputs(p, g, targets, b * nOut);
            }
        }
    }
}
