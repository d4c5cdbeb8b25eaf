package igm.physics;

import java.util.List;
import java.util.Optional;

/**
 * The registered providers of one component's models, in registration order (the order of the values of the
 * component's {@code method} parameter).
 *
 * @param <P> the kind of provider
 */
public final class ModelRegistry<P extends ModelProvider> {

    private final List<P> providers;

    /**
     * A registry of these providers.
     *
     * @throws IllegalArgumentException when two providers have the same name
     */
    public ModelRegistry(List<P> providers) {
        this.providers = List.copyOf(providers);
        List<String> names = names();
        for (int k = 0; k < names.size(); k++) {
            if (names.subList(0, k).contains(names.get(k))) {
                throw new IllegalArgumentException("two models are named " + names.get(k));
            }
        }
    }

    /** Every provider, in registration order. */
    public List<P> providers() {
        return providers;
    }

    /** The names of the models, in registration order. */
    public List<String> names() {
        return providers.stream().map(ModelProvider::name).toList();
    }

    /** The provider of {@code name}, if one is registered. */
    public Optional<P> find(String name) {
        return providers.stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    /**
     * The provider of {@code name}, a value of the component's {@code method} parameter (which the parameter files
     * check).
     *
     * @throws IllegalStateException when no provider has that name
     */
    public P named(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(name));
    }
}
