package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.params.Parameters;
import igm.physics.ModelProvider;

/**
 * One ice-flow model as the program knows it: its {@code iceflow.method} name, the {@code iceflow.*} parameters it
 * reads ({@link ModelProvider}) and how to build it for a run. A provider that can also teach an emulator implements
 * {@link InstructorProvider}. Every provider is registered once, in {@link IceFlowRegistry}.
 */
public interface IceFlowProvider extends ModelProvider {

    /**
     * The model of the parameters for a run on {@code grid}.
     *
     * @param grid the run's grid (an emulator checks its resolution)
     * @throws igm.InputException when a parameter or a file the model needs is missing or invalid
     */
    IceFlowModel create(Parameters p, Grid2D grid);
}
