package igm.physics.iceflow;

import igm.params.Parameters;

import java.util.List;
import java.util.Optional;

/**
 * The registered ice-flow models, one {@link IceFlowProvider} each, in the order of the values of
 * {@code iceflow.method} in {@link igm.params.ParameterRegistry#standard()}. Adding a model is adding its provider
 * here.
 */
public final class IceFlowRegistry {

    private static final List<IceFlowProvider> PROVIDERS = List.of(new ShallowIceFlowProvider(),
            new ShallowShelfFlowProvider(), new HybridIceFlowProvider(), new BlatterPattynFlowProvider(),
            new EmulatorIceFlowProvider());

    private IceFlowRegistry() {
    }

    /** Every provider, in registration order. */
    public static List<IceFlowProvider> providers() {
        return PROVIDERS;
    }

    /** The names of the models, in registration order. */
    public static List<String> names() {
        return PROVIDERS.stream().map(IceFlowProvider::name).toList();
    }

    /** The provider of {@code name}, if one is registered. */
    public static Optional<IceFlowProvider> find(String name) {
        return PROVIDERS.stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    /**
     * The provider of {@code name}, a value of {@code iceflow.method} (which the parameter files check).
     *
     * @throws IllegalStateException when no provider has that name
     */
    public static IceFlowProvider named(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(name));
    }

    /** The names of the models that can instruct ({@link InstructorProvider}), in registration order. */
    public static List<String> instructorNames() {
        return PROVIDERS.stream().filter(InstructorProvider.class::isInstance).map(IceFlowProvider::name).toList();
    }

    /** Whether {@code name} is a registered model that can instruct. */
    public static boolean isInstructor(String name) {
        return find(name).orElse(null) instanceof InstructorProvider;
    }

    /** {@code iceflow.threads}, with 0 meaning all cores. */
    public static int threads(Parameters p) {
        int threads = p.integer("iceflow.threads");
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
