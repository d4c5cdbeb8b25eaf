package igm.emulator.training;

import static igm.emulator.training.ConvolutionKernels.LEAKY;
import static igm.emulator.training.ConvolutionKernels.LEAKY_DERIVATIVE;
import static igm.emulator.training.ConvolutionKernels.LINEAR;
import static igm.emulator.training.ConvolutionKernels.roundUp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loss and gradient of a batch for a network of a given {@link Architecture}: the forward pass, a loss of the outputs
 * ({@link OutputLoss}: the mean absolute error against targets, or a physics loss) and its gradient with respect to
 * every weight and bias by backpropagation (equations in {@link ReferenceGradient}, which computes the same for the
 * mean absolute error in double precision with plain loops).
 *
 * <p><b>Kernels.</b> Each sample is processed whole by one thread: the activations of every layer are kept,
 * channels-last with a zero halo (layout in {@link ConvolutionKernels}), for the backward pass. Three Vector API kernels do the
 * work, each costing about one forward pass: the forward convolution (blocks of 4 cells × 2 vectors of output
 * channels in registers, LeakyReLU on the store); the input gradient, which is the same 'same' convolution applied to
 * δ with the kernel flipped in space and transposed in channels, {@code W'[k−1−dy][k−1−dx][o][c]}, with the LeakyReLU
 * derivative taken from the sign of the stored activation on the store (for α ≥ 0, {@code a > 0 ⇔ z > 0}); and the
 * weight gradient (blocks of 8 input channels × 2 vectors of output channels, 16 sums accumulated over all cells of
 * the patch in registers, smaller blocks for the remainders). The first layer's input gradient is not computed.
 *
 * <p><b>Determinism.</b> The batch is cut into {@code min(size, 64)} chunks of consecutive samples, a number that does
 * not depend on the thread count; threads take whole chunks, each chunk accumulates its samples' gradients in sample
 * order into its own buffer, and the chunks are summed in chunk order (in double). The same parameters and batch
 * therefore give bit-identical loss and gradient for any thread count.
 *
 * <p>The engine owns a thread pool, per-thread scratch buffers (all layers of one sample, about
 * {@code (height + 2r)·(width + 2r)·filters·(layers + 3)·4} bytes per thread: 2.9 MB for the 16×32 3×3 network on
 * 32×32 patches) and one padded gradient per chunk (up to 64 × the parameter count: 36 MB for that network); calls
 * are synchronized. Threads work on whole samples; a batch of one sample (a whole glacier, as when a run retrains a
 * physics-informed network) shares its rows (convolutions) and kernel taps (weight gradients) between the threads
 * instead, with the same results bit for bit. {@link #close} releases the pool.
 */
public final class GradientEngine implements AutoCloseable {

    /** Upper bound on the chunks a batch is cut into (and on the per-chunk gradient buffers kept). */
    public static final int MAX_CHUNKS = 64;

    private static final int REDUCE_BLOCK = 4096;

    private final Architecture architecture;
    private final int threads;
    private final ForkJoinPool pool;
    private final int convolutions;
    private final int halo;
    private final float alpha;
    /** Channel stride of the input buffer of convolution l (l = convolutions: the output buffer). */
    private final int[] stride;
    /** Index of convolution l's first padded kernel row in a chunk gradient. */
    private final int[] paddedOffset;
    private final int paddedLength;
    /** For each flat parameter, its index in the padded layout of a chunk gradient. */
    private final int[] paddedIndex;
    private final float[][] packedKernel;
    private final float[][] packedBias;
    /** Convolution l's kernel flipped in space and transposed in channels (the input gradient). */
    private final float[][] transposedKernel;
    /** Zero biases of the input-gradient convolutions. */
    private final float[][] zeroBias;

    private Workspace[] workspaces;
    private int workspaceHeight = -1;
    private int workspaceWidth = -1;
    private float[][] chunkGradients = new float[0][];

    /**
     * @param threads threads of the pool, ≥ 1 (1: all work on the calling thread)
     * @throws IllegalArgumentException when threads &lt; 1
     */
    public GradientEngine(Architecture architecture, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.architecture = architecture;
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
        this.convolutions = architecture.convolutionCount();
        this.halo = (architecture.kernelSize() - 1) / 2;
        this.alpha = (float) architecture.leakyAlpha();
        this.stride = new int[convolutions + 1];
        this.paddedOffset = new int[convolutions];
        this.packedKernel = new float[convolutions][];
        this.packedBias = new float[convolutions][];
        this.transposedKernel = new float[convolutions][];
        this.zeroBias = new float[convolutions][];
        int length = 0;
        for (int l = 0; l < convolutions; l++) {
            int k = architecture.kernelSize(l);
            int cin = architecture.inChannels(l);
            int co = roundUp(architecture.outChannels(l));
            stride[l] = roundUp(cin);
            stride[l + 1] = co;
            paddedOffset[l] = length;
            length += k * k * cin * co + co;
            packedKernel[l] = new float[k * k * cin * co];
            packedBias[l] = new float[co];
            transposedKernel[l] = new float[k * k * architecture.outChannels(l) * stride[l]];
            zeroBias[l] = new float[stride[l]];
        }
        this.paddedLength = length;
        this.paddedIndex = new int[(int) architecture.parameterCount()];
        for (int l = 0; l < convolutions; l++) {
            int rows = architecture.kernelLength(l) / architecture.outChannels(l);
            int cout = architecture.outChannels(l);
            int co = stride[l + 1];
            int kernelOffset = architecture.kernelOffset(l);
            for (int t = 0; t < rows; t++) {
                for (int o = 0; o < cout; o++) {
                    paddedIndex[kernelOffset + t * cout + o] = paddedOffset[l] + t * co + o;
                }
            }
            int biasOffset = architecture.biasOffset(l);
            for (int o = 0; o < cout; o++) {
                paddedIndex[biasOffset + o] = paddedOffset[l] + rows * co + o;
            }
        }
    }

    public Architecture architecture() {
        return architecture;
    }

    public int threads() {
        return threads;
    }

    /**
     * The mean absolute error {@code L = (1/N) Σ |y − t|} over all {@code N = size·height·width·outputs} target values
     * of the batch, and its gradient ({@link MeanAbsoluteError}).
     *
     * @param parameters {@link Architecture#parameterCount()} weights (layout of {@link Architecture}); not changed
     * @param gradient   overwritten with ∂L/∂parameters, same length and layout
     * @return the loss L
     * @throws IllegalArgumentException on mismatched lengths or channels, or a batch without targets
     */
    public double lossAndGradient(float[] parameters, Batch batch, float[] gradient) {
        return lossAndGradient(parameters, batch, MeanAbsoluteError.INSTANCE, gradient);
    }

    /**
     * A loss of the network's outputs and its gradient with respect to every weight and bias: the forward pass, the
     * loss's ∂L/∂y, and the backward pass fed with it.
     *
     * @param parameters {@link Architecture#parameterCount()} weights (layout of {@link Architecture}); not changed
     * @param loss       the loss of the outputs
     * @param gradient   overwritten with ∂L/∂parameters, same length and layout
     * @return the loss L
     * @throws IllegalArgumentException on mismatched lengths or channels, or a batch without the targets the loss
     *                                  needs
     */
    public synchronized double lossAndGradient(float[] parameters, Batch batch, OutputLoss loss, float[] gradient) {
        check(parameters, batch, loss.needsTargets());
        if (gradient == null || gradient.length != parameters.length) {
            throw new IllegalArgumentException("gradient must have " + parameters.length + " entries, got "
                    + (gradient == null ? "null" : gradient.length));
        }
        pack(parameters, true);
        prepare(batch);
        int chunks = chunkCount(batch);
        if (chunkGradients.length < chunks) {
            float[][] grown = Arrays.copyOf(chunkGradients, chunks);
            for (int c = chunkGradients.length; c < chunks; c++) {
                grown[c] = new float[paddedLength];
            }
            chunkGradients = grown;
        }
        double[] chunkLoss = new double[chunks];
        runChunks(chunks, (workspace, c) -> {
            float[] accumulator = chunkGradients[c];
            Arrays.fill(accumulator, 0f);
            double sum = 0;
            for (int b = chunkStart(batch, chunks, c); b < chunkStart(batch, chunks, c + 1); b++) {
                forward(workspace, batch, b, chunks == 1);
                sum += outputDelta(workspace, batch, b, loss, true);
                backward(workspace, accumulator, batch.height(), batch.width(), chunks == 1);
            }
            chunkLoss[c] = sum;
        });
        reduce(chunks, gradient);
        return sum(chunkLoss) / loss.divisor(batch);
    }

    /**
     * A loss of the network's outputs and its gradient with respect to the network's inputs (the weights held fixed):
     * the forward pass, the loss's ∂L/∂y, and the backward pass fed with it down to the inputs, the first layer's
     * input gradient included. This is what an inversion of the inputs (thickness, sliding) through the network needs.
     *
     * @param parameters    {@link Architecture#parameterCount()} weights (layout of {@link Architecture}); not changed
     * @param loss          the loss of the outputs
     * @param inputGradient overwritten with ∂L/∂inputs, in the layout of {@link Batch#inputs()}
     * @return the loss L
     * @throws IllegalArgumentException on mismatched lengths or channels, or a batch without the targets the loss
     *                                  needs
     */
    public synchronized double lossAndInputGradient(float[] parameters, Batch batch, OutputLoss loss,
                                                    float[] inputGradient) {
        check(parameters, batch, loss.needsTargets());
        if (inputGradient == null || inputGradient.length != batch.inputs().length) {
            throw new IllegalArgumentException("input gradient must have " + batch.inputs().length + " entries, got "
                    + (inputGradient == null ? "null" : inputGradient.length));
        }
        pack(parameters, true);
        prepare(batch);
        int h = batch.height();
        int w = batch.width();
        int cin = architecture.inputs();
        int pitch = w + 2 * halo;
        return sumOverSamples(batch, loss, (workspace, b, whole) -> {
            forward(workspace, batch, b, whole);
            double value = outputDelta(workspace, batch, b, loss, true);
            backwardToInputs(workspace, h, w, whole);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    System.arraycopy(workspace.inputDelta, ((j + halo) * pitch + i + halo) * stride[0],
                            inputGradient, ((b * h + j) * w + i) * cin, cin);
                }
            }
            return value;
        });
    }

    /**
     * The loss summed over the samples (each chunk's samples in order, on one thread; the chunks' sums added in chunk
     * order) and divided by the loss's divisor; {@code sample} computes one sample's loss with the chunk's workspace.
     */
    private double sumOverSamples(Batch batch, OutputLoss loss, SampleTask sample) {
        int chunks = chunkCount(batch);
        double[] chunkLoss = new double[chunks];
        runChunks(chunks, (workspace, c) -> {
            double sum = 0;
            for (int b = chunkStart(batch, chunks, c); b < chunkStart(batch, chunks, c + 1); b++) {
                sum += sample.run(workspace, b, chunks == 1);
            }
            chunkLoss[c] = sum;
        });
        return sum(chunkLoss) / loss.divisor(batch);
    }

    @FunctionalInterface
    private interface SampleTask {
        /** One sample's loss; {@code whole}: the sample is the whole batch (its rows may be split over threads). */
        double run(Workspace workspace, int sample, boolean whole);
    }

    /**
     * The mean absolute error of the batch (forward pass only), as {@link #lossAndGradient}.
     *
     * @throws IllegalArgumentException on mismatched lengths or channels, or a batch without targets
     */
    public double loss(float[] parameters, Batch batch) {
        return loss(parameters, batch, MeanAbsoluteError.INSTANCE);
    }

    /**
     * A loss of the network's outputs (forward pass only), as {@link #lossAndGradient(float[], Batch, OutputLoss,
     * float[])}.
     *
     * @throws IllegalArgumentException on mismatched lengths or channels, or a batch without the targets the loss
     *                                  needs
     */
    public synchronized double loss(float[] parameters, Batch batch, OutputLoss loss) {
        check(parameters, batch, loss.needsTargets());
        pack(parameters, false);
        prepare(batch);
        return sumOverSamples(batch, loss, (workspace, b, whole) -> {
            forward(workspace, batch, b, whole);
            return outputDelta(workspace, batch, b, loss, false);
        });
    }

    /**
     * The network's outputs for the batch (targets, if any, are ignored).
     *
     * @return channels-last outputs, {@code y[((b·height + j)·width + i)·outputs + o]}
     * @throws IllegalArgumentException on mismatched lengths or channels
     */
    public synchronized float[] predict(float[] parameters, Batch batch) {
        check(parameters, batch, false);
        pack(parameters, false);
        prepare(batch);
        int chunks = chunkCount(batch);
        int outputs = architecture.outputs();
        int h = batch.height();
        int w = batch.width();
        int pitch = w + 2 * halo;
        int s = stride[convolutions];
        float[] result = new float[batch.size() * h * w * outputs];
        runChunks(chunks, (workspace, c) -> {
            for (int b = chunkStart(batch, chunks, c); b < chunkStart(batch, chunks, c + 1); b++) {
                forward(workspace, batch, b, chunks == 1);
                float[] y = workspace.activations[convolutions];
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < w; i++) {
                        System.arraycopy(y, ((j + halo) * pitch + i + halo) * s, result,
                                ((b * h + j) * w + i) * outputs, outputs);
                    }
                }
            }
        });
        return result;
    }

    /**
     * Floating-point operations of one training sample of {@code height × width} cells, counted as
     * {@code 3 × forward = 3 · 2·Σ_l k_l²·c_in,l·c_out,l · height·width}: the forward pass, the input gradient and the
     * weight gradient each cost one forward pass's multiply–adds. (The first layer's input gradient is skipped, so
     * the work done is lower by {@code 2·k²·inputs·filters} per cell, 0.5 % for the 16×32 3×3 network.)
     */
    public long flopsPerSample(int height, int width) {
        return 3 * architecture.flopsPerCell() * height * width;
    }

    /** Shuts the thread pool down. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @Override
    public String toString() {
        return "GradientEngine " + architecture.describe() + ", " + threads + " thread(s)";
    }

    /** Scratch of one thread: the input of every convolution and the output, and the δ buffers. */
    private static final class Workspace {
        final float[][] activations;
        final float[] outputDelta;
        final float[] deltaA;
        final float[] deltaB;
        /** ∂L/∂inputs of one sample, padded as the input activations. */
        final float[] inputDelta;
        /** The outputs of one sample without halo or padded channels, and the loss's δ for them. */
        final float[] sampleOutputs;
        final float[] sampleDelta;

        Workspace(int[] stride, int cells, int hiddenStride, int sampleValues) {
            activations = new float[stride.length][];
            for (int l = 0; l < stride.length; l++) {
                activations[l] = new float[cells * stride[l]];
            }
            outputDelta = new float[cells * stride[stride.length - 1]];
            deltaA = new float[cells * hiddenStride];
            deltaB = new float[cells * hiddenStride];
            inputDelta = new float[cells * stride[0]];
            sampleOutputs = new float[sampleValues];
            sampleDelta = new float[sampleValues];
        }
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(Workspace workspace, int chunk);
    }

    private void check(float[] parameters, Batch batch, boolean needTargets) {
        if (parameters == null || parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("architecture " + architecture.describe() + " needs "
                    + architecture.parameterCount() + " parameters, got "
                    + (parameters == null ? "null" : parameters.length));
        }
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        if (batch.inputChannels() != architecture.inputs() || batch.outputChannels() != architecture.outputs()) {
            throw new IllegalArgumentException("batch has " + batch.inputChannels() + " inputs and "
                    + batch.outputChannels() + " outputs, the network " + architecture.inputs() + " and "
                    + architecture.outputs());
        }
        if (needTargets && !batch.hasTargets()) {
            throw new IllegalArgumentException("the loss needs a batch with targets");
        }
    }

    /** Copies the parameters into the padded kernels (and, for the backward pass, the flipped transposed ones). */
    private void pack(float[] parameters, boolean transposed) {
        for (int l = 0; l < convolutions; l++) {
            int k = architecture.kernelSize(l);
            int cin = architecture.inChannels(l);
            int cout = architecture.outChannels(l);
            int co = stride[l + 1];
            int ci = stride[l];
            int kernelOffset = architecture.kernelOffset(l);
            float[] packed = packedKernel[l];
            for (int t = 0; t < k * k * cin; t++) {
                System.arraycopy(parameters, kernelOffset + t * cout, packed, t * co, cout);
            }
            System.arraycopy(parameters, architecture.biasOffset(l), packedBias[l], 0, cout);
            if (transposed) {
                float[] flipped = transposedKernel[l];
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        int source = kernelOffset + (dy * k + dx) * cin * cout;
                        int target = ((k - 1 - dy) * k + (k - 1 - dx)) * cout * ci;
                        for (int c = 0; c < cin; c++) {
                            for (int o = 0; o < cout; o++) {
                                flipped[target + o * ci + c] = parameters[source + c * cout + o];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Allocates the per-thread scratch for the batch's patch size (halos zero). */
    private void prepare(Batch batch) {
        int h = batch.height();
        int w = batch.width();
        if (h != workspaceHeight || w != workspaceWidth) {
            long cells = (long) (h + 2 * halo) * (w + 2 * halo);
            int widest = Arrays.stream(stride).max().orElseThrow();
            if (cells * widest > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("patches of " + h + "×" + w + " are too large for one buffer");
            }
            workspaces = null;
            Workspace[] created = new Workspace[threads];
            for (int t = 0; t < threads; t++) {
                created[t] = new Workspace(stride, (int) cells, roundUp(architecture.filters()),
                        h * w * architecture.outputs());
            }
            workspaces = created;
            workspaceHeight = h;
            workspaceWidth = w;
        }
    }

    private static int chunkCount(Batch batch) {
        return Math.min(batch.size(), MAX_CHUNKS);
    }

    /** First sample of chunk {@code c} of {@code chunks} (consecutive samples, sizes differing by at most one). */
    private static int chunkStart(Batch batch, int chunks, int c) {
        return (int) ((long) batch.size() * c / chunks);
    }

    private void runChunks(int chunks, ChunkTask task) {
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(workspaces[0], c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>(workers);
        for (int t = 0; t < workers; t++) {
            Workspace workspace = workspaces[t];
            tasks.add(() -> {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    task.run(workspace, c);
                }
                return null;
            });
        }
        invoke(tasks);
    }

    private void invoke(List<Callable<Void>> tasks) {
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the gradient", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("gradient computation failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The forward pass of sample {@code b}: fills every activation buffer of the workspace; rows shared between the
     * threads when {@code whole} ({@link #split}).
     */
    private void forward(Workspace workspace, Batch batch, int b, boolean whole) {
        int h = batch.height();
        int w = batch.width();
        int pitch = w + 2 * halo;
        int cin = architecture.inputs();
        float[] input = workspace.activations[0];
        float[] source = batch.inputs();
        int s0 = stride[0];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                System.arraycopy(source, ((b * h + j) * w + i) * cin, input, ((j + halo) * pitch + i + halo) * s0,
                        cin);
            }
        }
        for (int l = 0; l < convolutions; l++) {
            int layer = l;
            split(whole, h, (from, to) -> ConvolutionKernels.convolve(workspace.activations[layer], stride[layer],
                    architecture.inChannels(layer), packedKernel[layer], packedBias[layer],
                    architecture.kernelSize(layer), workspace.activations[layer + 1], stride[layer + 1],
                    architecture.activated(layer) ? LEAKY : LINEAR, alpha, null, halo, pitch, w, from, to));
        }
    }

    /**
     * Runs {@code task} on [0, count): at once on the calling thread, or, when {@code whole} (one sample is the whole
     * batch) and the engine has threads, on contiguous parts, one per thread. Every part computes exactly what the
     * whole call would for its rows (or kernel taps), so the results are bit-identical either way.
     */
    private void split(boolean whole, int count, RangeTask task) {
        int parts = whole && pool != null ? Math.min(threads, count) : 1;
        if (parts <= 1) {
            task.run(0, count);
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int from = (int) ((long) count * t / parts);
            int to = (int) ((long) count * (t + 1) / parts);
            tasks.add(() -> {
                task.run(from, to);
                return null;
            });
        }
        invoke(tasks);
    }

    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }

    /**
     * The loss of sample {@code b} from the last forward pass and, when {@code withDelta}, its output δ = ∂L/∂y into
     * the workspace's output δ buffer (padded channels and halo stay zero).
     */
    private double outputDelta(Workspace workspace, Batch batch, int b, OutputLoss loss, boolean withDelta) {
        int h = batch.height();
        int w = batch.width();
        int pitch = w + 2 * halo;
        int outputs = architecture.outputs();
        int s = stride[convolutions];
        float[] y = workspace.activations[convolutions];
        float[] compact = workspace.sampleOutputs;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                System.arraycopy(y, ((j + halo) * pitch + i + halo) * s, compact, (j * w + i) * outputs, outputs);
            }
        }
        double value = loss.sample(batch, b, compact, withDelta ? workspace.sampleDelta : null);
        if (withDelta) {
            float[] delta = workspace.outputDelta;
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    System.arraycopy(workspace.sampleDelta, (j * w + i) * outputs, delta,
                            ((j + halo) * pitch + i + halo) * s, outputs);
                }
            }
        }
        return value;
    }

    /**
     * Backpropagates the output δ through all convolutions, adding the weight and bias gradients to the chunk's; the
     * kernel taps and rows shared between the threads when {@code whole} ({@link #split}).
     */
    private void backward(Workspace workspace, float[] accumulator, int h, int w, boolean whole) {
        int pitch = w + 2 * halo;
        float[] delta = workspace.outputDelta;
        for (int l = convolutions - 1; l >= 0; l--) {
            int k = architecture.kernelSize(l);
            int layer = l;
            float[] current = delta;
            split(whole, k * k, (from, to) -> ConvolutionKernels.accumulateWeightGradient(
                    workspace.activations[layer], stride[layer], architecture.inChannels(layer), current,
                    stride[layer + 1], k, accumulator, paddedOffset[layer], halo, pitch, h, w, from, to,
                    to == k * k));
            if (l > 0) {
                float[] next = delta == workspace.deltaA ? workspace.deltaB : workspace.deltaA;
                split(whole, h, (from, to) -> ConvolutionKernels.convolve(current, stride[layer + 1],
                        architecture.outChannels(layer), transposedKernel[layer], zeroBias[layer], k, next,
                        stride[layer], LEAKY_DERIVATIVE, alpha, workspace.activations[layer], halo, pitch, w, from,
                        to));
                delta = next;
            }
        }
    }

    /**
     * Backpropagates the output δ through all convolutions down to the inputs (no weight gradients): the last step,
     * through the first convolution, has no activation to differentiate.
     */
    private void backwardToInputs(Workspace workspace, int h, int w, boolean whole) {
        int pitch = w + 2 * halo;
        float[] delta = workspace.outputDelta;
        for (int l = convolutions - 1; l >= 0; l--) {
            int k = architecture.kernelSize(l);
            int layer = l;
            float[] current = delta;
            float[] next = l == 0 ? workspace.inputDelta
                    : delta == workspace.deltaA ? workspace.deltaB : workspace.deltaA;
            split(whole, h, (from, to) -> ConvolutionKernels.convolve(current, stride[layer + 1],
                    architecture.outChannels(layer), transposedKernel[layer], zeroBias[layer], k, next,
                    stride[layer], layer == 0 ? LINEAR : LEAKY_DERIVATIVE, alpha, workspace.activations[layer], halo,
                    pitch, w, from, to));
            delta = next;
        }
    }

    /** {@code gradient[p] = Σ_chunks chunkGradients[c][paddedIndex[p]]} in chunk order, in double. */
    private void reduce(int chunks, float[] gradient) {
        int length = gradient.length;
        int blocks = (length + REDUCE_BLOCK - 1) / REDUCE_BLOCK;
        Runnable[] work = new Runnable[blocks];
        for (int block = 0; block < blocks; block++) {
            int from = block * REDUCE_BLOCK;
            int to = Math.min(length, from + REDUCE_BLOCK);
            work[block] = () -> {
                double[] sum = new double[to - from];
                for (int c = 0; c < chunks; c++) {
                    float[] chunk = chunkGradients[c];
                    for (int p = from; p < to; p++) {
                        sum[p - from] += chunk[paddedIndex[p]];
                    }
                }
                for (int p = from; p < to; p++) {
                    gradient[p] = (float) sum[p - from];
                }
            };
        }
        if (pool == null || blocks < 2) {
            for (Runnable r : work) {
                r.run();
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, blocks); t++) {
            tasks.add(() -> {
                for (int block = next.getAndIncrement(); block < blocks; block = next.getAndIncrement()) {
                    work[block].run();
                }
                return null;
            });
        }
        invoke(tasks);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
