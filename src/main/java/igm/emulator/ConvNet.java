package igm.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A fully convolutional network of 'same'-padded convolutions, each optionally followed by a LeakyReLU of slope
 * {@code alpha} for negative values, as used by IGM's ice-flow emulators (Jouvet et al. 2021): N convolutions
 * k×k with F filters and LeakyReLU, then a linear 1×1 convolution to the outputs.
 *
 * <p>Activations are channels-last: value {@code c} of cell {@code (i, j)} of an {@code nx × ny} grid is at
 * {@code (j·nx + i)·channels + c}. Two forward passes give the same result to float rounding:
 * {@link #forwardReference} (plain loops, for checking) and {@link #forward} (the Vector API, threads). The fast
 * pass keeps each activation in a buffer with a zero halo as wide as the largest kernel radius and a channel stride
 * padded to a multiple of the vector length; it accumulates a block of 4 cells × 2 vectors of output channels in
 * registers, broadcasting each input value against contiguous weight rows, applies the LeakyReLU on the store, and
 * splits the rows of each layer between the threads of a pool owned by this object ({@link #close} releases it),
 * in chunks of equal work. Tails need no special case: output channels are padded with zero weights and biases to
 * whole vectors, and rows end with 1-cell blocks. With a mask of wanted cells
 * ({@link #forward(float[], int, int, boolean[])}) each layer is evaluated only on the spans of rows that the wanted
 * outputs depend on, with identical results at those cells.
 *
 * <p>Instances are immutable apart from scratch buffers; {@link #forward} is synchronized.
 */
public final class ConvNet implements AutoCloseable {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int V = SP.length();
    private static final int CELL_BLOCK = 4;

    private final List<ConvLayer> layers;
    private final float alpha;
    private final int threads;
    private final ForkJoinPool pool;
    private final float[][] packedKernel;
    private final float[][] packedBias;
    private final int[] paddedOut;
    private final int halo;
    private final int stride;

    private float[] bufferA;
    private float[] bufferB;
    private int bufferNx = -1;
    private int bufferNy = -1;
    private long lastCallFlops;

    /** A network evaluated with as many threads as available processors. */
    public ConvNet(List<ConvLayer> layers, double leakyAlpha) {
        this(layers, leakyAlpha, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param layers     the convolutions in order; the output channels of each are the input channels of the next
     * @param leakyAlpha slope of the LeakyReLU for negative values (Keras {@code alpha}), finite
     * @param threads    threads of the fast forward pass, ≥ 1
     * @throws IllegalArgumentException for an empty list, mismatched channels, a non-finite alpha or threads &lt; 1
     */
    public ConvNet(List<ConvLayer> layers, double leakyAlpha, int threads) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inChannels() != layers.get(l - 1).outChannels()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inChannels()
                        + " channels but layer " + (l - 1) + " gives " + layers.get(l - 1).outChannels());
            }
        }
        if (!Double.isFinite(leakyAlpha)) {
            throw new IllegalArgumentException("LeakyReLU alpha must be finite, got " + leakyAlpha);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.layers = List.copyOf(layers);
        this.alpha = (float) leakyAlpha;
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
        int n = layers.size();
        packedKernel = new float[n][];
        packedBias = new float[n][];
        paddedOut = new int[n];
        int maxRadius = 0;
        int maxChannels = roundUp(layers.getFirst().inChannels());
        for (int l = 0; l < n; l++) {
            ConvLayer layer = layers.get(l);
            int k = layer.kernelSize();
            int cin = layer.inChannels();
            int cout = layer.outChannels();
            int co = roundUp(cout);
            paddedOut[l] = co;
            float[] src = layer.kernel();
            float[] dst = new float[k * k * cin * co];
            for (int t = 0; t < k * k * cin; t++) {
                System.arraycopy(src, t * cout, dst, t * co, cout);
            }
            packedKernel[l] = dst;
            packedBias[l] = new float[co];
            System.arraycopy(layer.bias(), 0, packedBias[l], 0, cout);
            maxRadius = Math.max(maxRadius, layer.radius());
            maxChannels = Math.max(maxChannels, co);
        }
        this.halo = maxRadius;
        this.stride = maxChannels;
    }

    /** The same network with another thread count (a new pool; the weights are shared). */
    public ConvNet withThreads(int threadCount) {
        return new ConvNet(layers, alpha, threadCount);
    }

    public List<ConvLayer> layers() {
        return layers;
    }

    public double leakyAlpha() {
        return alpha;
    }

    public int threads() {
        return threads;
    }

    public int inputChannels() {
        return layers.getFirst().inChannels();
    }

    public int outputChannels() {
        return layers.getLast().outChannels();
    }

    /** Σ radius of the layers: how far, in cells, an input value can influence an output. */
    public int receptiveRadius() {
        int r = 0;
        for (ConvLayer layer : layers) {
            r += layer.radius();
        }
        return r;
    }

    /** Floating-point operations per output cell: {@code 2·Σ k²·c_in·c_out}. */
    public long flopsPerCell() {
        long f = 0;
        for (ConvLayer layer : layers) {
            f += layer.flopsPerCell();
        }
        return f;
    }

    /** Floating-point operations of one forward pass on an {@code nx × ny} grid. */
    public long flops(int nx, int ny) {
        return flopsPerCell() * nx * ny;
    }

    /** One line: layer count, kernels, filters, channels, parameters, flop per cell. */
    public String describe() {
        long params = 0;
        for (ConvLayer layer : layers) {
            params += (long) layer.kernelSize() * layer.kernelSize() * layer.inChannels() * layer.outChannels()
                    + layer.outChannels();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("CNN ").append(layers.size()).append(" conv layers [");
        for (int l = 0; l < layers.size(); l++) {
            ConvLayer layer = layers.get(l);
            if (l > 0) {
                sb.append(", ");
            }
            sb.append(layer.kernelSize()).append('x').append(layer.kernelSize()).append(' ')
                    .append(layer.inChannels()).append("->").append(layer.outChannels());
            if (layer.leakyRelu()) {
                sb.append(" lrelu");
            }
        }
        sb.append("], LeakyReLU alpha ").append(alpha).append(", ").append(params).append(" parameters, ")
                .append(flopsPerCell()).append(" flop/cell, receptive radius ").append(receptiveRadius())
                .append(" cells");
        return sb.toString();
    }

    /**
     * The reference forward pass with plain loops (slow; for tests).
     *
     * @param input channels-last, {@code nx·ny·inputChannels()} values
     * @return channels-last, {@code nx·ny·outputChannels()} values
     */
    public float[] forwardReference(float[] input, int nx, int ny) {
        checkInput(input, nx, ny);
        float[] current = input;
        for (ConvLayer layer : layers) {
            int k = layer.kernelSize();
            int r = layer.radius();
            int cin = layer.inChannels();
            int cout = layer.outChannels();
            float[] w = layer.kernel();
            float[] b = layer.bias();
            float[] next = new float[nx * ny * cout];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    for (int o = 0; o < cout; o++) {
                        float sum = b[o];
                        for (int dy = 0; dy < k; dy++) {
                            int jj = j + dy - r;
                            if (jj < 0 || jj >= ny) {
                                continue;
                            }
                            for (int dx = 0; dx < k; dx++) {
                                int ii = i + dx - r;
                                if (ii < 0 || ii >= nx) {
                                    continue;
                                }
                                int p = (jj * nx + ii) * cin;
                                int q = ((dy * k + dx) * cin) * cout + o;
                                for (int c = 0; c < cin; c++) {
                                    sum += current[p + c] * w[q + c * cout];
                                }
                            }
                        }
                        next[(j * nx + i) * cout + o] = layer.leakyRelu() && sum < 0 ? alpha * sum : sum;
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * The fast forward pass (Vector API, {@link #threads()} threads).
     *
     * @param input channels-last, {@code nx·ny·inputChannels()} values
     * @return channels-last, {@code nx·ny·outputChannels()} values
     */
    public float[] forward(float[] input, int nx, int ny) {
        return forward(input, nx, ny, null);
    }

    /**
     * The fast forward pass restricted to what the cells of {@code mask} need: layer l is evaluated, row by row,
     * only on the span of cells within Chebyshev distance {@code R_l} of a mask cell, where {@code R_l} is the sum
     * of the radii of the layers after l. The outputs at mask cells are identical to those of the whole-grid pass
     * (same zero padding at the domain edge, same operations in the same order); outputs elsewhere are zero.
     *
     * @param input channels-last, {@code nx·ny·inputChannels()} values
     * @param mask  {@code nx·ny} flags of the cells whose outputs are wanted, or {@code null} for all
     * @return channels-last, {@code nx·ny·outputChannels()} values
     */
    public synchronized float[] forward(float[] input, int nx, int ny, boolean[] mask) {
        checkInput(input, nx, ny);
        if (mask != null && mask.length != nx * ny) {
            throw new IllegalArgumentException("mask must have " + nx * ny + " entries, got " + mask.length);
        }
        int nLayers = layers.size();
        int[][] spans = mask == null ? null : spans(mask, nx, ny);
        ensureBuffers(nx, ny);
        int pw = nx + 2 * halo;
        int cin = inputChannels();
        float[] in = bufferA;
        float[] out = bufferB;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                System.arraycopy(input, (j * nx + i) * cin, in, ((j + halo) * pw + i + halo) * stride, cin);
            }
        }
        long flops = 0;
        for (int l = 0; l < nLayers; l++) {
            int[] span = spans == null ? null : spans[l];
            runLayer(l, in, out, nx, ny, span);
            long cells = 0;
            for (int j = 0; j < ny; j++) {
                cells += span == null ? nx : span[2 * j + 1] - span[2 * j];
            }
            flops += cells * layers.get(l).flopsPerCell();
            float[] t = in;
            in = out;
            out = t;
        }
        lastCallFlops = flops;
        int cout = outputChannels();
        float[] result = new float[nx * ny * cout];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (mask == null || mask[j * nx + i]) {
                    System.arraycopy(in, ((j + halo) * pw + i + halo) * stride, result, (j * nx + i) * cout, cout);
                }
            }
        }
        return result;
    }

    /** Floating-point operations of the last {@link #forward} call (less than {@link #flops} when masked). */
    public synchronized long lastCallFlops() {
        return lastCallFlops;
    }

    /**
     * For each layer l, for each row j, the columns {@code [span[2j], span[2j+1])} from the first to the last cell
     * within Chebyshev distance R_l of a mask cell (empty when none).
     */
    private int[][] spans(boolean[] mask, int nx, int ny) {
        int nLayers = layers.size();
        int[] remaining = new int[nLayers];
        int total = 0;
        for (int l = nLayers - 1; l >= 0; l--) {
            remaining[l] = total;
            total += layers.get(l).radius();
        }
        int far = total + 1;
        int[] rowDistance = new int[nx * ny];
        for (int j = 0; j < ny; j++) {
            int last = -far - 1;
            for (int i = 0; i < nx; i++) {
                if (mask[j * nx + i]) {
                    last = i;
                }
                rowDistance[j * nx + i] = Math.min(far, i - last);
            }
            last = nx + far + 1;
            for (int i = nx - 1; i >= 0; i--) {
                if (mask[j * nx + i]) {
                    last = i;
                }
                rowDistance[j * nx + i] = Math.min(rowDistance[j * nx + i], Math.min(far, last - i));
            }
        }
        int[] distance = new int[nx * ny];
        for (int j = 0; j < ny; j++) {
            int jStart = Math.max(0, j - total);
            int jEnd = Math.min(ny - 1, j + total);
            for (int i = 0; i < nx; i++) {
                int best = far;
                for (int jj = jStart; jj <= jEnd && best > 0; jj++) {
                    best = Math.min(best, Math.max(Math.abs(j - jj), rowDistance[jj * nx + i]));
                }
                distance[j * nx + i] = best;
            }
        }
        int[][] spans = new int[nLayers][2 * ny];
        for (int l = 0; l < nLayers; l++) {
            int reach = remaining[l];
            for (int j = 0; j < ny; j++) {
                int first = -1;
                int last = -1;
                for (int i = 0; i < nx; i++) {
                    if (distance[j * nx + i] <= reach) {
                        if (first < 0) {
                            first = i;
                        }
                        last = i;
                    }
                }
                spans[l][2 * j] = first < 0 ? 0 : first;
                spans[l][2 * j + 1] = first < 0 ? 0 : last + 1;
            }
        }
        return spans;
    }

    /** Shuts the thread pool down; the reference pass still works afterwards. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    private void checkInput(float[] input, int nx, int ny) {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("grid must be at least 1×1, got " + nx + "×" + ny);
        }
        long expected = (long) nx * ny * inputChannels();
        if (input == null || input.length != expected) {
            throw new IllegalArgumentException("input must have nx·ny·channels = " + nx + "·" + ny + "·"
                    + inputChannels() + " = " + expected + " values, got "
                    + (input == null ? "null" : input.length));
        }
    }

    private void ensureBuffers(int nx, int ny) {
        if (nx != bufferNx || ny != bufferNy) {
            long size = (long) (nx + 2 * halo) * (ny + 2 * halo) * stride;
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("grid " + nx + "×" + ny + " too large for one buffer");
            }
            bufferA = null;
            bufferB = null;
            bufferA = new float[(int) size];
            bufferB = new float[(int) size];
            bufferNx = nx;
            bufferNy = ny;
        }
    }

    private void runLayer(int l, float[] in, float[] out, int nx, int ny, int[] span) {
        long work = 0;
        long[] prefix = new long[ny + 1];
        for (int j = 0; j < ny; j++) {
            work += span == null ? nx : span[2 * j + 1] - span[2 * j];
            prefix[j + 1] = work;
        }
        int chunks = (int) Math.min(ny, pool == null ? 1 : 4L * threads);
        if (chunks <= 1 || work < 64) {
            layerRows(l, in, out, nx, 0, ny, span);
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        int j0 = 0;
        for (int t = 1; t <= chunks && j0 < ny; t++) {
            long target = work * t / chunks;
            int j1 = j0;
            while (j1 < ny && (prefix[j1 + 1] <= target || j1 == j0)) {
                j1++;
            }
            if (t == chunks) {
                j1 = ny;
            }
            int from = j0;
            int to = j1;
            tasks.add(() -> {
                layerRows(l, in, out, nx, from, to, span);
                return null;
            });
            j0 = j1;
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the forward pass", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("forward pass failed: " + e.getCause(), e.getCause());
        }
    }

    private void layerRows(int l, float[] in, float[] out, int nx, int j0, int j1, int[] span) {
        ConvLayer layer = layers.get(l);
        int k = layer.kernelSize();
        int cin = layer.inChannels();
        int co = paddedOut[l];
        int off = halo - layer.radius();
        int pw = nx + 2 * halo;
        int s = stride;
        int rowPitch = pw * s;
        float[] w = packedKernel[l];
        float[] b = packedBias[l];
        boolean act = layer.leakyRelu();
        for (int j = j0; j < j1; j++) {
            int iStart = span == null ? 0 : span[2 * j];
            int iEnd = span == null ? nx : span[2 * j + 1];
            int win = ((j + off) * pw + off) * s;
            int dst = ((j + halo) * pw + halo) * s;
            int o = 0;
            for (; o + 2 * V <= co; o += 2 * V) {
                int i = iStart;
                for (; i + CELL_BLOCK <= iEnd; i += CELL_BLOCK) {
                    block4x2(in, win + i * s, out, dst + i * s, w, b, o, k, cin, co, s, rowPitch, act);
                }
                for (; i < iEnd; i++) {
                    block1x2(in, win + i * s, out, dst + i * s, w, b, o, k, cin, co, s, rowPitch, act);
                }
            }
            if (o < co) {
                int i = iStart;
                for (; i + CELL_BLOCK <= iEnd; i += CELL_BLOCK) {
                    block4x1(in, win + i * s, out, dst + i * s, w, b, o, k, cin, co, s, rowPitch, act);
                }
                for (; i < iEnd; i++) {
                    block1x1(in, win + i * s, out, dst + i * s, w, b, o, k, cin, co, rowPitch, act);
                }
            }
        }
    }

    private FloatVector activate(FloatVector v, boolean act) {
        return act ? v.blend(v.mul(alpha), v.compare(VectorOperators.LT, 0f)) : v;
    }

    private void block4x2(float[] in, int win, float[] out, int dst, float[] w, float[] b, int o, int k, int cin,
                          int co, int s, int rowPitch, boolean act) {
        FloatVector b0 = FloatVector.fromArray(SP, b, o);
        FloatVector b1 = FloatVector.fromArray(SP, b, o + V);
        FloatVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = win + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    FloatVector w0 = FloatVector.fromArray(SP, w, q);
                    FloatVector w1 = FloatVector.fromArray(SP, w, q + V);
                    FloatVector x = FloatVector.broadcast(SP, in[p]);
                    a00 = x.fma(w0, a00);
                    a01 = x.fma(w1, a01);
                    x = FloatVector.broadcast(SP, in[p + s]);
                    a10 = x.fma(w0, a10);
                    a11 = x.fma(w1, a11);
                    x = FloatVector.broadcast(SP, in[p + 2 * s]);
                    a20 = x.fma(w0, a20);
                    a21 = x.fma(w1, a21);
                    x = FloatVector.broadcast(SP, in[p + 3 * s]);
                    a30 = x.fma(w0, a30);
                    a31 = x.fma(w1, a31);
                }
            }
        }
        activate(a00, act).intoArray(out, dst + o);
        activate(a01, act).intoArray(out, dst + o + V);
        activate(a10, act).intoArray(out, dst + s + o);
        activate(a11, act).intoArray(out, dst + s + o + V);
        activate(a20, act).intoArray(out, dst + 2 * s + o);
        activate(a21, act).intoArray(out, dst + 2 * s + o + V);
        activate(a30, act).intoArray(out, dst + 3 * s + o);
        activate(a31, act).intoArray(out, dst + 3 * s + o + V);
    }

    private void block1x2(float[] in, int win, float[] out, int dst, float[] w, float[] b, int o, int k, int cin,
                          int co, int s, int rowPitch, boolean act) {
        FloatVector a0 = FloatVector.fromArray(SP, b, o);
        FloatVector a1 = FloatVector.fromArray(SP, b, o + V);
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = win + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    FloatVector x = FloatVector.broadcast(SP, in[p]);
                    a0 = x.fma(FloatVector.fromArray(SP, w, q), a0);
                    a1 = x.fma(FloatVector.fromArray(SP, w, q + V), a1);
                }
            }
        }
        activate(a0, act).intoArray(out, dst + o);
        activate(a1, act).intoArray(out, dst + o + V);
    }

    private void block4x1(float[] in, int win, float[] out, int dst, float[] w, float[] b, int o, int k, int cin,
                          int co, int s, int rowPitch, boolean act) {
        FloatVector b0 = FloatVector.fromArray(SP, b, o);
        FloatVector a0 = b0, a1 = b0, a2 = b0, a3 = b0;
        int q = o;
        for (int dy = 0; dy < k; dy++) {
            int p0 = win + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    FloatVector w0 = FloatVector.fromArray(SP, w, q);
                    a0 = FloatVector.broadcast(SP, in[p]).fma(w0, a0);
                    a1 = FloatVector.broadcast(SP, in[p + s]).fma(w0, a1);
                    a2 = FloatVector.broadcast(SP, in[p + 2 * s]).fma(w0, a2);
                    a3 = FloatVector.broadcast(SP, in[p + 3 * s]).fma(w0, a3);
                }
            }
        }
        activate(a0, act).intoArray(out, dst + o);
        activate(a1, act).intoArray(out, dst + s + o);
        activate(a2, act).intoArray(out, dst + 2 * s + o);
        activate(a3, act).intoArray(out, dst + 3 * s + o);
    }

    private void block1x1(float[] in, int win, float[] out, int dst, float[] w, float[] b, int o, int k, int cin,
                          int co, int rowPitch, boolean act) {
        FloatVector a0 = FloatVector.fromArray(SP, b, o);
        int q = o;
        int s = stride;
        for (int dy = 0; dy < k; dy++) {
            int p0 = win + dy * rowPitch;
            for (int dx = 0; dx < k; dx++, p0 += s) {
                int p = p0;
                for (int c = 0; c < cin; c++, p++, q += co) {
                    a0 = FloatVector.broadcast(SP, in[p]).fma(FloatVector.fromArray(SP, w, q), a0);
                }
            }
        }
        activate(a0, act).intoArray(out, dst + o);
    }

    private static int roundUp(int channels) {
        return (channels + V - 1) / V * V;
    }
}
