package igm.physics.iceflow;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The {@link IceFlowModelContract} for IGM's f15 emulator averaged over the grid's eight symmetries
 * ({@link SymmetrisedIceFlow}, {@code iceflow.emulator_symmetrise}): exactly equivariant, on the synthetic glacier
 * of the contract, to rounding (skipped without the shared data).
 */
class SymmetrisedEmulatorContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        Path relative = Path.of("..", "shared", "data", "igm-emulators", "f15_cfsflow_GJ_22_a");
        Path folder = Files.isDirectory(relative) ? relative
                : Path.of("/work/shared/data/igm-emulators/f15_cfsflow_GJ_22_a");
        Assumptions.assumeTrue(Files.isDirectory(folder), "f15 emulator not found, skipping: " + folder);
        return new SymmetrisedIceFlow(EmulatorIceFlow.load(folder, DX, 1));
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-12;
    }
}
