package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.params.Parameters;

import java.util.List;

/** {@code iceflow.method = sia}: the {@link ShallowIceFlow}, an instructor. */
final class ShallowIceFlowProvider implements InstructorProvider {

    @Override
    public String name() {
        return ShallowIceFlow.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of();
    }

    @Override
    public IceFlowModel create(Parameters p, Grid2D grid) {
        return new ShallowIceFlow();
    }

    @Override
    public IceFlowModel instructor(Parameters p, int threads, boolean unlagged) {
        return new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, threads);
    }
}
