package igm.emulator.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import igm.emulator.ConvLayer;
import igm.emulator.ConvNet;

/**
 * The weights of a CNN of a given {@link Architecture}, as one flat parameter vector (the layout of
 * {@link Architecture}: per convolution its kernel in Keras order {@code (dy, dx, c, o)}, then its biases), with
 * conversions to and from the {@link ConvLayer}s of the inference network {@link ConvNet} and of Keras files.
 *
 * <p>Not thread-safe: {@link #setParameters} replaces the weights in place.
 */
public final class TrainableNetwork {

    private final Architecture architecture;
    private final float[] parameters;

    private TrainableNetwork(Architecture architecture, float[] parameters) {
        this.architecture = architecture;
        this.parameters = parameters;
    }

    /**
     * A network initialised as Keras initialises a new {@code Conv2D}: kernels drawn from the Glorot (Xavier) uniform
     * distribution on {@code [−L, L]}, {@code L = sqrt(6 / (fan_in + fan_out))} with {@code fan_in = k²·c_in} and
     * {@code fan_out = k²·c_out}; biases zero. The same seed gives the same weights.
     *
     * @param seed seed of the random generator ({@link SplittableRandom}) that draws all kernels in order
     */
    public static TrainableNetwork initialise(Architecture architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[(int) architecture.parameterCount()];
        for (int l = 0; l < architecture.convolutionCount(); l++) {
            double limit = glorotLimit(architecture, l);
            int offset = architecture.kernelOffset(l);
            for (int t = 0; t < architecture.kernelLength(l); t++) {
                p[offset + t] = (float) random.nextDouble(-limit, limit);
            }
        }
        return new TrainableNetwork(architecture, p);
    }

    /**
     * The Glorot uniform bound {@code sqrt(6 / (k²·c_in + k²·c_out))} of the kernel of convolution {@code l}.
     */
    public static double glorotLimit(Architecture architecture, int l) {
        int k = architecture.kernelSize(l);
        double fanIn = (double) k * k * architecture.inChannels(l);
        double fanOut = (double) k * k * architecture.outChannels(l);
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /**
     * A network with the given weights (copied).
     *
     * @param parameters {@link Architecture#parameterCount()} values in the layout of {@link Architecture}
     * @throws IllegalArgumentException when the length does not match
     */
    public static TrainableNetwork of(Architecture architecture, float[] parameters) {
        checkLength(architecture, parameters);
        return new TrainableNetwork(architecture, parameters.clone());
    }

    /**
     * The network of a list of convolutions, such as those of a Keras emulator read by
     * {@code igm.emulator.KerasModelReader} ({@link ConvNet#layers()}).
     *
     * @param layers     N ≥ 2 convolutions: N−1 hidden ones, all with the same odd kernel size and filter count and
     *                   each followed by the LeakyReLU, then a 1×1 convolution without activation
     * @param leakyAlpha the network's LeakyReLU slope, finite and ≥ 0
     * @throws IllegalArgumentException when the layers do not have that shape, naming the first layer that differs
     */
    public static TrainableNetwork fromLayers(List<ConvLayer> layers, double leakyAlpha) {
        if (layers == null || layers.size() < 2) {
            throw new IllegalArgumentException("a trainable network needs at least one hidden convolution and the"
                    + " 1×1 output convolution, got " + (layers == null ? "null" : layers.size() + " layer(s)"));
        }
        ConvLayer first = layers.getFirst();
        ConvLayer last = layers.getLast();
        int hidden = layers.size() - 1;
        for (int l = 0; l < hidden; l++) {
            ConvLayer layer = layers.get(l);
            if (layer.kernelSize() != first.kernelSize() || layer.outChannels() != first.outChannels()
                    || !layer.leakyRelu() || (l > 0 && layer.inChannels() != first.outChannels())) {
                throw new IllegalArgumentException("hidden layer " + l + " (" + layer + ") differs from the shape "
                        + first.kernelSize() + "×" + first.kernelSize() + " with " + first.outChannels()
                        + " filters and LeakyReLU of the first one");
            }
        }
        if (last.kernelSize() != 1 || last.leakyRelu() || last.inChannels() != first.outChannels()) {
            throw new IllegalArgumentException("the last layer (" + last + ") must be a 1×1 convolution from "
                    + first.outChannels() + " channels without activation");
        }
        Architecture architecture = new Architecture(first.inChannels(), last.outChannels(), hidden,
                first.outChannels(), first.kernelSize(), leakyAlpha);
        float[] p = new float[(int) architecture.parameterCount()];
        for (int l = 0; l < layers.size(); l++) {
            ConvLayer layer = layers.get(l);
            System.arraycopy(layer.kernel(), 0, p, architecture.kernelOffset(l), architecture.kernelLength(l));
            System.arraycopy(layer.bias(), 0, p, architecture.biasOffset(l), architecture.outChannels(l));
        }
        return new TrainableNetwork(architecture, p);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** A copy of the flat parameter vector (layout of {@link Architecture}). */
    public float[] parameters() {
        return parameters.clone();
    }

    /**
     * Replaces the weights (copied).
     *
     * @throws IllegalArgumentException when the length is not {@link Architecture#parameterCount()}
     */
    public void setParameters(float[] newParameters) {
        checkLength(architecture, newParameters);
        System.arraycopy(newParameters, 0, parameters, 0, parameters.length);
    }

    /**
     * The convolutions as {@link ConvLayer}s (Keras kernel order), for {@link ConvNet} and for writing Keras files:
     * the hidden ones with LeakyReLU, the 1×1 output one without.
     */
    public List<ConvLayer> toLayers() {
        List<ConvLayer> layers = new ArrayList<>(architecture.convolutionCount());
        for (int l = 0; l < architecture.convolutionCount(); l++) {
            int kernelOffset = architecture.kernelOffset(l);
            int biasOffset = architecture.biasOffset(l);
            layers.add(new ConvLayer(architecture.kernelSize(l), architecture.inChannels(l),
                    architecture.outChannels(l),
                    Arrays.copyOfRange(parameters, kernelOffset, kernelOffset + architecture.kernelLength(l)),
                    Arrays.copyOfRange(parameters, biasOffset, biasOffset + architecture.outChannels(l)),
                    architecture.activated(l)));
        }
        return layers;
    }

    /** The inference network of these weights, evaluated with {@code threads} threads (close it after use). */
    public ConvNet toConvNet(int threads) {
        return new ConvNet(toLayers(), architecture.leakyAlpha(), threads);
    }

    @Override
    public String toString() {
        return "TrainableNetwork " + architecture.describe();
    }

    private static void checkLength(Architecture architecture, float[] parameters) {
        if (parameters == null || parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("architecture " + architecture.describe() + " needs "
                    + architecture.parameterCount() + " parameters, got "
                    + (parameters == null ? "null" : parameters.length));
        }
    }
}
