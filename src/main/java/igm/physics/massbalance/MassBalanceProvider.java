package igm.physics.massbalance;

import igm.params.Parameters;

import java.util.List;

/**
 * One surface mass-balance model as the program knows it: its {@code smb.method} name, the parameters it reads, the
 * files it reads and how to build it for a run. Every provider is registered once, in {@link MassBalanceRegistry}.
 */
public interface MassBalanceProvider {

    /** The model's name, a value of {@code smb.method}; unique among the registered providers. */
    String name();

    /**
     * The {@code smb.*} keys of {@link igm.params.ParameterRegistry#standard()} this model reads, besides
     * {@code smb.method}; each is a registered key.
     */
    List<String> parameterKeys();

    /**
     * The keys among {@link #parameterKeys()} whose value names a file the model reads when it is built (a resumed
     * run checks that those given still exist); empty when it reads none.
     */
    List<String> fileKeys();

    /**
     * The model of the parameters for a run.
     *
     * @param context the run's grid, ice mask and climate-file readers
     * @throws igm.InputException when a parameter or a file the model needs is missing or invalid
     */
    MassBalanceModel create(Parameters p, MassBalanceContext context);
}
