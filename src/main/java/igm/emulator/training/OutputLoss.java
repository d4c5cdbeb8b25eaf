package igm.emulator.training;

/**
 * A loss over the network's outputs for a batch, {@code L = (Σ_b ℓ_b) / divisor}, with its gradient ∂L/∂y, which
 * the {@link GradientEngine} backpropagates to the weights. The mean absolute error against targets
 * ({@link MeanAbsoluteError}, IGM's instructed training) is one; a physics loss such as the Blatter–Pattyn energy of
 * the network's velocity (in {@code igm.physics.iceflow.blatter}) is another: it lives beside its physics and needs
 * no targets.
 *
 * <p>The engine calls {@link #sample} from its worker threads: samples of different chunks at once, the samples of a
 * chunk one after the other on one thread. An implementation must therefore allow concurrent calls for different
 * samples.
 */
public interface OutputLoss {

    /** Whether the loss reads the batch's targets (the engine then refuses a batch without them). */
    boolean needsTargets();

    /** The divisor of the summed sample losses, {@code > 0}. */
    double divisor(Batch batch);

    /**
     * The loss ℓ_b of sample {@code b} and, when {@code delta} is not null, ∂L/∂y = (∂ℓ_b/∂y) / {@link #divisor}.
     *
     * @param y     the sample's outputs, channels-last: {@code y[(j·width + i)·outputs + o]}; read only
     * @param delta null (loss only), or overwritten with ∂L/∂y in the layout of y
     * @return ℓ_b (summed over the batch in sample order, in double, then divided by the divisor)
     */
    double sample(Batch batch, int b, float[] y, float[] delta);
}
