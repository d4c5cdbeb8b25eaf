package igm.emulator.training;

import java.util.Locale;

/**
 * The shape of IGM's emulator CNN (Jouvet et al. 2021): {@code layers} hidden 2D convolutions of
 * {@code kernelSize × kernelSize} with {@code filters} filters, 'same' zero padding, stride 1, a bias and a LeakyReLU
 * of slope {@code leakyAlpha} for negative values, then one linear 1×1 convolution to {@code outputs} channels. The
 * paper's glacier emulators use 16 layers of 32 filters 3×3, 5 inputs and 6 outputs, α = 0.01.
 *
 * <p>Convolutions are numbered {@code 0 … layers}: convolution {@code l < layers} is hidden (k×k, LeakyReLU), the last
 * one ({@code l = layers}) is the 1×1 output convolution. The flat parameter vector holds, convolution after
 * convolution, its kernel in Keras order {@code (dy, dx, c, o)} (index {@code ((dy·k + dx)·c_in + c)·c_out + o} from
 * {@link #kernelOffset}) followed by its {@code c_out} biases (from {@link #biasOffset}).
 *
 * @param inputs     input channels (fields) of the network, ≥ 1
 * @param outputs    output channels, ≥ 1
 * @param layers     hidden convolution layers N_lay, ≥ 1
 * @param filters    filters N_feat of each hidden layer, ≥ 1
 * @param kernelSize odd kernel width N_ker of the hidden layers, ≥ 1
 * @param leakyAlpha LeakyReLU slope for negative values, finite and ≥ 0 (the backward pass takes the derivative from
 *                   the sign of the stored activation, which equals that of the pre-activation only for α ≥ 0)
 */
public record Architecture(int inputs, int outputs, int layers, int filters, int kernelSize, double leakyAlpha) {

    /** The LeakyReLU slope of IGM's emulators (Keras {@code LeakyReLU(alpha=0.01)}). */
    public static final double DEFAULT_LEAKY_ALPHA = 0.01;

    /**
     * @throws IllegalArgumentException naming the bad value when a field is out of range, or when the parameter
     *                                  count does not fit a Java array
     */
    public Architecture {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("inputs and outputs must be ≥ 1, got " + inputs + " and " + outputs);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers (hidden convolutions) must be ≥ 1, got " + layers);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be ≥ 1, got " + filters);
        }
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and ≥ 1, got " + kernelSize);
        }
        if (!Double.isFinite(leakyAlpha) || leakyAlpha < 0) {
            throw new IllegalArgumentException("LeakyReLU alpha must be finite and ≥ 0, got " + leakyAlpha);
        }
        long count = countParameters(inputs, outputs, layers, filters, kernelSize);
        if (count > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("architecture " + layers + "×" + filters + " " + kernelSize + "×"
                    + kernelSize + " has " + count + " parameters, more than one array can hold");
        }
    }

    /** The architecture with IGM's LeakyReLU slope α = 0.01. */
    public static Architecture of(int inputs, int outputs, int layers, int filters, int kernelSize) {
        return new Architecture(inputs, outputs, layers, filters, kernelSize, DEFAULT_LEAKY_ALPHA);
    }

    /** Number of convolutions, hidden and output: {@code layers + 1}. */
    public int convolutionCount() {
        return layers + 1;
    }

    /** Kernel width of convolution {@code l}: {@link #kernelSize} for hidden ones, 1 for the output one. */
    public int kernelSize(int l) {
        checkConvolution(l);
        return l < layers ? kernelSize : 1;
    }

    /** Input channels of convolution {@code l}: {@link #inputs} for the first, {@link #filters} after. */
    public int inChannels(int l) {
        checkConvolution(l);
        return l == 0 ? inputs : filters;
    }

    /** Output channels of convolution {@code l}: {@link #filters} for hidden ones, {@link #outputs} for the last. */
    public int outChannels(int l) {
        checkConvolution(l);
        return l < layers ? filters : outputs;
    }

    /** Whether convolution {@code l} is followed by the LeakyReLU (all but the last). */
    public boolean activated(int l) {
        checkConvolution(l);
        return l < layers;
    }

    /** Weights of the kernel of convolution {@code l}: {@code k²·c_in·c_out}. */
    public int kernelLength(int l) {
        int k = kernelSize(l);
        return k * k * inChannels(l) * outChannels(l);
    }

    /** Index in the flat parameter vector of the first kernel weight of convolution {@code l}. */
    public int kernelOffset(int l) {
        checkConvolution(l);
        int offset = 0;
        for (int m = 0; m < l; m++) {
            offset += kernelLength(m) + outChannels(m);
        }
        return offset;
    }

    /** Index in the flat parameter vector of the first bias of convolution {@code l}. */
    public int biasOffset(int l) {
        return kernelOffset(l) + kernelLength(l);
    }

    /** Weights and biases of all convolutions: the length of the flat parameter vector. */
    public long parameterCount() {
        return countParameters(inputs, outputs, layers, filters, kernelSize);
    }

    /** How far, in cells, an input value can influence an output: {@code layers·(kernelSize−1)/2}. */
    public int receptiveRadius() {
        return layers * ((kernelSize - 1) / 2);
    }

    /** Forward-pass floating-point operations per cell: {@code 2·Σ_l k_l²·c_in,l·c_out,l} (multiply–adds × 2). */
    public long flopsPerCell() {
        long multiplyAdds = (long) kernelSize * kernelSize * inputs * filters
                + (long) (layers - 1) * kernelSize * kernelSize * filters * filters
                + (long) filters * outputs;
        return 2 * multiplyAdds;
    }

    /** One line, e.g. {@code "16×32 3×3 (5→6), 140,390 parameters"}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d×%d %d×%d (%d→%d), %,d parameters", layers, filters, kernelSize,
                kernelSize, inputs, outputs, parameterCount());
    }

    @Override
    public String toString() {
        return describe() + ", LeakyReLU α " + leakyAlpha;
    }

    private void checkConvolution(int l) {
        if (l < 0 || l > layers) {
            throw new IndexOutOfBoundsException("convolution " + l + " of " + (layers + 1));
        }
    }

    private static long countParameters(int inputs, int outputs, int layers, int filters, int kernelSize) {
        long k2 = (long) kernelSize * kernelSize;
        return k2 * inputs * filters + filters
                + (layers - 1) * (k2 * filters * filters + filters)
                + (long) filters * outputs + outputs;
    }
}
