package igm.physics.iceflow;

import igm.params.Parameters;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.ModelRegistry;

import java.nio.file.Path;
import java.util.List;

/**
 * The registered ice-flow models, one {@link IceFlowProvider} each, in the order of the values of
 * {@code iceflow.method} in {@link igm.params.ParameterRegistry#standard()}. Adding a model is adding its provider
 * here.
 */
public final class IceFlowRegistry {

    private static final ModelRegistry<IceFlowProvider> MODELS = new ModelRegistry<>(List.of(
            new ShallowIceFlowProvider(), new ShallowShelfFlowProvider(), new HybridIceFlowProvider(),
            new BlatterPattynFlowProvider(), new EmulatorIceFlowProvider()));

    private IceFlowRegistry() {
    }

    /** The registered ice-flow models. */
    public static ModelRegistry<IceFlowProvider> models() {
        return MODELS;
    }

    /** The names of the models that can instruct ({@link InstructorProvider}), in registration order. */
    public static List<String> instructorNames() {
        return MODELS.providers().stream().filter(InstructorProvider.class::isInstance).map(IceFlowProvider::name)
                .toList();
    }

    /** Whether {@code name} is a registered model that can instruct. */
    public static boolean isInstructor(String name) {
        return MODELS.find(name).orElse(null) instanceof InstructorProvider;
    }

    /** {@code iceflow.threads}, with 0 meaning all cores. */
    public static int threads(Parameters p) {
        int threads = p.integer("iceflow.threads");
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** The settings of the {@code blatter} model of the parameters (levels, tolerance, iteration cap), on threads. */
    public static BlatterOptions blatterOptions(Parameters p, int threads) {
        return BlatterPattynFlowProvider.options(p, threads);
    }

    /**
     * The emulator of {@code folder} at grid spacing {@code dx}, frozen: physics-informed or instructed, as
     * {@code iceflow.method = emulator} builds it without retraining or symmetrisation.
     *
     * @throws InputException when the emulator cannot be read
     */
    public static IceFlowModel frozenEmulator(Path folder, double dx, int threads) {
        return EmulatorIceFlowProvider.load(folder, dx, threads, PhysicsInformedIceFlow.Retraining.FROZEN, "");
    }
}
