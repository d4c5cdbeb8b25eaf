package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.params.Parameters;

import java.util.List;

/**
 * {@code iceflow.method = ssa}: the {@link ShallowShelfFlow} on bilinear elements, or on quadratic ones with
 * {@code iceflow.ssa_elements = quadratic}; an instructor. Its solver options
 * ({@link #options}) are also the hybrid's.
 */
final class ShallowShelfFlowProvider implements InstructorProvider {

    @Override
    public String name() {
        return ShallowShelfFlow.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("iceflow.solver_tolerance", "iceflow.ssa_max_iterations", "iceflow.ssa_elements");
    }

    @Override
    public IceFlowModel create(Parameters p, Grid2D grid) {
        return onElements(p, options(p));
    }

    @Override
    public IceFlowModel instructor(Parameters p, int threads, boolean unlagged) {
        return onElements(p, options(p).withThreads(threads));
    }

    /** The SSA solver options of {@code iceflow.solver_tolerance} and {@code iceflow.ssa_max_iterations}. */
    static ShallowShelfFlow.Options options(Parameters p) {
        return ShallowShelfFlow.Options.defaults().withTolerance(p.number("iceflow.solver_tolerance"))
                .withMaxIterations(p.integer("iceflow.ssa_max_iterations"));
    }

    /** The SSA on the elements of {@code iceflow.ssa_elements}. */
    private static IceFlowModel onElements(Parameters p, ShallowShelfFlow.Options options) {
        return new ShallowShelfFlow(p.string("iceflow.ssa_elements").equals("quadratic")
                ? ShallowShelfFlow.Elements.QUADRATIC : ShallowShelfFlow.Elements.BILINEAR, options);
    }
}
