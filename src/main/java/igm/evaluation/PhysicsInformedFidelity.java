package igm.evaluation;

import igm.emulator.data.MeanRelativeError;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.SolverReport;
import igm.physics.iceflow.blatter.BlatterOperator;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.physics.iceflow.blatter.PhysicsInformedTrainer;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A physics-informed network against the converged {@code blatter} solve of the same discretisation, state by state:
 * the paper's eq. 7 ({@link MeanRelativeError}) of the depth-averaged and of the surface velocity, and the energy gap
 * (E_network − E_solver) / |E_solver|, for the network as it is (frozen) and after a warm-up of a given number of Adam
 * iterations on each state, each warm-up starting from the frozen network with the run's learning-rate ramp
 * ({@link PhysicsInformedTrainer#warmupRate}).
 */
final class PhysicsInformedFidelity {

    /**
     * Figures over a set of states.
     *
     * @param depthAveraged eq. 7 of ū
     * @param surface       eq. 7 of the surface velocity
     * @param energyGap     the mean over the states of (E_network − E_solver) / |E_solver|
     * @param seconds       wall time of the network's evaluations (and warm-ups), s
     */
    record Figures(MeanRelativeError depthAveraged, MeanRelativeError surface, double energyGap, double seconds) {
    }

    /**
     * The comparison.
     *
     * @param states           states measured
     * @param frozen           the network as given
     * @param warmedUp         after {@code warmupIterations} iterations on each state
     * @param warmupIterations iterations of each warm-up
     * @param learningRate     the warm-up's Adam learning rate
     * @param solverSeconds    wall time of the reference solves, s
     */
    record Result(int states, Figures frozen, Figures warmedUp, int warmupIterations, double learningRate,
                  double solverSeconds) {
    }

    private PhysicsInformedFidelity() {
    }

    /**
     * Measures {@code network} (not changed) on the states.
     *
     * @param solver           the reference solver's settings (levels and regularisation are the network's)
     * @param warmupIterations Adam iterations of each warm-up, ≥ 0
     * @param learningRate     their learning rate, &gt; 0
     * @param threads          threads of the network and of the solver
     * @param out              a line per state
     */
    static Result measure(PhysicsInformedNetwork network, List<BlatterProblem> states, BlatterOptions solver,
                          int warmupIterations, double learningRate, int threads, PrintStream out) {
        BlatterOptions options = new BlatterOptions(network.levels(), network.options().regularisation(), threads,
                solver.solver().withThreads(threads));
        MeanRelativeError[] errors = {new MeanRelativeError(), new MeanRelativeError(), new MeanRelativeError(),
                new MeanRelativeError()};
        double[] gap = new double[2];
        double[] seconds = new double[2];
        double solverSeconds = 0;
        int index = 0;
        for (BlatterProblem state : states) {
            long t0 = System.nanoTime();
            BlatterSolution reference = new BlatterPattynFlow(options).solve(state);
            double solverEnergy = new BlatterOperator(state, options).energyPerArea(reference.u(), reference.v());
            solverSeconds += (System.nanoTime() - t0) * 1e-9;
            PhysicsInformedNetwork copy = new PhysicsInformedNetwork(network.architecture(),
                    network.parameters().clone(), network.inputs(), network.velocityScale(), options);
            double[] phaseGap = new double[2];
            MeanRelativeError[] stateErrors = new MeanRelativeError[2];
            try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(copy, threads, 0, learningRate)) {
                for (int phase = 0; phase < 2; phase++) {
                    long t1 = System.nanoTime();
                    int iterations = phase == 0 ? 0 : warmupIterations;
                    for (int k = 0; k < iterations; k++) {
                        trainer.step(List.of(state), PhysicsInformedTrainer.warmupRate(learningRate, k, iterations));
                    }
                    BlatterSolution s = copy.velocity(trainer.engine(), state, new SolverReport(iterations,
                            iterations, Double.NaN, true, phase == 1, 0, "physics-informed network"));
                    double energy = trainer.loss(copy.inputs(List.of(state)), trainer.loss(List.of(state)));
                    seconds[phase] += (System.nanoTime() - t1) * 1e-9;
                    int top = s.levels() - 1;
                    MeanRelativeError depth = new MeanRelativeError().add(reference.ubar(), reference.vbar(),
                            s.ubar(), s.vbar());
                    MeanRelativeError surface = new MeanRelativeError().add(reference.uLevel(top),
                            reference.vLevel(top), s.uLevel(top), s.vLevel(top));
                    stateErrors[phase] = depth;
                    errors[2 * phase].add(depth);
                    errors[2 * phase + 1].add(surface);
                    phaseGap[phase] = (energy - solverEnergy) / Math.abs(solverEnergy);
                    gap[phase] += phaseGap[phase];
                }
            }
            index++;
            out.printf(Locale.ROOT, "  state %d/%d (%s): solver %s; frozen: eq. 7 of ū %s, energy gap %.2e;"
                            + " after %d iterations: %s, %.2e%n", index, states.size(), state.grid(),
                    reference.report().converged() ? "converged" : "NOT CONVERGED", percent(stateErrors[0].value()),
                    phaseGap[0], warmupIterations, percent(stateErrors[1].value()), phaseGap[1]);
        }
        int n = states.size();
        return new Result(n, new Figures(errors[0], errors[1], gap[0] / n, seconds[0]),
                new Figures(errors[2], errors[3], gap[1] / n, seconds[1]), warmupIterations, learningRate,
                solverSeconds);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * value);
    }
}
