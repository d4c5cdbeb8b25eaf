package igm.physics.iceflow;

import igm.physics.iceflow.blatter.BlatterOptions;

/**
 * The {@link IceFlowModelContract} for the Blatter–Pattyn solver (6 levels, solver tolerance 1e-8). The
 * discretisation is invariant under the rotations and reflections tested (a regular grid, a 2×2×2 Gauss rule
 * symmetric in ξ and η), and so is every step of the L-BFGS iteration, so transformed solutions agree to rounding
 * (observed: within 1e-12 of the largest speed); the tolerance, 1e-9, leaves room for the different order of the
 * floating-point sums.
 */
class BlatterPattynFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        return new BlatterPattynFlow(BlatterOptions.defaults().withLevels(6).withTolerance(1e-8));
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-9;
    }
}
