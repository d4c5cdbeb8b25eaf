package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.params.Parameters;
import igm.physics.iceflow.blatter.BlatterOptions;

import java.util.List;

/**
 * {@code iceflow.method = blatter}: the {@link BlatterPattynFlow}, wrapped in a {@link LaggedIceFlow} when
 * {@code iceflow.blatter_update} &gt; 0; an instructor.
 */
final class BlatterPattynFlowProvider implements InstructorProvider {

    @Override
    public String name() {
        return BlatterPattynFlow.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("iceflow.threads", "iceflow.solver_tolerance", "iceflow.blatter_update",
                "iceflow.blatter_levels", "iceflow.blatter_max_iterations");
    }

    @Override
    public IceFlowModel create(Parameters p, Grid2D grid) {
        return lag(p, onThreads(p, IceFlowRegistry.threads(p)));
    }

    @Override
    public IceFlowModel instructor(Parameters p, int threads, boolean unlagged) {
        return unlagged ? onThreads(p, threads) : lag(p, onThreads(p, threads));
    }

    @Override
    public boolean lagged(Parameters p) {
        return p.number("iceflow.blatter_update") > 0;
    }

    /** The Blatter–Pattyn model of the parameters, its solver on {@code threads} threads. */
    private static IceFlowModel onThreads(Parameters p, int threads) {
        return new BlatterPattynFlow(options(p, threads));
    }

    /** The Blatter–Pattyn settings of the parameters (levels, tolerance, iteration cap), on {@code threads} threads. */
    static BlatterOptions options(Parameters p, int threads) {
        return BlatterOptions.defaults()
                .withLevels(p.integer("iceflow.blatter_levels"))
                .withTolerance(p.number("iceflow.solver_tolerance"))
                .withMaxIterations(p.integer("iceflow.blatter_max_iterations"))
                .withThreads(threads);
    }

    /** The model, lagged when {@code iceflow.blatter_update} &gt; 0. */
    private static IceFlowModel lag(Parameters p, IceFlowModel blatter) {
        double update = p.number("iceflow.blatter_update");
        return update > 0 ? new LaggedIceFlow(blatter, update) : blatter;
    }
}
