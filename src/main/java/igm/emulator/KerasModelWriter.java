package igm.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import igm.SimulationException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

/**
 * Writes a network as a Keras 2 HDF5 model file, laid out as IGM's own emulators are ({@code f15_cfsflow_GJ_22_a},
 * saved by Keras 2.4 with {@code model.save("model.h5")}), so that {@link KerasModelReader}, Keras'
 * {@code load_model} and IGM read it.
 *
 * <p>The model is the functional graph IGM builds: {@code input_1} ({@code InputLayer}, shape
 * {@code [None, None, None, c_in]}); for each hidden convolution {@code conv2d}, {@code conv2d_1}, ... a
 * {@code Conv2D} ('same' padding, linear), then one LeakyReLU layer {@code leaky_re_lu} shared by all hidden
 * convolutions (one inbound node each), then a {@code Dropout} layer {@code dropout}, {@code dropout_1}, ... of rate
 * 0 (identity; IGM always inserts one); finally the 1×1 {@code Conv2D} ('valid' padding, as IGM's) to the outputs.
 *
 * <p>The file: root attributes {@code keras_version} ({@value #KERAS_VERSION}: the dialect of the JSON below),
 * {@code backend} ({@value #BACKEND}) and {@code model_config} (the JSON); group {@code model_weights} with
 * attributes {@code layer_names}, {@code keras_version} and {@code backend}, and one group per convolution with
 * attribute {@code weight_names = [<layer>/kernel:0, <layer>/bias:0]} and float32 datasets
 * {@code <layer>/<layer>/kernel:0} {@code (k, k, c_in, c_out)} and {@code <layer>/<layer>/bias:0} {@code (c_out)}.
 * There is no {@code training_config} and no {@code optimizer_weights}: the network was not trained by Keras (Keras
 * then loads it uncompiled, as from {@code model.save(..., include_optimizer=False)} of an uncompiled model).
 *
 * <p>Differences from the files Keras writes through h5py, forced by jhdf 0.9.4's writer; Keras loads the file
 * either way:
 * <ul>
 *   <li>{@code layer_names} lists, and {@code model_weights} holds groups for, the convolutions only, not the
 *       weightless layers (input, LeakyReLU, Dropout). jhdf 0.9.4 ends every file by appending a version note at the
 *       file channel's current position, which is the end of the last dataset written, not the end of the file, so
 *       it overwrites whatever object comes after that dataset; Keras' empty groups of weightless layers would be
 *       such objects. With one group per convolution, each ending with its datasets, the last dataset written is the
 *       last object of the file. (Nor can jhdf 0.9.4 write the empty {@code weight_names} arrays of weightless
 *       layers.) Keras' loader keeps only the listed layers with weights and matches them, in order, with the
 *       model's layers that have weights: the convolutions.</li>
 *   <li>Strings are fixed-length, null-terminated UTF-8 (h5py stores {@code model_config} as a variable-length
 *       string and {@code layer_names} as fixed-length null-padded ASCII); h5py hands both kinds to Keras as bytes
 *       or text, which Keras decodes.</li>
 * </ul>
 */
final class KerasModelWriter {

    /** The Keras version whose configuration dialect {@code model_config} follows (that of IGM's f15 files). */
    static final String KERAS_VERSION = "2.4.0";

    /** The backend recorded in the file, as Keras 2 with TensorFlow writes it. */
    static final String BACKEND = "tensorflow";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "input_1";
    private static final String LEAKY = "leaky_re_lu";

    private KerasModelWriter() {
    }

