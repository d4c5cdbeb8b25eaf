package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.params.Parameters;

import java.util.List;

/**
 * {@code iceflow.method = hybrid}: the {@link HybridIceFlow} of the SIA and the bilinear SSA (with the ssa model's
 * solver options), re-solving the SSA once the thickness has changed by {@code iceflow.hybrid_ssa_update}; an
 * instructor.
 */
final class HybridIceFlowProvider implements InstructorProvider {

    @Override
    public String name() {
        return HybridIceFlow.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("iceflow.solver_tolerance", "iceflow.ssa_max_iterations", "iceflow.hybrid_ssa_update");
    }

    @Override
    public IceFlowModel create(Parameters p, Grid2D grid) {
        return new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(ShallowShelfFlowProvider.options(p)),
                p.number("iceflow.hybrid_ssa_update"));
    }

    @Override
    public IceFlowModel instructor(Parameters p, int threads, boolean unlagged) {
        return new HybridIceFlow(new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, threads),
                new ShallowShelfFlow(ShallowShelfFlowProvider.options(p).withThreads(threads)),
                unlagged ? 0 : p.number("iceflow.hybrid_ssa_update"));
    }

    @Override
    public boolean lagged(Parameters p) {
        return p.number("iceflow.hybrid_ssa_update") > 0;
    }
}
