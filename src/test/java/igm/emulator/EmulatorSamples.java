package igm.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random networks and manifests for the emulator-file tests. */
final class EmulatorSamples {

    static final double ALPHA = 0.01;

    private EmulatorSamples() {
    }

    /**
     * IGM-shaped layers from a seed: {@code hidden} k×k convolutions of {@code filters} filters with LeakyReLU, then
     * a linear 1×1 convolution; weights of order 1/√(k²·c_in) so that activations stay of order one.
     */
    static List<ConvLayer> layers(long seed, int inputs, int hidden, int filters, int kernelSize, int outputs) {
        Random random = new Random(seed);
        List<ConvLayer> layers = new ArrayList<>();
        int cin = inputs;
        for (int l = 0; l <= hidden; l++) {
            boolean last = l == hidden;
            int k = last ? 1 : kernelSize;
            int cout = last ? outputs : filters;
            float[] kernel = new float[k * k * cin * cout];
            double std = 1 / Math.sqrt(k * k * cin);
            for (int t = 0; t < kernel.length; t++) {
                kernel[t] = (float) (random.nextGaussian() * std);
            }
            float[] bias = new float[cout];
            for (int o = 0; o < cout; o++) {
                bias[o] = (float) (0.1 * random.nextGaussian());
            }
            layers.add(new ConvLayer(k, cin, cout, kernel, bias, !last));
            cin = cout;
        }
        return layers;
    }

    static List<EmulatorField> inputs(int count) {
        List<String> names = List.of("thk", "slopsurfx", "slopsurfy", "arrhenius", "slidingco");
        List<Double> scales = List.of(2000.0, 1.5, 1.5, 100.0, 0.037);
        List<EmulatorField> fields = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            fields.add(new EmulatorField(names.get(c), scales.get(c)));
        }
        return fields;
    }

    static List<EmulatorField> outputs(int count) {
        List<String> names = List.of("uvelbase", "vvelbase", "ubar", "vbar", "uvelsurf", "vvelsurf");
        List<EmulatorField> fields = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            fields.add(new EmulatorField(names.get(c), 250.0 * (c + 1)));
        }
        return fields;
    }

    /** A manifest describing {@code layers} at grid spacing {@code dx}, with every kind of free-form value. */
    static EmulatorManifest manifest(String name, List<ConvLayer> layers, double dx) {
        EmulatorArchitecture architecture = EmulatorArchitecture.of(layers, ALPHA);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runs", 12);
        data.put("snapshots", 480L);
        data.put("patches", 3840);
        data.put("valleys", List.of("synthetic-a", "synthetic-b"));
        data.put("c_values", new double[] {0.01, 0.1, 1.0});
        data.put("patch_size", Map.of("nx", 32, "ny", 32));
        data.put("augmented", true);
        data.put("ela_m", 2950.5);
        return EmulatorManifest.create(name, "test emulator \"" + name + "\" – ünïcode ok", dx,
                inputs(architecture.inputs()), outputs(architecture.outputs()), architecture,
                new EmulatorInstructor("blatter", Map.of("vertical_layers", "10", "tolerance", "1e-6")), data,
                new EmulatorTraining(40, 16, 1e-3, 5.0, "mae", 0.0123, 0.0157), 20250301L,
                Map.of("relative_l1", 0.042, "max_abs_m_per_year", 3.5));
    }
}
