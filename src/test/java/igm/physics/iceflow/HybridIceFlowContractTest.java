package igm.physics.iceflow;

/**
 * The {@link IceFlowModelContract} for the hybrid SIA + SSA model, with its SSA at a tight tolerance (as in
 * {@link ShallowShelfFlowContractTest}): solutions must agree to 1e-7 of the largest speed.
 */
class HybridIceFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        return new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(ShallowShelfFlow.Options.defaults()
                .withTolerance(1e-10).withLinearTolerance(1e-10).withMaxIterations(500)));
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-7;
    }
}
