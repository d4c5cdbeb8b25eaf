package igm.physics.iceflow;

import igm.InputException;
import igm.grid.Grid2D;
import igm.params.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code iceflow.method = emulator}: the trained {@link EmulatorIceFlow} of the folder {@code iceflow.emulator}, at
 * the run's resolution, averaged over the grid's symmetries ({@link SymmetrisedIceFlow}) with
 * {@code iceflow.emulator_symmetrise}. Not an instructor: an emulator cannot teach itself.
 */
final class EmulatorIceFlowProvider implements IceFlowProvider {

    @Override
    public String name() {
        return EmulatorIceFlow.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("iceflow.emulator", "iceflow.emulator_symmetrise", "iceflow.threads");
    }

    /**
     * {@inheritDoc}
     *
     * @throws InputException when {@code iceflow.emulator} is empty or not a folder, or the emulator cannot be read
     */
    @Override
    public IceFlowModel create(Parameters p, Grid2D grid) {
        int threads = IceFlowRegistry.threads(p);
        Path folder = p.path("iceflow.emulator");
        if (folder == null) {
            throw new InputException(p.source() + ": iceflow.method = emulator needs iceflow.emulator, "
                    + "the folder of a trained emulator");
        }
        if (!Files.isDirectory(folder)) {
            throw new InputException(p.source() + ": iceflow.emulator = " + p.rawPath("iceflow.emulator")
                    + " is not a folder (resolved to " + folder + ")");
        }
        EmulatorIceFlow emulator = EmulatorIceFlow.load(folder, grid.dx(), threads);
        return p.bool("iceflow.emulator_symmetrise") ? new SymmetrisedIceFlow(emulator) : emulator;
    }
}
