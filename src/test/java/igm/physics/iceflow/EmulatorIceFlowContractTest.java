package igm.physics.iceflow;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The {@link IceFlowModelContract} for IGM's f15 emulator (skipped without the shared data). A CNN is not exactly
 * equivariant: it was trained on rotated and flipped patches, so rotation and reflection hold only approximately:
 * the mean difference must stay within the paper's fidelity bound.
 */
class EmulatorIceFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        Path relative = Path.of("..", "shared", "data", "igm-emulators", "f15_cfsflow_GJ_22_a");
        Path folder = Files.isDirectory(relative) ? relative
                : Path.of("/work/shared/data/igm-emulators/f15_cfsflow_GJ_22_a");
        Assumptions.assumeTrue(Files.isDirectory(folder), "f15 emulator not found, skipping: " + folder);
        return EmulatorIceFlow.load(folder, DX, 1);
    }

    /** The paper's fidelity bound: relative L1 error ≤ 10 %. */
    @Override
    protected double symmetryTolerance() {
        return 0.1;
    }

    @Override
    protected boolean symmetryInMeanNorm() {
        return true;
    }
}
