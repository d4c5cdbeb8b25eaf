package igm.physics.iceflow;

/**
 * The {@link IceFlowModelContract} for the SSA on biquadratic elements, solved to the same tight tolerances as
 * {@link ShallowShelfFlowContractTest} (Newton 1e-10, conjugate gradients 1e-10; solutions agree to 1e-7 of the
 * largest speed).
 */
class QuadraticShallowShelfFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        return new ShallowShelfFlow(ShallowShelfFlow.Elements.QUADRATIC, ShallowShelfFlow.Options.defaults().withTolerance(1e-10)
                .withLinearTolerance(1e-10).withMaxIterations(500));
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-7;
    }
}
