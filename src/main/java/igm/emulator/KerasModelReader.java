package igm.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import igm.InputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Reads a Keras 2 HDF5 model file ({@code model.save("model.h5")}, as IGM ships its emulators) into a
 * {@link ConvNet}.
 *
 * <p>The layer order comes from the root attribute {@code model_config} (JSON): a {@code Sequential} model lists
 * its layers in order; a {@code Functional} model is followed backwards from its output through the inbound nodes
 * (IGM's emulators apply one shared {@code LeakyReLU} layer after every convolution). Weights are read from
 * {@code model_weights/<layer>/<weight name>}, the weight names from the layer group's {@code weight_names}
 * attribute (kernel {@code (k, k, c_in, c_out)}, bias {@code (c_out)}).
 *
 * <p>Accepted architecture: an optional {@code InputLayer}; {@code Conv2D} layers with square odd kernels,
 * {@code padding='same'} ('valid' is accepted for 1×1 kernels, where both agree), unit strides and dilation, {@code channels_last}, linear activation; each but the last
 * followed by a {@code LeakyReLU} (one alpha for the whole network); {@code Dropout} layers (identity at inference)
 * anywhere; the last layer a linear 1×1 {@code Conv2D}. Anything else is an {@link InputException} naming the file
 * and the layer.
 */
public final class KerasModelReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasModelReader() {
    }

    /** Reads the network, evaluated with as many threads as available processors. */
    public static ConvNet read(Path file) {
        return read(file, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads the network.
     *
     * @param file    a Keras HDF5 model file
     * @param threads threads of the network's fast forward pass
     * @throws InputException when the file is missing, unreadable or holds an unsupported architecture
     */
    public static ConvNet read(Path file, int threads) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("Keras model file not found: " + file);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            JsonNode config = parseConfig(hdf, file);
            List<JsonNode> sequence = layerSequence(config, file);
            return build(hdf, sequence, file, threads);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException("cannot read Keras model " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseConfig(HdfFile hdf, Path file) {
        Attribute attribute = hdf.getAttribute("model_config");
        if (attribute == null) {
            throw new InputException(file + " is not a Keras model file: no root attribute 'model_config' "
                    + "(a weights-only file does not give the architecture)");
        }
        Object data = attribute.getData();
        String text = data instanceof String s ? s
                : data instanceof String[] a && a.length == 1 ? a[0]
                : data instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : null;
        if (text == null) {
            throw new InputException(file + ": attribute 'model_config' is not a string");
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new InputException(file + ": attribute 'model_config' is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The layers (each {@code {class_name, config, name}}) from input to output. */
    private static List<JsonNode> layerSequence(JsonNode root, Path file) {
        String kind = root.path("class_name").asText("");
        JsonNode config = root.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new InputException(file + ": model_config has no layers");
        }
        if (kind.equals("Sequential")) {
            List<JsonNode> list = new ArrayList<>();
            layers.forEach(list::add);
            return list;
        }
        if (!kind.equals("Functional") && !kind.equals("Model")) {
            throw new InputException(file + ": unsupported Keras model class '" + kind
                    + "' (expected Sequential or Functional)");
        }
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode layer : layers) {
            byName.put(layerName(layer), layer);
        }
        JsonNode outputs = config.path("output_layers");
        if (!outputs.isArray() || outputs.size() != 1) {
            throw new InputException(file + ": the model must have exactly one output, model_config lists "
                    + outputs);
        }
        JsonNode out = outputs.get(0);
        String name = out.get(0).asText();
        int nodeIndex = out.get(1).asInt();
        List<JsonNode> reversed = new ArrayList<>();
        for (int guard = 0; guard <= 4 * layers.size() + 4; guard++) {
            JsonNode layer = byName.get(name);
            if (layer == null) {
                throw new InputException(file + ": model_config refers to an undefined layer '" + name + "'");
            }
            reversed.add(layer);
            JsonNode inbound = layer.path("inbound_nodes");
            if (!inbound.isArray() || inbound.isEmpty()) {
                return reversedCopy(reversed);
            }
            JsonNode node = inbound.get(nodeIndex);
            if (node == null || !node.isArray() || node.size() != 1 || !node.get(0).isArray()) {
                throw new InputException(file + ": layer '" + name + "' is not part of a simple chain of layers "
                        + "(only single-input sequential graphs are supported)");
            }
            name = node.get(0).get(0).asText();
            nodeIndex = node.get(0).get(1).asInt();
        }
        throw new InputException(file + ": the layer graph of model_config has a cycle");
    }

    private static List<JsonNode> reversedCopy(List<JsonNode> reversed) {
        List<JsonNode> list = new ArrayList<>(reversed);
        java.util.Collections.reverse(list);
        return list;
    }

    private static String layerName(JsonNode layer) {
        String name = layer.path("name").asText("");
        return name.isEmpty() ? layer.path("config").path("name").asText("") : name;
    }

    private static ConvNet build(HdfFile hdf, List<JsonNode> sequence, Path file, int threads) {
        List<String> convNames = new ArrayList<>();
        List<JsonNode> convConfigs = new ArrayList<>();
        List<Boolean> activated = new ArrayList<>();
        Double alpha = null;
        Integer inputChannels = null;
        for (JsonNode layer : sequence) {
            String kind = layer.path("class_name").asText("");
            String name = layerName(layer);
            JsonNode c = layer.path("config");
            switch (kind) {
                case "InputLayer" -> {
                    JsonNode shape = c.has("batch_input_shape") ? c.get("batch_input_shape") : c.get("batch_shape");
                    if (shape != null && shape.isArray() && !shape.isEmpty() && shape.get(shape.size() - 1).isInt()) {
                        inputChannels = shape.get(shape.size() - 1).asInt();
                    }
                }
                case "Dropout" -> {
                    // identity at inference
                }
                case "Conv2D" -> {
                    checkConv(c, name, file);
                    convNames.add(name);
                    convConfigs.add(c);
                    activated.add(false);
                }
                case "LeakyReLU" -> {
                    if (convNames.isEmpty() || activated.getLast()) {
                        throw new InputException(file + ": layer '" + name + "' (LeakyReLU) must follow a Conv2D");
                    }
                    double a = c.has("alpha") ? c.get("alpha").asDouble()
                            : c.has("negative_slope") ? c.get("negative_slope").asDouble() : 0.3;
                    if (alpha != null && Math.abs(alpha - a) > 1e-12) {
                        throw new InputException(file + ": layer '" + name + "' has LeakyReLU alpha " + a
                                + " but an earlier one has " + alpha + " (one alpha per network is supported)");
                    }
                    alpha = a;
                    activated.set(activated.size() - 1, true);
                }
                case "Activation" -> {
                    if (!c.path("activation").asText("").equals("linear")) {
                        throw new InputException(file + ": layer '" + name + "' has activation '"
                                + c.path("activation").asText() + "'; only LeakyReLU layers are supported");
                    }
                }
                default -> throw new InputException(file + ": layer '" + name + "' of type " + kind
                        + " is not supported (expected Conv2D, LeakyReLU, Dropout, InputLayer)");
            }
        }
        if (convNames.isEmpty()) {
            throw new InputException(file + ": the model has no Conv2D layer");
        }
        for (int l = 0; l < convNames.size() - 1; l++) {
            if (!activated.get(l)) {
                throw new InputException(file + ": layer '" + convNames.get(l)
                        + "' (Conv2D) is not followed by a LeakyReLU; only the last convolution may be linear");
            }
        }
        String lastName = convNames.getLast();
        if (activated.getLast()) {
            throw new InputException(file + ": the last layer '" + lastName + "' must be a linear Conv2D, "
                    + "but a LeakyReLU follows it");
        }
        if (kernelSize(convConfigs.getLast()) != 1) {
            throw new InputException(file + ": the last layer '" + lastName + "' must be a 1×1 Conv2D, got "
                    + kernelSize(convConfigs.getLast()) + "×" + kernelSize(convConfigs.getLast()));
        }
        Group weights = hdf.getChild("model_weights") instanceof Group g ? g : hdf;
        List<ConvLayer> layers = new ArrayList<>();
        for (int l = 0; l < convNames.size(); l++) {
            layers.add(readConv(weights, convNames.get(l), convConfigs.get(l), activated.get(l), file));
        }
        if (inputChannels != null && inputChannels != layers.getFirst().inChannels()) {
            throw new InputException(file + ": the input layer has " + inputChannels + " channels but '"
                    + convNames.getFirst() + "' takes " + layers.getFirst().inChannels());
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inChannels() != layers.get(l - 1).outChannels()) {
                throw new InputException(file + ": layer '" + convNames.get(l) + "' takes "
                        + layers.get(l).inChannels() + " channels but '" + convNames.get(l - 1) + "' gives "
                        + layers.get(l - 1).outChannels());
            }
        }
        return new ConvNet(layers, alpha == null ? 0.01 : alpha, threads);
    }

    private static void checkConv(JsonNode c, String name, Path file) {
        String where = file + ": layer '" + name + "' (Conv2D)";
        String padding = c.path("padding").asText("valid");
        if (!padding.equals("same") && !(padding.equals("valid") && kernelSize(c) == 1)) {
            throw new InputException(where + " has padding '" + padding + "' with a " + c.get("kernel_size")
                    + " kernel; only 'same' is supported ('valid' only for 1×1 kernels, where both agree)");
        }
        if (!c.path("data_format").asText("channels_last").equals("channels_last")) {
            throw new InputException(where + " has data_format '" + c.path("data_format").asText()
                    + "'; only 'channels_last' is supported");
        }
        for (String key : new String[] {"strides", "dilation_rate"}) {
            JsonNode v = c.get(key);
            if (v != null && v.isArray()) {
                for (JsonNode e : v) {
                    if (e.asInt() != 1) {
                        throw new InputException(where + " has " + key + " " + v + "; only 1 is supported");
                    }
                }
            }
        }
        if (c.has("groups") && c.get("groups").asInt() != 1) {
            throw new InputException(where + " has groups " + c.get("groups") + "; only 1 is supported");
        }
        String activation = c.path("activation").asText("linear");
        if (!activation.equals("linear")) {
            throw new InputException(where + " has activation '" + activation
                    + "'; only linear convolutions (followed by LeakyReLU layers) are supported");
        }
        int k = kernelSize(c);
        if (k < 1 || k % 2 == 0) {
            throw new InputException(where + " has kernel_size " + c.get("kernel_size")
                    + "; only square odd kernels are supported");
        }
    }

    private static int kernelSize(JsonNode c) {
        JsonNode ks = c.get("kernel_size");
        if (ks == null) {
            return -1;
        }
        if (ks.isInt()) {
            return ks.asInt();
        }
        if (ks.isArray() && ks.size() == 2 && ks.get(0).asInt() == ks.get(1).asInt()) {
            return ks.get(0).asInt();
        }
        return -1;
    }

    private static ConvLayer readConv(Group weights, String name, JsonNode c, boolean leaky, Path file) {
        String where = file + ": layer '" + name + "' (Conv2D)";
        if (!(weights.getChild(name) instanceof Group group)) {
            throw new InputException(where + " has no weights group '" + name + "' in the file");
        }
        Dataset kernel = null;
        Dataset bias = null;
        for (String weightName : weightNames(group, name)) {
            Node node = resolve(group, weightName);
            if (node instanceof Dataset d) {
                String leaf = weightName.substring(weightName.lastIndexOf('/') + 1);
                if (leaf.startsWith("kernel")) {
                    kernel = d;
                } else if (leaf.startsWith("bias")) {
                    bias = d;
                }
            }
        }
        if (kernel == null) {
            throw new InputException(where + " has no kernel dataset");
        }
        int[] dims = kernel.getDimensions();
        int k = kernelSize(c);
        if (dims.length != 4 || dims[0] != k || dims[1] != k) {
            throw new InputException(where + " has a kernel of shape " + java.util.Arrays.toString(dims)
                    + ", expected (" + k + ", " + k + ", c_in, c_out)");
        }
        int cout = dims[3];
        if (c.has("filters") && c.get("filters").asInt() != cout) {
            throw new InputException(where + " declares " + c.get("filters") + " filters but its kernel has "
                    + cout);
        }
        float[] kernelValues = toFloats(kernel.getDataFlat(), where + " kernel");
        float[] biasValues;
        if (bias == null) {
            if (c.path("use_bias").asBoolean(true)) {
                throw new InputException(where + " uses a bias but has no bias dataset");
            }
            biasValues = new float[cout];
        } else {
            biasValues = toFloats(bias.getDataFlat(), where + " bias");
            if (biasValues.length != cout) {
                throw new InputException(where + " has " + biasValues.length + " biases for " + cout + " filters");
            }
        }
        return new ConvLayer(k, dims[2], cout, kernelValues, biasValues, leaky);
    }

    private static List<String> weightNames(Group group, String layerName) {
        Attribute attribute = group.getAttribute("weight_names");
        List<String> names = new ArrayList<>();
        if (attribute != null) {
            Object data = attribute.getData();
            if (data instanceof String[] a) {
                names.addAll(List.of(a));
            } else if (data instanceof String s) {
                names.add(s);
            }
        }
        if (names.isEmpty()) {
            names.add(layerName + "/kernel:0");
            names.add(layerName + "/bias:0");
        }
        return names;
    }

    private static Node resolve(Group group, String relativePath) {
        Node node = group;
        for (String part : relativePath.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g) || !g.getChildren().containsKey(part)) {
                return null;
            }
            node = g.getChild(part);
        }
        return node;
    }

    private static float[] toFloats(Object data, String what) {
        if (data instanceof float[] f) {
            return f;
        }
        if (data instanceof double[] d) {
            float[] f = new float[d.length];
            for (int t = 0; t < d.length; t++) {
                f[t] = (float) d[t];
            }
            return f;
        }
        throw new InputException(what + " is not floating point (" + data.getClass().getSimpleName() + ")");
    }
}
