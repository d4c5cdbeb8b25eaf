package igm.physics.massbalance;

import java.util.List;

/**
 * The registered surface mass-balance models, one {@link MassBalanceProvider} each, in the order of the values of
 * {@code smb.method} in {@link igm.params.ParameterRegistry#standard()}. Adding a model is adding its provider here.
 */
public final class MassBalanceRegistry {

    private static final List<MassBalanceProvider> PROVIDERS = List.of(new ElaMassBalanceProvider(),
            new PaleoElaMassBalanceProvider(), new PddMassBalanceProvider(), new AccMeltMassBalanceProvider(),
            new NoMassBalanceProvider());

    private MassBalanceRegistry() {
    }

    /** Every provider, in registration order. */
    public static List<MassBalanceProvider> providers() {
        return PROVIDERS;
    }

    /** The names of the models, in registration order. */
    public static List<String> names() {
        return PROVIDERS.stream().map(MassBalanceProvider::name).toList();
    }

    /**
     * The provider of {@code name}, a value of {@code smb.method} (which the parameter files check).
     *
     * @throws IllegalStateException when no provider has that name
     */
    public static MassBalanceProvider named(String name) {
        return PROVIDERS.stream().filter(provider -> provider.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name));
    }
}
