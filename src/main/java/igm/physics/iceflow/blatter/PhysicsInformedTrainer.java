package igm.physics.iceflow.blatter;

import igm.emulator.training.Adam;
import igm.emulator.training.Batch;
import igm.emulator.training.GradientClipping;
import igm.emulator.training.GradientEngine;

import java.util.List;

/**
 * Adam steps on the Blatter–Pattyn energy of a {@link PhysicsInformedNetwork}'s velocity: what pretraining does batch
 * after batch and what a run does to retrain the network on the glacier at hand (IGM's in-loop retraining). Each
 * {@link #step} evaluates the energy loss and its weight gradient ({@link GradientEngine} fed by a
 * {@link BlatterEnergyLoss}), clips the gradient to a global norm when asked and moves the network's parameters in
 * place. The result depends on the problems, the network, the optimiser's state and the learning rates only, not on
 * the thread count.
 *
 * <p>Threads: a batch of several problems is spread over the engine's threads, one operator thread each; a single
 * problem (a whole glacier in a run) gives its operator all threads (the engine works on one sample per thread).
 */
public final class PhysicsInformedTrainer implements AutoCloseable {

    /**
     * The share of a warm-up over which its learning rate rises linearly to the rate asked for
     * ({@link #warmupRate}).
     */
    public static final double WARMUP_RAMP = 0.1;

    private final PhysicsInformedNetwork network;
    private final int threads;
    private final double clipNorm;
    private final BlatterEnergyLoss.Weighting weighting;
    private final GradientEngine engine;
    private final Adam adam;
    private final float[] gradient;
    private double lastGradientNorm = Double.NaN;

    /**
     * @param network  the network to train (its parameters are changed in place)
     * @param threads  threads, ≥ 1
     * @param clipNorm the global gradient-norm clip, &gt; 0, or 0 for none
     * @param learningRate the optimiser's default learning rate (a step may give its own), &gt; 0
     * @throws IllegalArgumentException when a setting is out of range
     */
    public PhysicsInformedTrainer(PhysicsInformedNetwork network, int threads, double clipNorm, double learningRate) {
        this(network, threads, clipNorm, learningRate, BlatterEnergyLoss.Weighting.NONE);
    }

    /**
     * A trainer whose batches weigh their samples as {@code weighting} (pretraining on glaciers of very different
     * speeds); a batch of one problem is unaffected but for the scale of its loss, which Adam's steps ignore.
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public PhysicsInformedTrainer(PhysicsInformedNetwork network, int threads, double clipNorm, double learningRate,
                                  BlatterEnergyLoss.Weighting weighting) {
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("gradient clip norm must be finite and ≥ 0 (0: none), got " + clipNorm);
        }
        this.network = network;
        this.threads = threads;
        this.clipNorm = clipNorm;
        this.weighting = weighting;
        this.engine = new GradientEngine(network.architecture(), threads);
        this.adam = new Adam(network.parameters().length, learningRate);
        this.gradient = new float[network.parameters().length];
    }

    /**
     * The learning rate of iteration {@code iteration} (from 0) of a warm-up of {@code iterations} Adam iterations
     * from a new optimiser: {@code rate·min(1, (iteration + 1)/r)}, r = ⌈{@value #WARMUP_RAMP}·iterations⌉. Adam's
     * first steps move every weight by about the full rate whatever its gradient (its moment estimates rest on a few
     * gradients, Liu et al. 2020, "On the variance of the adaptive learning rate and beyond"): at 1e-3, the first 25
     * iterations on a held-out state took a pretrained network from 30 % to 71 % off the converged solver, and on a
     * sliding state to no motion at all, which 200 iterations did not undo. With the ramp the same warm-ups ended at
     * 4 % and 6 %.
     */
    public static double warmupRate(double rate, int iteration, int iterations) {
        int ramp = (int) Math.ceil(WARMUP_RAMP * iterations);
        return ramp <= 1 ? rate : rate * Math.min(1.0, (iteration + 1) / (double) ramp);
    }

    /** The network trained. */
    public PhysicsInformedNetwork network() {
        return network;
    }

    /** The engine (for forward passes with the same threads). */
    public GradientEngine engine() {
        return engine;
    }

    /** The energy loss of the problems, weighted and with the operator threads described in the class comment. */
    public BlatterEnergyLoss loss(List<BlatterProblem> problems) {
        return network.loss(problems, problems.size() == 1 ? threads : 1, weighting);
    }

    /**
     * One Adam step on the problems' mean energy per unit area.
     *
     * @param learningRate the step's learning rate, &gt; 0
     * @return the loss before the step, MPa m a⁻¹
     */
    public double step(List<BlatterProblem> problems, double learningRate) {
        return step(network.inputs(problems), loss(problems), learningRate);
    }

    /** One Adam step on a prepared batch and its loss (as {@link #step(List, double)}). */
    public double step(Batch inputs, BlatterEnergyLoss loss, double learningRate) {
        double value = engine.lossAndGradient(network.parameters(), inputs, loss, gradient);
        lastGradientNorm = clipNorm > 0 ? GradientClipping.clipByGlobalNorm(gradient, clipNorm) : Double.NaN;
        adam.step(network.parameters(), gradient, learningRate);
        return value;
    }

    /** The loss of the problems at the current weights (no step), MPa m a⁻¹. */
    public double loss(Batch inputs, BlatterEnergyLoss loss) {
        return engine.loss(network.parameters(), inputs, loss);
    }

    /** The global gradient norm of the last step before clipping; NaN without clipping or before the first step. */
    public double lastGradientNorm() {
        return lastGradientNorm;
    }

    /** The optimiser's state (moments and step count), for a checkpoint. */
    public Adam.State optimiserState() {
        return adam.state();
    }

    /** Restores the optimiser's state from a checkpoint. */
    public void restore(Adam.State state) {
        adam.restore(state);
    }

    @Override
    public void close() {
        engine.close();
    }
}
