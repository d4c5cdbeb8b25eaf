package igm.emulator.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link GradientEngine}, on one patch held channels-last in a buffer with a zero halo.
 *
 * <p>Buffer layout: a patch of {@code height × width} cells is stored with a halo of {@code halo} zero cells on each
 * side, so cell (column i, row j) of the patch, channel c, is at {@code ((j + halo)·pitch + i + halo)·stride + c}
 * with {@code pitch = width + 2·halo} and the channel stride a multiple of the vector length (padding channels are
 * zero). Kernels only write interior cells, so halos stay zero and 'same' zero padding needs no bounds checks.
 *
 * <p>Packed kernels: weight rows {@code (dy, dx, c)} of {@code co} floats, {@code co} the padded output channel
 * count (= the output buffer's stride), padding weights zero.
 */
final class ConvolutionKernels {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();

    /** Store the sums as they are. */
    static final int LINEAR = 0;
    /** Store LeakyReLU(sum). */
    static final int LEAKY = 1;
    /** Store sum·f'(a) with a read from the activation buffer at the same place: the LeakyReLU derivative. */
    static final int LEAKY_DERIVATIVE = 2;

    private static final int CELL_BLOCK = 4;
    private static final int CHANNEL_BLOCK = 4;

    private ConvolutionKernels() {
    }

    /** Channel count rounded up to whole vectors. */
    static int roundUp(int channels) {
        return (channels + V - 1) / V * V;
    }

    /**
     * A 'same' convolution on rows {@code j0 ≤ j < j1} of the patch:
     * {@code out[cell][o] = finish(bias[o] + Σ_{dy,dx,c} in[cell + (dy−r, dx−r)][c] · w[(dy·k + dx)·cin + c][o])},
     * summed in the order bias, dy, dx, c with fused multiply–adds.
     *
     * @param in         input buffer, stride {@code inStride}
     * @param cin        input channels read (≤ inStride)
     * @param w          packed kernel, rows of {@code co = outStride} floats
     * @param bias       {@code co} biases (zero padded)
     * @param k          odd kernel width, {@code r = (k−1)/2 ≤ halo}
     * @param out        output buffer, stride {@code outStride} (a multiple of the vector length)
     * @param mode       {@link #LINEAR}, {@link #LEAKY} or {@link #LEAKY_DERIVATIVE}
     * @param alpha      LeakyReLU slope
     * @param activation for {@link #LEAKY_DERIVATIVE}: the activation whose derivative multiplies the sum, same layout
     *                   as {@code out}; otherwise unused
     */
    static void convolve(float[] in, int inStride, int cin, float[] w, float[] bias, int k, float[] out,
                         int outStride, int mode, float alpha, float[] activation, int halo, int pitch, int width,
                         int j0, int j1) {
        int off = halo - (k - 1) / 2;
        int co = outStride;
        int rowPitch = pitch * inStride;
        for (int j = j0; j < j1; j++) {
            int window = ((j + off) * pitch + off) * inStride;
            int destination = ((j + halo) * pitch + halo) * outStride;
            int o = 0;
            for (; o + 2 * V <= co; o += 2 * V) {
                int i = 0;
                for (; i + CELL_BLOCK <= width; i += CELL_BLOCK) {
                    convolve4x2(in, window + i * inStride, inStride, rowPitch, cin, k, w, bias, o, co, out,
                            destination + i * outStride, outStride, mode, alpha, activation);
                }
                for (; i < width; i++) {
                    convolve1x2(in, window + i * inStride, inStride, rowPitch, cin, k, w, bias, o, co, out,
                            destination + i * outStride, mode, alpha, activation);
                }
            }
            if (o < co) {
                int i = 0;
                for (; i + CELL_BLOCK <= width; i += CELL_BLOCK) {
                    convolve4x1(in, window + i * inStride, inStride, rowPitch, cin, k, w, bias, o, co, out,
                            destination + i * outStride, outStride, mode, alpha, activation);
                }
                for (; i < width; i++) {
                    convolve1x1(in, window + i * inStride, inStride, rowPitch, cin, k, w, bias, o, co, out,
                            destination + i * outStride, mode, alpha, activation);
                }
            }
        }
    }

    private static void finish(FloatVector sum, float[] out, int at, int mode, float alpha, float[] activation) {
        FloatVector value = switch (mode) {
            case LEAKY -> sum.blend(sum.mul(alpha), sum.compare(VectorOperators.LT, 0f));
            case LEAKY_DERIVATIVE -> sum.blend(sum.mul(alpha),
                    FloatVector.fromArray(SPECIES, activation, at).compare(VectorOperators.LE, 0f));
            default -> sum;
        };
        value.intoArray(out, at);
    }

    private static void convolve4x2(float[] in, int window, int s, int rowPitch, int cin, int k, float[] w,
                                    float[] bias, int o, int co, float[] out, int destination, int outStride,
                                    int mode, float alpha, float[] activation) {
        FloatVector b0 = FloatVector.fromArray(SPECIES, bias, o);
        FloatVector b1 = FloatVector.fromArray(SPECIES, bias, o + V);
        FloatVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = window + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    FloatVector w0 = FloatVector.fromArray(SPECIES, w, q);
                    FloatVector w1 = FloatVector.fromArray(SPECIES, w, q + V);
                    FloatVector x = FloatVector.broadcast(SPECIES, in[p]);
                    a00 = x.fma(w0, a00);
                    a01 = x.fma(w1, a01);
                    x = FloatVector.broadcast(SPECIES, in[p + s]);
                    a10 = x.fma(w0, a10);
                    a11 = x.fma(w1, a11);
                    x = FloatVector.broadcast(SPECIES, in[p + 2 * s]);
                    a20 = x.fma(w0, a20);
                    a21 = x.fma(w1, a21);
                    x = FloatVector.broadcast(SPECIES, in[p + 3 * s]);
                    a30 = x.fma(w0, a30);
                    a31 = x.fma(w1, a31);
                }
            }
        }
        int d = destination + o;
        finish(a00, out, d, mode, alpha, activation);
        finish(a01, out, d + V, mode, alpha, activation);
        finish(a10, out, d + outStride, mode, alpha, activation);
        finish(a11, out, d + outStride + V, mode, alpha, activation);
        finish(a20, out, d + 2 * outStride, mode, alpha, activation);
        finish(a21, out, d + 2 * outStride + V, mode, alpha, activation);
        finish(a30, out, d + 3 * outStride, mode, alpha, activation);
        finish(a31, out, d + 3 * outStride + V, mode, alpha, activation);
    }

    private static void convolve1x2(float[] in, int window, int s, int rowPitch, int cin, int k, float[] w,
                                    float[] bias, int o, int co, float[] out, int destination, int mode, float alpha,
                                    float[] activation) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, bias, o);
        FloatVector a1 = FloatVector.fromArray(SPECIES, bias, o + V);
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = window + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    FloatVector x = FloatVector.broadcast(SPECIES, in[p]);
                    a0 = x.fma(FloatVector.fromArray(SPECIES, w, q), a0);
                    a1 = x.fma(FloatVector.fromArray(SPECIES, w, q + V), a1);
                }
            }
        }
        finish(a0, out, destination + o, mode, alpha, activation);
        finish(a1, out, destination + o + V, mode, alpha, activation);
    }

    private static void convolve4x1(float[] in, int window, int s, int rowPitch, int cin, int k, float[] w,
                                    float[] bias, int o, int co, float[] out, int destination, int outStride,
                                    int mode, float alpha, float[] activation) {
        FloatVector b0 = FloatVector.fromArray(SPECIES, bias, o);
        FloatVector a0 = b0, a1 = b0, a2 = b0, a3 = b0;
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = window + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    FloatVector w0 = FloatVector.fromArray(SPECIES, w, q);
                    a0 = FloatVector.broadcast(SPECIES, in[p]).fma(w0, a0);
                    a1 = FloatVector.broadcast(SPECIES, in[p + s]).fma(w0, a1);
                    a2 = FloatVector.broadcast(SPECIES, in[p + 2 * s]).fma(w0, a2);
                    a3 = FloatVector.broadcast(SPECIES, in[p + 3 * s]).fma(w0, a3);
                }
            }
        }
        int d = destination + o;
        finish(a0, out, d, mode, alpha, activation);
        finish(a1, out, d + outStride, mode, alpha, activation);
        finish(a2, out, d + 2 * outStride, mode, alpha, activation);
        finish(a3, out, d + 3 * outStride, mode, alpha, activation);
    }

    private static void convolve1x1(float[] in, int window, int s, int rowPitch, int cin, int k, float[] w,
                                    float[] bias, int o, int co, float[] out, int destination, int mode, float alpha,
                                    float[] activation) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, bias, o);
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = window + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    a0 = FloatVector.broadcast(SPECIES, in[p]).fma(FloatVector.fromArray(SPECIES, w, q), a0);
                }
            }
        }
        finish(a0, out, destination + o, mode, alpha, activation);
    }

    /**
     * Adds the weight and bias gradients of one convolution on one patch to {@code gradient}:
     * {@code G[(dy·k + dx)·cin + c][o] += Σ_cells a[cell + (dy−r, dx−r)][c] · δ[cell][o]} (rows of {@code co} floats
     * from {@code at}), then {@code G_bias[o] += Σ_cells δ[cell][o]} ({@code co} floats after the kernel rows). Each
     * sum runs over the cells in row-major order in vector registers and is added once.
     *
     * @param a           the convolution's input buffer, stride {@code inStride}
     * @param cin         input channels
     * @param delta       ∂L/∂(pre-activation) of the convolution's output, stride {@code co} (a multiple of the
     *                    vector length), zero halo
     * @param k           kernel width
     * @param gradient    padded gradient accumulator
     * @param at          index of row (0, 0, 0) of this convolution in {@code gradient}
     */
    static void accumulateWeightGradient(float[] a, int inStride, int cin, float[] delta, int co, int k,
                                         float[] gradient, int at, int halo, int pitch, int height, int width) {
        accumulateWeightGradient(a, inStride, cin, delta, co, k, gradient, at, halo, pitch, height, width, 0, k * k,
                true);
    }

    /**
     * As {@link #accumulateWeightGradient(float[], int, int, float[], int, int, float[], int, int, int, int, int)}
     * for the kernel taps {@code dy·k + dx} in [{@code tapFrom}, {@code tapTo}) only, and the bias when
     * {@code withBias}: the taps write disjoint rows of the gradient and each sum is the same as in the whole call, so
     * threads can share the taps of one patch with bit-identical results.
     */
    static void accumulateWeightGradient(float[] a, int inStride, int cin, float[] delta, int co, int k,
                                         float[] gradient, int at, int halo, int pitch, int height, int width,
                                         int tapFrom, int tapTo, boolean withBias) {
        int off = halo - (k - 1) / 2;
        int deltaStart = (halo * pitch + halo) * co;
        for (int tap = tapFrom; tap < tapTo; tap++) {
            int dy = tap / k;
            int dx = tap % k;
            int inputStart = ((off + dy) * pitch + off + dx) * inStride;
            int row = at + (dy * k + dx) * cin * co;
            int c = 0;
            if (co % (2 * V) == 0) {
                for (; c + 2 * CHANNEL_BLOCK <= cin; c += 2 * CHANNEL_BLOCK) {
                    for (int o = 0; o < co; o += 2 * V) {
                        weight8x2(a, inputStart + c, inStride, delta, deltaStart + o, co, pitch, height, width,
                                gradient, row + c * co + o);
                    }
                }
            }
            for (; c + CHANNEL_BLOCK <= cin; c += CHANNEL_BLOCK) {
                int o = 0;
                for (; o + 2 * V <= co; o += 2 * V) {
                    weight4x2(a, inputStart + c, inStride, delta, deltaStart + o, co, pitch, height, width,
                            gradient, row + c * co + o);
                }
                if (o < co) {
                    weight4x1(a, inputStart + c, inStride, delta, deltaStart + o, co, pitch, height, width,
                            gradient, row + c * co + o);
                }
            }
            for (; c < cin; c++) {
                for (int o = 0; o < co; o += V) {
                    weight1x1(a, inputStart + c, inStride, delta, deltaStart + o, co, pitch, height, width,
                            gradient, row + c * co + o);
                }
            }
        }
        if (!withBias) {
            return;
        }
        int biasAt = at + k * k * cin * co;
        for (int o = 0; o < co; o += V) {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int j = 0; j < height; j++) {
                int pd = deltaStart + o + j * pitch * co;
                for (int i = 0; i < width; i++, pd += co) {
                    sum = sum.add(FloatVector.fromArray(SPECIES, delta, pd));
                }
            }
            sum.add(FloatVector.fromArray(SPECIES, gradient, biasAt + o)).intoArray(gradient, biasAt + o);
        }
    }

    /** Four input channels × two vectors of output channels. */
    private static void weight4x2(float[] a, int inputStart, int s, float[] delta, int deltaStart, int co, int pitch,
                                  int height, int width, float[] gradient, int at) {
        FloatVector g00 = FloatVector.zero(SPECIES), g01 = g00, g10 = g00, g11 = g00, g20 = g00, g21 = g00,
                g30 = g00, g31 = g00;
        for (int j = 0; j < height; j++) {
            int pa = inputStart + j * pitch * s;
            int pd = deltaStart + j * pitch * co;
            for (int i = 0; i < width; i++, pa += s, pd += co) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, delta, pd);
                FloatVector d1 = FloatVector.fromArray(SPECIES, delta, pd + V);
                FloatVector x = FloatVector.broadcast(SPECIES, a[pa]);
                g00 = x.fma(d0, g00);
                g01 = x.fma(d1, g01);
                x = FloatVector.broadcast(SPECIES, a[pa + 1]);
                g10 = x.fma(d0, g10);
                g11 = x.fma(d1, g11);
                x = FloatVector.broadcast(SPECIES, a[pa + 2]);
                g20 = x.fma(d0, g20);
                g21 = x.fma(d1, g21);
                x = FloatVector.broadcast(SPECIES, a[pa + 3]);
                g30 = x.fma(d0, g30);
                g31 = x.fma(d1, g31);
            }
        }
        add(g00, gradient, at);
        add(g01, gradient, at + V);
        add(g10, gradient, at + co);
        add(g11, gradient, at + co + V);
        add(g20, gradient, at + 2 * co);
        add(g21, gradient, at + 2 * co + V);
        add(g30, gradient, at + 3 * co);
        add(g31, gradient, at + 3 * co + V);
    }

    /** Eight input channels × two vectors of output channels. */
    private static void weight8x2(float[] a, int inputStart, int s, float[] delta, int deltaStart, int co, int pitch,
                                  int height, int width, float[] gradient, int at) {
        FloatVector g00 = FloatVector.zero(SPECIES), g01 = g00, g10 = g00, g11 = g00, g20 = g00, g21 = g00,
                g30 = g00, g31 = g00, g40 = g00, g41 = g00, g50 = g00, g51 = g00, g60 = g00, g61 = g00, g70 = g00,
                g71 = g00;
        for (int j = 0; j < height; j++) {
            int pa = inputStart + j * pitch * s;
            int pd = deltaStart + j * pitch * co;
            for (int i = 0; i < width; i++, pa += s, pd += co) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, delta, pd);
                FloatVector d1 = FloatVector.fromArray(SPECIES, delta, pd + V);
                FloatVector x = FloatVector.broadcast(SPECIES, a[pa]);
                g00 = x.fma(d0, g00);
                g01 = x.fma(d1, g01);
                x = FloatVector.broadcast(SPECIES, a[pa + 1]);
                g10 = x.fma(d0, g10);
                g11 = x.fma(d1, g11);
                x = FloatVector.broadcast(SPECIES, a[pa + 2]);
                g20 = x.fma(d0, g20);
                g21 = x.fma(d1, g21);
                x = FloatVector.broadcast(SPECIES, a[pa + 3]);
                g30 = x.fma(d0, g30);
                g31 = x.fma(d1, g31);
                x = FloatVector.broadcast(SPECIES, a[pa + 4]);
                g40 = x.fma(d0, g40);
                g41 = x.fma(d1, g41);
                x = FloatVector.broadcast(SPECIES, a[pa + 5]);
                g50 = x.fma(d0, g50);
                g51 = x.fma(d1, g51);
                x = FloatVector.broadcast(SPECIES, a[pa + 6]);
                g60 = x.fma(d0, g60);
                g61 = x.fma(d1, g61);
                x = FloatVector.broadcast(SPECIES, a[pa + 7]);
                g70 = x.fma(d0, g70);
                g71 = x.fma(d1, g71);
            }
        }
        add(g00, gradient, at);
        add(g01, gradient, at + V);
        add(g10, gradient, at + co);
        add(g11, gradient, at + co + V);
        add(g20, gradient, at + 2 * co);
        add(g21, gradient, at + 2 * co + V);
        add(g30, gradient, at + 3 * co);
        add(g31, gradient, at + 3 * co + V);
        add(g40, gradient, at + 4 * co);
        add(g41, gradient, at + 4 * co + V);
        add(g50, gradient, at + 5 * co);
        add(g51, gradient, at + 5 * co + V);
        add(g60, gradient, at + 6 * co);
        add(g61, gradient, at + 6 * co + V);
        add(g70, gradient, at + 7 * co);
        add(g71, gradient, at + 7 * co + V);
    }

    /** Four input channels × one vector of output channels. */
    private static void weight4x1(float[] a, int inputStart, int s, float[] delta, int deltaStart, int co, int pitch,
                                  int height, int width, float[] gradient, int at) {
        FloatVector g0 = FloatVector.zero(SPECIES), g1 = g0, g2 = g0, g3 = g0;
        for (int j = 0; j < height; j++) {
            int pa = inputStart + j * pitch * s;
            int pd = deltaStart + j * pitch * co;
            for (int i = 0; i < width; i++, pa += s, pd += co) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, delta, pd);
                g0 = FloatVector.broadcast(SPECIES, a[pa]).fma(d0, g0);
                g1 = FloatVector.broadcast(SPECIES, a[pa + 1]).fma(d0, g1);
                g2 = FloatVector.broadcast(SPECIES, a[pa + 2]).fma(d0, g2);
                g3 = FloatVector.broadcast(SPECIES, a[pa + 3]).fma(d0, g3);
            }
        }
        add(g0, gradient, at);
        add(g1, gradient, at + co);
        add(g2, gradient, at + 2 * co);
        add(g3, gradient, at + 3 * co);
    }

    /** One input channel × one vector of output channels. */
    private static void weight1x1(float[] a, int inputStart, int s, float[] delta, int deltaStart, int co, int pitch,
                                  int height, int width, float[] gradient, int at) {
        FloatVector g0 = FloatVector.zero(SPECIES);
        for (int j = 0; j < height; j++) {
            int pa = inputStart + j * pitch * s;
            int pd = deltaStart + j * pitch * co;
            for (int i = 0; i < width; i++, pa += s, pd += co) {
                g0 = FloatVector.broadcast(SPECIES, a[pa]).fma(FloatVector.fromArray(SPECIES, delta, pd), g0);
            }
        }
        add(g0, gradient, at);
    }

    private static void add(FloatVector sum, float[] gradient, int at) {
        sum.add(FloatVector.fromArray(SPECIES, gradient, at)).intoArray(gradient, at);
    }
}
