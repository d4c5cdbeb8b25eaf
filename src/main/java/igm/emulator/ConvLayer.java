package igm.emulator;

import java.util.Arrays;

/**
 * One 2D convolution with 'same' zero padding, stride 1 and a bias, optionally followed by a LeakyReLU.
 *
 * <p>{@code out[j][i][o] = bias[o] + Σ_{dy,dx,c} in[j+dy-r][i+dx-r][c] · kernel[dy][dx][c][o]} with
 * {@code r = (kernelSize-1)/2}, rows {@code j} and columns {@code i}; inputs outside the grid are zero. The kernel is
 * stored flat in Keras order {@code (dy, dx, c, o)}: index {@code ((dy·k + dx)·inChannels + c)·outChannels + o}.
 *
 * @param kernelSize  odd kernel width k ≥ 1
 * @param inChannels  number of input channels, ≥ 1
 * @param outChannels number of filters, ≥ 1
 * @param kernel      k·k·inChannels·outChannels weights, Keras order
 * @param bias        outChannels biases
 * @param leakyRelu   whether the network's LeakyReLU follows this convolution
 */
public record ConvLayer(int kernelSize, int inChannels, int outChannels, float[] kernel, float[] bias,
                        boolean leakyRelu) {

    public ConvLayer {
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernelSize);
        }
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("channel counts must be positive, got in=" + inChannels
                    + ", out=" + outChannels);
        }
        long expected = (long) kernelSize * kernelSize * inChannels * outChannels;
        if (kernel == null || kernel.length != expected) {
            throw new IllegalArgumentException("kernel must have " + expected + " weights (" + kernelSize + "×"
                    + kernelSize + "×" + inChannels + "×" + outChannels + "), got "
                    + (kernel == null ? "null" : kernel.length));
        }
        if (bias == null || bias.length != outChannels) {
            throw new IllegalArgumentException("bias must have " + outChannels + " entries, got "
                    + (bias == null ? "null" : bias.length));
        }
        kernel = kernel.clone();
        bias = bias.clone();
    }

    /** Half-width r = (k-1)/2 of the kernel, cells. */
    public int radius() {
        return (kernelSize - 1) / 2;
    }

    /** Multiply–adds per output cell times two: {@code 2·k²·inChannels·outChannels}. */
    public long flopsPerCell() {
        return 2L * kernelSize * kernelSize * inChannels * outChannels;
    }

    /** Weight {@code kernel[dy][dx][c][o]}. */
    public float weight(int dy, int dx, int c, int o) {
        return kernel[((dy * kernelSize + dx) * inChannels + c) * outChannels + o];
    }

    @Override
    public float[] kernel() {
        return kernel.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvLayer l && l.kernelSize == kernelSize && l.inChannels == inChannels
                && l.outChannels == outChannels && l.leakyRelu == leakyRelu && Arrays.equals(l.kernel, kernel)
                && Arrays.equals(l.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(kernel) + Arrays.hashCode(bias)) + kernelSize;
    }

    @Override
    public String toString() {
        return "Conv2D " + kernelSize + "×" + kernelSize + " " + inChannels + "→" + outChannels
                + (leakyRelu ? " + LeakyReLU" : "");
    }
}
