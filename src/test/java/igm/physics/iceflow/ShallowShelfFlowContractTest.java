package igm.physics.iceflow;

/**
 * The {@link IceFlowModelContract} for the SSA. The discretisation is symmetric under the grid's rotations and
 * reflections; what differs is the rounding along the iterations, so the solver runs to a tight tolerance (Picard
 * 1e-10, conjugate gradients 1e-10) and the solutions must agree to 1e-7 of the largest speed.
 */
class ShallowShelfFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        return new ShallowShelfFlow(ShallowShelfFlow.Options.defaults().withTolerance(1e-10)
                .withLinearTolerance(1e-10).withMaxIterations(500));
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-7;
    }
}