    /**
     * Writes the network to {@code file} (created or replaced; not atomically: callers write to a temporary path).
     *
     * @param layers     the convolutions in order: each but the last followed by the LeakyReLU, the last a linear
     *                   1×1 convolution, channels chained
     * @param leakyAlpha the LeakyReLU's slope for negative values, finite; stored in single precision, as Keras does
     * @throws IllegalArgumentException when the layers are not of that form or alpha is not finite
     * @throws IOException                    when an existing file cannot be removed first (jhdf 0.9.4 opens the file
     *                                         without truncating it, so a longer old file would keep its tail)
     * @throws io.jhdf.exceptions.HdfException when jhdf fails to write the file
     */
    static void write(Path file, List<ConvLayer> layers, double leakyAlpha) throws IOException {
        check(layers, leakyAlpha);
        Files.deleteIfExists(file);
        List<String> layerNames = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            layerNames.add(convName(l));
        }
        String config = modelConfig(layers, (float) leakyAlpha);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.removeAttribute("_jHDF"); // jhdf's own provenance note: Keras files carry only Keras' attributes
            hdf.putAttribute("keras_version", KERAS_VERSION);
            hdf.putAttribute("backend", BACKEND);
            hdf.putAttribute("model_config", config);
            WritableGroup weights = hdf.putGroup("model_weights");
            weights.putAttribute("layer_names", layerNames.toArray(String[]::new));
            weights.putAttribute("keras_version", KERAS_VERSION);
            weights.putAttribute("backend", BACKEND);
            for (int l = 0; l < layers.size(); l++) {
                String name = layerNames.get(l);
                WritableGroup group = weights.putGroup(name);
                group.putAttribute("weight_names", new String[] {name + "/kernel:0", name + "/bias:0"});
                WritableGroup values = group.putGroup(name);
                values.putDataset("kernel:0", kernelArray(layers.get(l)));
                values.putDataset("bias:0", layers.get(l).bias());
            }
        }
    }

    /**
     * Opens every group, dataset and attribute of a written file and reads its data, so that a damaged object shows
     * now rather than when Keras opens it.
     *
     * @throws SimulationException naming the file and the object that cannot be read
     */
    static void checkReadable(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            checkNode(hdf, file);
        } catch (SimulationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimulationException("the Keras model written to " + file + " cannot be read back: " + e, e);
        }
    }

    private static void checkNode(Node node, Path file) {
        try {
            for (Attribute attribute : node.getAttributes().values()) {
                attribute.getData();
            }
            if (node instanceof Dataset dataset) {
                dataset.getData();
            }
            if (node instanceof Group group) {
                for (Node child : group.getChildren().values()) {
                    checkNode(child, file);
                }
            }
        } catch (SimulationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimulationException("the Keras model written to " + file + " has an unreadable object '"
                    + node.getPath() + "': " + e, e);
        }
    }

    private static String convName(int l) {
        return l == 0 ? "conv2d" : "conv2d_" + l;
    }

    private static String dropoutName(int l) {
        return l == 0 ? "dropout" : "dropout_" + l;
    }

    private static void check(List<ConvLayer> layers, double leakyAlpha) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (!Double.isFinite(leakyAlpha)) {
            throw new IllegalArgumentException("LeakyReLU alpha must be finite, got " + leakyAlpha);
        }
        for (int l = 0; l < layers.size(); l++) {
            ConvLayer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            if (layer.leakyRelu() == last) {
                throw new IllegalArgumentException("layer " + l + " (" + layer + "): every convolution but the last "
                        + "must be followed by the LeakyReLU, and the last must be linear");
            }
            if (l > 0 && layer.inChannels() != layers.get(l - 1).outChannels()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layer.inChannels() + " channels but "
                        + "layer " + (l - 1) + " gives " + layers.get(l - 1).outChannels());
            }
        }
        if (layers.getLast().kernelSize() != 1) {
            throw new IllegalArgumentException("the last layer must be a 1×1 convolution, got "
                    + layers.getLast());
        }
    }

    /** The kernel as a {@code [k][k][c_in][c_out]} array (Keras order, as {@link ConvLayer} stores it flat). */
    private static float[][][][] kernelArray(ConvLayer layer) {
        int k = layer.kernelSize();
        int cin = layer.inChannels();
        int cout = layer.outChannels();
        float[] flat = layer.kernel();
        float[][][][] kernel = new float[k][k][cin][cout];
        for (int dy = 0; dy < k; dy++) {
            for (int dx = 0; dx < k; dx++) {
                for (int c = 0; c < cin; c++) {
                    System.arraycopy(flat, ((dy * k + dx) * cin + c) * cout, kernel[dy][dx][c], 0, cout);
                }
            }
        }
        return kernel;
    }

    /** The Keras 2.4 {@code Functional} configuration of the graph described in the class comment. */
    private static String modelConfig(List<ConvLayer> layers, float alpha) {
        int hidden = layers.size() - 1;
        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", "Functional");
        ObjectNode config = root.putObject("config");
        config.put("name", "model");
        ArrayNode list = config.putArray("layers");

        ObjectNode input = layer(list, "InputLayer", INPUT);
        ObjectNode inputConfig = (ObjectNode) input.get("config");
        inputConfig.putArray("batch_input_shape").addNull().addNull().addNull()
                .add(layers.getFirst().inChannels());
        inputConfig.put("dtype", "float32");
        inputConfig.put("sparse", false);
        inputConfig.put("ragged", false);
        inputConfig.put("name", INPUT);
        input.putArray("inbound_nodes");

        String previous = INPUT;
        int previousNode = 0;
        for (int l = 0; l <= hidden; l++) {
            ConvLayer layer = layers.get(l);
            ObjectNode conv = layer(list, "Conv2D", convName(l));
            convConfig((ObjectNode) conv.get("config"), layer, l < hidden ? "same" : "valid");
            inbound(conv.putArray("inbound_nodes"), previous, previousNode);
            if (l == 0 && hidden > 0) {
                ObjectNode leaky = layer(list, "LeakyReLU", LEAKY);
                ObjectNode leakyConfig = (ObjectNode) leaky.get("config");
                leakyConfig.put("alpha", (double) alpha);
                ArrayNode nodes = leaky.putArray("inbound_nodes");
                for (int h = 0; h < hidden; h++) {
                    inbound(nodes, convName(h), 0);
                }
            }
            if (l < hidden) {
                ObjectNode dropout = layer(list, "Dropout", dropoutName(l));
                ObjectNode dropoutConfig = (ObjectNode) dropout.get("config");
                dropoutConfig.put("rate", 0.0);
                dropoutConfig.putNull("noise_shape");
                dropoutConfig.putNull("seed");
                inbound(dropout.putArray("inbound_nodes"), LEAKY, l);
                previous = dropoutName(l);
                previousNode = 0;
            }
        }
        config.putArray("input_layers").addArray().add(INPUT).add(0).add(0);
        config.putArray("output_layers").addArray().add(convName(hidden)).add(0).add(0);
        return root.toString();
    }

    /** Appends {@code {"class_name", "config": {"name", "trainable", "dtype"}, "name"}} and returns it. */
    private static ObjectNode layer(ArrayNode list, String className, String name) {
        ObjectNode layer = list.addObject();
        layer.put("class_name", className);
        ObjectNode config = layer.putObject("config");
        if (!className.equals("InputLayer")) {
            config.put("name", name);
            config.put("trainable", true);
            config.put("dtype", "float32");
        }
        layer.put("name", name);
        return layer;
    }

    private static void convConfig(ObjectNode c, ConvLayer layer, String padding) {
        int k = layer.kernelSize();
        c.put("filters", layer.outChannels());
        c.putArray("kernel_size").add(k).add(k);
        c.putArray("strides").add(1).add(1);
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.putArray("dilation_rate").add(1).add(1);
        c.put("groups", 1);
        c.put("activation", "linear");
        c.put("use_bias", true);
        ObjectNode kernelInitializer = c.putObject("kernel_initializer");
        kernelInitializer.put("class_name", "GlorotUniform");
        kernelInitializer.putObject("config").putNull("seed");
        ObjectNode biasInitializer = c.putObject("bias_initializer");
        biasInitializer.put("class_name", "Zeros");
        biasInitializer.putObject("config");
        c.putNull("kernel_regularizer");
        c.putNull("bias_regularizer");
        c.putNull("activity_regularizer");
        c.putNull("kernel_constraint");
        c.putNull("bias_constraint");
    }

    /** Appends the inbound node {@code [[layer, nodeIndex, 0, {}]]}. */
    private static void inbound(ArrayNode nodes, String layer, int nodeIndex) {
        ArrayNode call = nodes.addArray().addArray();
        call.add(layer).add(nodeIndex).add(0).addObject();
    }
}
