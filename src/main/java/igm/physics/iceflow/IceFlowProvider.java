package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.params.Parameters;

import java.util.List;

/**
 * One ice-flow model as the program knows it: its {@code iceflow.method} name, the parameters it reads, the files it
 * reads and how to build it for a run. A provider that can also teach an emulator implements
 * {@link InstructorProvider}. Every provider is registered once, in {@link IceFlowRegistry}.
 */
public interface IceFlowProvider {

    /** The model's name, a value of {@code iceflow.method}; unique among the registered providers. */
    String name();

    /**
     * The {@code iceflow.*} keys of {@link igm.params.ParameterRegistry#standard()} this model reads, besides
     * {@code iceflow.method}; each is a registered key.
     */
    List<String> parameterKeys();

    /**
     * The keys among {@link #parameterKeys()} whose value names a file or folder the model reads when it is built
     * (a resumed run checks that they still exist); empty when it reads none.
     */
    List<String> fileKeys();

    /**
     * The model of the parameters for a run on {@code grid}.
     *
     * @param grid the run's grid (an emulator checks its resolution)
     * @throws igm.InputException when a parameter or a file the model needs is missing or invalid
     */
    IceFlowModel create(Parameters p, Grid2D grid);
}
