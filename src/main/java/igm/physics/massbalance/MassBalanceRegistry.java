package igm.physics.massbalance;

import igm.physics.ModelRegistry;

import java.util.List;

/**
 * The registered surface mass-balance models, one {@link MassBalanceProvider} each, in the order of the values of
 * {@code smb.method} in {@link igm.params.ParameterRegistry#standard()}. Adding a model is adding its provider here.
 */
public final class MassBalanceRegistry {

    private static final ModelRegistry<MassBalanceProvider> MODELS = new ModelRegistry<>(List.of(
            new ElaMassBalanceProvider(), new PaleoElaMassBalanceProvider(), new PddMassBalanceProvider(),
            new AccMeltMassBalanceProvider(), new NoMassBalanceProvider()));

    private MassBalanceRegistry() {
    }

    /** The registered mass-balance models. */
    public static ModelRegistry<MassBalanceProvider> models() {
        return MODELS;
    }
}
