package igm.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an IGM-style emulator network, as recorded in an {@link EmulatorManifest}: {@code hiddenLayers}
 * convolutions {@code kernelSize × kernelSize} with {@code filters} filters, each followed by a LeakyReLU of slope
 * {@code leakyAlpha}, then a linear 1×1 convolution to the {@code outputs} channels (Jouvet et al. 2021; IGM's
 * {@code nb_layers}, {@code nb_out_filter}, {@code conv_ker_size}).
 *
 * @param hiddenLayers number of hidden convolutions (each followed by the LeakyReLU), ≥ 1; the final 1×1
 *                     convolution is not counted
 * @param filters      filters of every hidden convolution, ≥ 1
 * @param kernelSize   odd kernel width of every hidden convolution, ≥ 1
 * @param leakyAlpha   slope of the LeakyReLU for negative values, finite
 * @param inputs       input channels, ≥ 1
 * @param outputs      output channels, ≥ 1
 * @param parameters   trainable parameters (weights and biases),
 *                     {@code Σ_layers (k²·c_in·c_out + c_out)}; must agree with the other components
 */
public record EmulatorArchitecture(int hiddenLayers, int filters, int kernelSize, double leakyAlpha, int inputs,
                                   int outputs, long parameters) {

    public EmulatorArchitecture {
        if (hiddenLayers < 1) {
            throw new IllegalArgumentException("hidden_layers must be at least 1, got " + hiddenLayers);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be at least 1, got " + filters);
        }
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel_size must be odd and positive, got " + kernelSize);
        }
        if (!Double.isFinite(leakyAlpha)) {
            throw new IllegalArgumentException("leaky_alpha must be finite, got " + leakyAlpha);
        }
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("inputs and outputs must be at least 1, got " + inputs + " and "
                    + outputs);
        }
        long expected = parameterCount(hiddenLayers, filters, kernelSize, inputs, outputs);
        if (parameters != expected) {
            throw new IllegalArgumentException("parameters must be " + expected + " for " + hiddenLayers
                    + " hidden layers of " + filters + " filters " + kernelSize + "×" + kernelSize + ", " + inputs
                    + " inputs and " + outputs + " outputs, got " + parameters);
        }
    }

    /** The architecture with its parameter count computed. */
    public static EmulatorArchitecture of(int hiddenLayers, int filters, int kernelSize, double leakyAlpha,
                                          int inputs, int outputs) {
        return new EmulatorArchitecture(hiddenLayers, filters, kernelSize, leakyAlpha, inputs, outputs,
                parameterCount(hiddenLayers, filters, kernelSize, inputs, outputs));
    }

    /**
     * The architecture of a network.
     *
     * @throws IllegalArgumentException unless the layers are at least one hidden convolution with LeakyReLU, all
     *                                  of one kernel size and filter count, then a linear 1×1 convolution
     */
    public static EmulatorArchitecture of(List<ConvLayer> layers, double leakyAlpha) {
        if (layers == null || layers.size() < 2) {
            throw new IllegalArgumentException("an emulator network needs at least one hidden convolution and a "
                    + "1×1 output convolution, got " + (layers == null ? 0 : layers.size()) + " layers");
        }
        ConvLayer first = layers.getFirst();
        ConvLayer last = layers.getLast();
        for (int l = 0; l < layers.size() - 1; l++) {
            ConvLayer layer = layers.get(l);
            if (!layer.leakyRelu()) {
                throw new IllegalArgumentException("layer " + l + " (" + layer + ") is not followed by the LeakyReLU;"
                        + " only the last convolution may be linear");
            }
            if (layer.kernelSize() != first.kernelSize() || layer.outChannels() != first.outChannels()) {
                throw new IllegalArgumentException("layer " + l + " (" + layer + ") differs from layer 0 ("
                        + first + "): the hidden convolutions must share kernel size and filter count");
            }
            if (l > 0 && layer.inChannels() != layers.get(l - 1).outChannels()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layer.inChannels()
                        + " channels but layer " + (l - 1) + " gives " + layers.get(l - 1).outChannels());
            }
        }
        if (last.leakyRelu() || last.kernelSize() != 1) {
            throw new IllegalArgumentException("the last layer must be a linear 1×1 convolution, got " + last);
        }
        if (last.inChannels() != layers.get(layers.size() - 2).outChannels()) {
            throw new IllegalArgumentException("the last layer takes " + last.inChannels() + " channels but the one "
                    + "before gives " + layers.get(layers.size() - 2).outChannels());
        }
        return of(layers.size() - 1, first.outChannels(), first.kernelSize(), leakyAlpha, first.inChannels(),
                last.outChannels());
    }

    /** {@code Σ_layers (k²·c_in·c_out + c_out)} for the architecture's layers. */
    public static long parameterCount(int hiddenLayers, int filters, int kernelSize, int inputs, int outputs) {
        long k2 = (long) kernelSize * kernelSize;
        long first = k2 * inputs * filters + filters;
        long hidden = (hiddenLayers - 1L) * (k2 * filters * filters + filters);
        long last = (long) filters * outputs + outputs;
        return first + hidden + last;
    }

    /**
     * What differs between this architecture (the one recorded) and {@code actual}, one line per component,
     * {@code "architecture.filters: 16 recorded, 8 in the network"}; empty when they agree. The LeakyReLU slopes are
     * compared in single precision, the precision of the network.
     */
    public List<String> differencesFrom(EmulatorArchitecture actual) {
        List<String> differences = new ArrayList<>();
        compare(differences, "hidden_layers", hiddenLayers, actual.hiddenLayers);
        compare(differences, "filters", filters, actual.filters);
        compare(differences, "kernel_size", kernelSize, actual.kernelSize);
        if ((float) leakyAlpha != (float) actual.leakyAlpha) {
            differences.add("architecture.leaky_alpha: " + leakyAlpha + " recorded, " + actual.leakyAlpha
                    + " in the network");
        }
        compare(differences, "inputs", inputs, actual.inputs);
        compare(differences, "outputs", outputs, actual.outputs);
        compare(differences, "parameters", parameters, actual.parameters);
        return differences;
    }

    private static void compare(List<String> differences, String key, long recorded, long actual) {
        if (recorded != actual) {
            differences.add("architecture." + key + ": " + recorded + " recorded, " + actual + " in the network");
        }
    }
}
