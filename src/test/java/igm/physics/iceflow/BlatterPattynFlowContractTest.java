package igm.physics.iceflow;

import igm.physics.iceflow.blatter.BlatterOptions;

/**
 * The {@link IceFlowModelContract} for the Blatter–Pattyn solver, with a tight solver tolerance (1e-8 relative
 * quasi-Newton step), so that the symmetry of the discretisation (exact: the 2×2×2 Gauss rule and the regular
 * grid are invariant under the rotations and reflections tested) shows to 1e-5 of the largest speed.
 */
class BlatterPattynFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        return new BlatterPattynFlow(BlatterOptions.defaults().withLevels(6).withTolerance(1e-8));
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-5;
    }
}
