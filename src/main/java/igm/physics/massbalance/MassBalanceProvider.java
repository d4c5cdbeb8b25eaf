package igm.physics.massbalance;

import igm.params.Parameters;
import igm.physics.ModelProvider;

/**
 * One surface mass-balance model as the program knows it: its {@code smb.method} name, the {@code smb.*} parameters
 * it reads ({@link ModelProvider}) and how to build it for a run. Every provider is registered once, in
 * {@link MassBalanceRegistry}.
 */
public interface MassBalanceProvider extends ModelProvider {

    /**
     * The model of the parameters for a run.
     *
     * @param context the run's grid, ice mask and climate-file readers
     * @throws igm.InputException when a parameter or a file the model needs is missing or invalid
     */
    MassBalanceModel create(Parameters p, MassBalanceContext context);
}
