package igm.bench;

import igm.emulator.training.Batch;
import igm.emulator.training.GradientEngine;
import igm.physics.iceflow.blatter.BlatterEnergyLoss;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.simulation.GlacierState;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times one training iteration of a physics-informed network on a glacier state, the step a run repeats when it
 * retrains the network on the glacier at hand: the forward pass, the Blatter–Pattyn energy and its gradient with
 * respect to the outputs, and the backward pass. The forward pass ({@link GradientEngine#predict}) and the energy
 * ({@link BlatterEnergyLoss#sample}) are timed on their own; the backward pass is the whole iteration
 * ({@link GradientEngine#lossAndGradient}) less the two. Medians of the timed iterations after warm-up ones. The
 * network's GFLOP/s count 3 × forward over the forward and backward time. Figures are printed, never asserted.
 */
public final class PhysicsInformedBenchmark {

    /**
     * Timings of one iteration, medians, ms.
     *
     * @param cells        grid cells of the state
     * @param iceColumns   columns with ice (the energy's columns)
     * @param levels       N_z
     * @param threads      threads of the engine and of the energy
     * @param forwardMs    the forward pass
     * @param energyMs     the energy and its gradient with respect to the outputs
     * @param backwardMs   the backward pass (whole iteration − forward − energy)
     * @param iterationMs  the whole iteration
     * @param networkFlops the network's floating-point operations of one iteration (3 × forward)
     */
    public record Result(int cells, int iceColumns, int levels, int threads, double forwardMs, double energyMs,
                         double backwardMs, double iterationMs, long networkFlops) {

        /** GFLOP/s of the network's part (forward and backward). */
        public double networkGflops() {
            return networkFlops / ((forwardMs + backwardMs) * 1e6);
        }

        /** One line, with the network's GFLOP/s as a fraction of {@code peakGflops}. */
        public String describe(double peakGflops) {
            return String.format(Locale.ROOT, "physics-informed training iteration, %d cells (%d with ice), %d levels,"
                            + " %d thread(s): %.1f ms = forward %.1f + energy and gradient %.1f + backward %.1f;"
                            + " network %.2f GFLOP, %.1f GFLOP/s = %.0f%% of the measured peak", cells, iceColumns,
                    levels, threads, iterationMs, forwardMs, energyMs, backwardMs, networkFlops / 1e9,
                    networkGflops(), 100 * networkGflops() / peakGflops);
        }
    }

    private PhysicsInformedBenchmark() {
    }

    /**
     * Benchmarks a network of the given shape, Glorot weights of seed 1, on the state (rate factor and sliding
     * coefficient of the state).
     *
     * @param warmup     untimed iterations, ≥ 0
     * @param iterations timed iterations, ≥ 1
     */
    public static Result run(GlacierState state, int layers, int filters, int levels, int threads, int warmup,
                             int iterations) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be ≥ 1 and warmup ≥ 0, got " + iterations + ", "
                    + warmup);
        }
        BlatterOptions options = BlatterOptions.defaults().withLevels(levels).withThreads(threads);
        PhysicsInformedNetwork net = PhysicsInformedNetwork.initialise(layers, filters, 3,
                new double[] {500, 0.5, 0.5, 100, 25}, 100, options, 1);
        BlatterProblem problem = PhysicsInformedNetwork.problem(state.grid(), state.thickness(), state.surface(),
                state.rateFactor(), state.slidingCoefficient());
        Batch batch = net.inputs(List.of(problem));
        BlatterEnergyLoss loss = net.loss(List.of(problem), threads);
        float[] parameters = net.parameters();
        float[] gradient = new float[parameters.length];
        double[] forward = new double[iterations];
        double[] energy = new double[iterations];
        double[] whole = new double[iterations];
        try (GradientEngine engine = new GradientEngine(net.architecture(), threads)) {
            float[] delta = new float[state.grid().size() * net.architecture().outputs()];
            for (int t = -warmup; t < iterations; t++) {
                long t0 = System.nanoTime();
                float[] y = engine.predict(parameters, batch);
                long t1 = System.nanoTime();
                loss.sample(batch, 0, y, delta);
                long t2 = System.nanoTime();
                engine.lossAndGradient(parameters, batch, loss, gradient);
                long t3 = System.nanoTime();
                if (t >= 0) {
                    forward[t] = (t1 - t0) / 1e6;
                    energy[t] = (t2 - t1) / 1e6;
                    whole[t] = (t3 - t2) / 1e6;
                }
            }
            double f = Median.of(forward);
            double e = Median.of(energy);
            double w = Median.of(whole);
            int ice = (int) Arrays.stream(state.thickness()).filter(h -> h > BlatterProblem.MIN_ICE_THICKNESS)
                    .count();
            return new Result(state.grid().size(), ice, levels, threads, f, e, Math.max(0, w - f - e), w,
                    engine.flopsPerSample(state.grid().ny(), state.grid().nx()));
        }
    }
}
