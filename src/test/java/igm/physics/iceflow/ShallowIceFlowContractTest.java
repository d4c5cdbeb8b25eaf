package igm.physics.iceflow;

/** The {@link IceFlowModelContract} for the SIA: exact symmetry up to rounding. */
class ShallowIceFlowContractTest extends IceFlowModelContract {

    @Override
    protected IceFlowModel model() {
        return new ShallowIceFlow();
    }

    @Override
    protected double symmetryTolerance() {
        return 1e-12;
    }
}
