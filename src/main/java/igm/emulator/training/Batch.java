package igm.emulator.training;

import java.util.Arrays;

/**
 * A batch of equally sized patches with their targets, channels-last: input channel {@code c} of cell (column
 * {@code i}, row {@code j}) of sample {@code b} is {@code inputs[((b·height + j)·width + i)·inputChannels + c]}, and
 * likewise {@code targets} with {@code outputChannels}. Values outside a patch are taken as zero by the network
 * ('same' zero padding), as in Keras.
 *
 * <p>The arrays are held, not copied (a batch is large and built once per training step): do not change them while a
 * {@link GradientEngine} uses the batch.
 *
 * @param size           samples, ≥ 1
 * @param height         rows of each patch, ≥ 1
 * @param width          columns of each patch, ≥ 1
 * @param inputChannels  channels of {@code inputs}, ≥ 1
 * @param outputChannels channels of {@code targets}, ≥ 1
 * @param inputs         {@code size·height·width·inputChannels} values
 * @param targets        {@code size·height·width·outputChannels} values, or {@code null} for a batch used only for
 *                       {@link GradientEngine#predict}
 */
public record Batch(int size, int height, int width, int inputChannels, int outputChannels, float[] inputs,
                    float[] targets) {

    /**
     * @throws IllegalArgumentException naming the value when a dimension is below 1 or an array has the wrong length
     */
    public Batch {
        if (size < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("batch size, height and width must be ≥ 1, got " + size + ", "
                    + height + ", " + width);
        }
        if (inputChannels < 1 || outputChannels < 1) {
            throw new IllegalArgumentException("channel counts must be ≥ 1, got " + inputChannels + " inputs and "
                    + outputChannels + " outputs");
        }
        long cells = (long) size * height * width;
        if (cells * Math.max(inputChannels, outputChannels) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("batch of " + size + " patches " + height + "×" + width
                    + " too large for one array");
        }
        if (inputs == null || inputs.length != cells * inputChannels) {
            throw new IllegalArgumentException("inputs must have size·height·width·channels = " + size + "·" + height
                    + "·" + width + "·" + inputChannels + " = " + cells * inputChannels + " values, got "
                    + (inputs == null ? "null" : inputs.length));
        }
        if (targets != null && targets.length != cells * outputChannels) {
            throw new IllegalArgumentException("targets must have size·height·width·channels = " + size + "·"
                    + height + "·" + width + "·" + outputChannels + " = " + cells * outputChannels
                    + " values, got " + targets.length);
        }
    }

    /** Cells of one patch: {@code height·width}. */
    public int cellsPerSample() {
        return height * width;
    }

    /** Target values of the whole batch, the divisor of the mean absolute error: {@code size·height·width·outputs}. */
    public long targetCount() {
        return (long) size * height * width * outputChannels;
    }

    /** Whether the batch carries targets (needed for the loss and its gradient). */
    public boolean hasTargets() {
        return targets != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Batch b && b.size == size && b.height == height && b.width == width
                && b.inputChannels == inputChannels && b.outputChannels == outputChannels
                && Arrays.equals(b.inputs, inputs) && Arrays.equals(b.targets, targets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputs) + Arrays.hashCode(targets)) + size;
    }

    @Override
    public String toString() {
        return "Batch of " + size + " patches " + height + "×" + width + ", " + inputChannels + " inputs → "
                + outputChannels + " outputs" + (targets == null ? " (no targets)" : "");
    }
}
