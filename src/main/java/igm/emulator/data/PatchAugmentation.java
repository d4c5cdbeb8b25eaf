package igm.emulator.data;

import igm.field.FieldSpec;
import igm.grid.GridSymmetry;

import java.util.List;

/**
 * Augmentation of square channels-last patches by the eight symmetries of the grid (rotations by 90°, 180°, 270°
 * and reflections): the cells move as {@link GridSymmetry#cellMap} says, and the x and y components of each vector
 * (slopes, velocities) are exchanged and sign-flipped as {@link GridSymmetry#vector} does, so that an augmented
 * patch is the instructor's answer for the transformed glacier.
 */
public final class PatchAugmentation {

    private final int size;
    private final int[][] cellMap = new int[8][];
    private final int[][][] sourceChannel = new int[2][8][];
    private final float[][][] sign = new float[2][8][];
    private final int[] channels = new int[2];

    /**
     * @param size   width and height of the patches, cells
     * @param layout the channels (which are vector components)
     */
    public PatchAugmentation(int size, ChannelLayout layout) {
        this.size = size;
        for (GridSymmetry g : GridSymmetry.all()) {
            cellMap[g.index()] = g.cellMap(size, size);
        }
        List<List<String>> lists = List.of(layout.inputs(), layout.outputs());
        for (int side = 0; side < 2; side++) {
            List<String> names = lists.get(side);
            int[] partner = ChannelLayout.partnerChannels(names);
            channels[side] = names.size();
            for (GridSymmetry g : GridSymmetry.all()) {
                int[] from = new int[names.size()];
                float[] s = new float[names.size()];
                for (int c = 0; c < from.length; c++) {
                    if (partner[c] < 0) {
                        from[c] = c;
                        s[c] = 1;
                    } else {
                        boolean x = FieldSpec.isXComponent(names.get(c));
                        from[c] = g.transposes() ? partner[c] : c;
                        s[c] = (float) (x ? g.signX() : g.signY());
                    }
                }
                sourceChannel[side][g.index()] = from;
                sign[side][g.index()] = s;
            }
        }
    }

    /** Width and height of the patches. */
    public int size() {
        return size;
    }

    /** The inputs of {@code patch} under {@code g}, written to {@code out} from {@code offset}. */
    public void inputs(Patch patch, GridSymmetry g, float[] out, int offset) {
        apply(0, patch.inputs(), g, out, offset);
    }

    /** The outputs of {@code patch} under {@code g}, written to {@code out} from {@code offset}. */
    public void outputs(Patch patch, GridSymmetry g, float[] out, int offset) {
        apply(1, patch.outputs(), g, out, offset);
    }

    /** A copy of {@code patch} transformed by {@code g}. */
    public Patch transform(Patch patch, GridSymmetry g) {
        float[] in = new float[patch.inputs().length];
        float[] out = new float[patch.outputs().length];
        inputs(patch, g, in, 0);
        outputs(patch, g, out, 0);
        return new Patch(patch.source(), patch.time(), patch.i0(), patch.j0(), size, in, out);
    }

    private void apply(int side, float[] data, GridSymmetry g, float[] out, int offset) {
        int nc = channels[side];
        if (data.length != size * size * nc) {
            throw new IllegalArgumentException("patch has " + data.length + " values, expected " + size + "²·" + nc);
        }
        int[] map = cellMap[g.index()];
        int[] from = sourceChannel[side][g.index()];
        float[] s = sign[side][g.index()];
        for (int k = 0; k < map.length; k++) {
            int src = k * nc;
            int dst = offset + map[k] * nc;
            for (int c = 0; c < nc; c++) {
                out[dst + c] = s[c] * data[src + from[c]];
            }
        }
    }
}
