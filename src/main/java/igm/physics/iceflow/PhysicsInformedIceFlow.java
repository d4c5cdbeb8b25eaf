package igm.physics.iceflow;

import igm.InputException;
import igm.emulator.ConvNet;
import igm.emulator.Emulator;
import igm.emulator.training.Adam;
import igm.emulator.training.Batch;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.iceflow.blatter.BlatterEnergyLoss;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.physics.iceflow.blatter.PhysicsInformedTrainer;

import java.util.List;
import java.util.Locale;

/**
 * Ice flow by a physics-informed emulator (IGM 2.x, Jouvet &amp; Cordonnier 2023): a {@link PhysicsInformedNetwork}
 * gives u and v at the levels of the {@code blatter} solver, from which the depth-averaged, surface and basal
 * velocities follow by the solver's own vertical quadrature ({@link BlatterSolution}); and, as IGM does, the network
 * is retrained during the run by Adam steps on the Blatter–Pattyn energy of the glacier at hand
 * ({@link PhysicsInformedTrainer}), so that it needs no solver data and adapts to the glacier simulated.
 *
 * <p><b>Schedule</b> ({@link Retraining}). Solves are counted from 0, the initial state, and the simulation solves
 * once per step, so solve s is the state after s steps. Before the velocity of solve 0 the network takes
 * {@link Retraining#warmupIterations()} Adam steps on that state; before the velocity of solve s = k·interval,
 * k ≥ 1, it takes {@link Retraining#iterations()} steps on the state of solve s (a state without ice is not trained
 * on: an ice-free initial state gets no warm-up). IGM retrains at its first step and
 * then every {@code iflo_retrain_emulator_freq} steps, its warm-up being the {@code iflo_retrain_emulator_nbit_init}
 * iterations of its first call; it decays its learning rate by 0.95 per 1000 iterations within one retraining, which
 * this model does not (a retraining here is a few iterations). The warm-up's learning rate rises linearly over its
 * first tenth ({@link PhysicsInformedTrainer#warmupRate}).
 *
 * <p><b>Where the network is evaluated.</b> Every solve crops the grid to the bounding box of the ice columns (those
 * of the Blatter–Pattyn operator: thicker than {@link BlatterProblem#MIN_ICE_THICKNESS}) grown by the network's
 * receptive radius plus one cell, clipped to the domain. The outputs at the ice columns then see the same inputs and
 * zero padding as on the whole grid (the surface slopes in the radius are centred differences of cells in the crop),
 * and every element with an ice corner lies in the crop, so the crop's energy is that of the whole grid (ice-free
 * columns have no unknowns). The velocity is evaluated by the inference network ({@link ConvNet}, rows split between
 * the threads, only on the cells the ice columns depend on); training uses the {@code GradientEngine}, which works on
 * one sample per thread. Velocities are zero outside the ice columns. The result has no staggered velocity and no
 * time-step limit of its own.
 *
 * <p><b>Energy.</b> The energy reported ({@link Statistics}) is the Blatter–Pattyn energy of the network's velocity
 * per unit area of the model grid, E / (n_x n_y Δx²), MPa m a⁻¹ (negative: the energy at rest is 0 and the solver's
 * minimum lies below it), before each retraining (the loss of its first step) and after it (of the velocity the solve
 * returns).
 *
 * <p><b>Restart.</b> The weights, the optimiser's state (moments and step count), the solve counter and the
 * retraining statistics go into the checkpoint, so that a resumed run retrains and evaluates bit for bit as the run
 * in one piece; the time spent in retraining measures this process and is not saved. Results do not depend on the
 * thread count. Not thread-safe; {@link #close} releases the threads.
 */
public final class PhysicsInformedIceFlow implements IceFlowModel, Restartable, AutoCloseable {

    /** IGM's default retraining learning rate ({@code iflo_retrain_emulator_lr}). */
    public static final double DEFAULT_LEARNING_RATE = 2e-5;

    /**
     * When and how much the network is retrained.
     *
     * @param warmupIterations Adam iterations on the initial state before the first velocity, ≥ 0 (0: none)
     * @param interval         steps between retrainings, ≥ 0 (0: frozen after the warm-up)
     * @param iterations       Adam iterations at each retraining, ≥ 1
     * @param learningRate     Adam's learning rate, &gt; 0
     */
    public record Retraining(int warmupIterations, int interval, int iterations, double learningRate) {

        /** No warm-up, no retraining: the network as it was loaded. */
        public static final Retraining FROZEN = new Retraining(0, 0, 1, DEFAULT_LEARNING_RATE);

        /** @throws IllegalArgumentException naming the setting out of range */
        public Retraining {
            if (warmupIterations < 0 || interval < 0 || iterations < 1) {
                throw new IllegalArgumentException("warm-up iterations and interval must be ≥ 0 and iterations ≥ 1,"
                        + " got " + warmupIterations + ", " + interval + " and " + iterations);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            }
        }

        /** Whether the network is ever trained in the run (a warm-up or a retraining interval). */
        public boolean trains() {
            return warmupIterations > 0 || interval > 0;
        }

        /** The Adam iterations before the velocity of solve {@code solve} (0: the initial state), ≥ 0. */
        public int iterationsAt(long solve) {
            if (solve == 0) {
                return warmupIterations;
            }
            return interval > 0 && solve % interval == 0 ? iterations : 0;
        }

        /** One line: the warm-up and the retraining schedule. */
        public String describe() {
            if (!trains()) {
                return "frozen (no warm-up, no retraining)";
            }
            return String.format(Locale.ROOT, "warm-up %d iterations, %s, learning rate %.3g", warmupIterations,
                    interval == 0 ? "then frozen" : "retrained every " + interval + " steps with " + iterations
                            + " iteration" + (iterations == 1 ? "" : "s"), learningRate);
        }
    }

    /**
     * What the retraining of a run did so far; energies per unit area of the model grid, MPa m a⁻¹ (NaN where there
     * was none).
     *
     * @param warmupIterations   iterations of the warm-up done (0 when there was none)
     * @param warmupBefore       the energy before the warm-up
     * @param warmupAfter        the energy after it
     * @param retrainings        retrainings after the warm-up
     * @param iterations         their iterations, in all
     * @param firstBefore        the energy before the first retraining
     * @param firstAfter         the energy after it
     * @param lastBefore         the energy before the last retraining
     * @param lastAfter          the energy after it
     * @param seconds            wall time spent in warm-up and retraining by this process, s (not saved in a
     *                           checkpoint)
     */
    public record Statistics(int warmupIterations, double warmupBefore, double warmupAfter, int retrainings,
                             long iterations, double firstBefore, double firstAfter, double lastBefore,
                             double lastAfter, double seconds) {

        static final Statistics NONE = new Statistics(0, Double.NaN, Double.NaN, 0, 0, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0);

        Statistics withWarmup(int count, double before, double after, double time) {
            return new Statistics(count, before, after, retrainings, iterations, firstBefore, firstAfter, lastBefore,
                    lastAfter, seconds + time);
        }

        Statistics withRetraining(int count, double before, double after, double time) {
            boolean first = retrainings == 0;
            return new Statistics(warmupIterations, warmupBefore, warmupAfter, retrainings + 1, iterations + count,
                    first ? before : firstBefore, first ? after : firstAfter, before, after, seconds + time);
        }

        /** For a progress log: the trainings so far, the time spent and the energy before and after the latest. */
        public String progress() {
            boolean retrained = retrainings > 0;
            return String.format(Locale.ROOT, "%d iterations in %.1f s; energy per area %.6g → %.6g MPa m/a at the "
                    + "%s", warmupIterations + iterations, seconds, retrained ? lastBefore : warmupBefore,
                    retrained ? lastAfter : warmupAfter, retrained ? "last of " + retrainings + " retrainings"
                    : "warm-up");
        }

        /** The energy trend and counts in one line (the time spent is left to the caller, who knows the run's). */
        public String describe() {
            StringBuilder line = new StringBuilder();
            if (warmupIterations > 0) {
                line.append(String.format(Locale.ROOT, "warm-up %d iterations, energy per area %.6g → %.6g MPa m/a",
                        warmupIterations, warmupBefore, warmupAfter));
            }
            if (retrainings > 0) {
                line.append(line.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "%d retrainings (%d "
                                + "iterations), energy per area before → after: first %.6g → %.6g, last %.6g → %.6g "
                                + "MPa m/a", retrainings, iterations, firstBefore, firstAfter, lastBefore,
                        lastAfter));
            }
            return line.isEmpty() ? "no retraining yet" : line.toString();
        }
    }

    private final PhysicsInformedNetwork network;
    private final Retraining retraining;
    private final int threads;
    private final double resolution;
    private final String source;
    private final PhysicsInformedTrainer trainer;
    private final int margin;
    private ConvNet evaluator;
    private long solves;
    private Statistics statistics = Statistics.NONE;

    /**
     * @param network    the network (its weights are trained in place when {@code retraining} asks for it)
     * @param retraining the warm-up and retraining schedule
     * @param threads    threads of the evaluation, the training and the energy, ≥ 1
     * @param resolution the grid spacing the network was trained for, m (NaN: any)
     * @param source     where the network comes from (its folder), for messages
     * @throws IllegalArgumentException when threads &lt; 1
     */
    public PhysicsInformedIceFlow(PhysicsInformedNetwork network, Retraining retraining, int threads,
                                  double resolution, String source) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.network = network;
        this.retraining = retraining;
        this.threads = threads;
        this.resolution = resolution;
        this.source = source;
        this.trainer = new PhysicsInformedTrainer(network, threads, 0, retraining.learningRate());
        this.evaluator = network.network().toConvNet(threads);
        this.margin = evaluator.receptiveRadius() + 1;
    }

    @Override
    public String name() {
        return EmulatorIceFlow.NAME;
    }

    /**
     * {@inheritDoc} Retrains first when the schedule says so (see the class comment).
     *
     * @throws InputException when the grid spacing differs from the network's resolution by more than 1 %
     */
    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D grid = input.grid();
        if (!Double.isNaN(resolution) && Math.abs(grid.dx() - resolution) > Emulator.RESOLUTION_TOLERANCE * resolution) {
            throw new InputException(String.format(Locale.ROOT, "physics-informed emulator %s was trained at %g m "
                    + "but the grid spacing is dx = %g m", source, resolution, grid.dx()));
        }
        int count = retraining.iterationsAt(solves);
        long solve = solves++;
        int n = grid.size();
        int[] box = iceBox(grid, input.thickness());
        if (box == null) {
            return new IceFlowResult(grid, new double[n], new double[n], new double[n], new double[n], new double[n],
                    new double[n], null, Double.POSITIVE_INFINITY);
        }
        Grid2D crop = grid.crop(box[0], box[1], box[2], box[3]);
        BlatterProblem problem = PhysicsInformedNetwork.problem(crop, cut(grid, input.thickness(), box),
                cut(grid, input.surface(), box), cut(grid, input.rateFactor(), box),
                cut(grid, input.slidingCoefficient(), box));
        Batch inputs = network.inputs(List.of(problem));
        long t0 = System.nanoTime();
        BlatterEnergyLoss loss = null;
        double before = Double.NaN;
        if (count > 0) {
            loss = trainer.loss(List.of(problem));
            for (int it = 0; it < count; it++) {
                double rate = solve == 0 ? PhysicsInformedTrainer.warmupRate(retraining.learningRate(), it, count)
                        : retraining.learningRate();
                double value = trainer.step(inputs, loss, rate);
                if (it == 0) {
                    before = value;
                }
            }
            evaluator.close();
            evaluator = network.network().toConvNet(threads);
        }
        boolean[] ice = new boolean[crop.size()];
        for (int c = 0; c < ice.length; c++) {
            ice[c] = problem.thickness()[c] > BlatterProblem.MIN_ICE_THICKNESS;
        }
        float[] y = evaluator.forward(inputs.inputs(), crop.nx(), crop.ny(), ice);
        if (count > 0) {
            double toGrid = crop.size() / (double) n;
            double after = loss.sample(inputs, 0, y, null) * toGrid;
            double seconds = (System.nanoTime() - t0) * 1e-9;
            statistics = solve == 0 ? statistics.withWarmup(count, before * toGrid, after, seconds)
                    : statistics.withRetraining(count, before * toGrid, after, seconds);
        }
        BlatterSolution velocity = network.velocity(problem, y, null);
        return embed(grid, box, velocity.toIceFlowResult());
    }

    /**
     * The bounding box {i0, j0, width, height} of the ice columns grown by {@link #margin} and clipped to the grid, or
     * null when there is no ice.
     */
    private int[] iceBox(Grid2D grid, double[] thickness) {
        boolean[] ice = new boolean[grid.size()];
        for (int k = 0; k < ice.length; k++) {
            ice[k] = thickness[k] > BlatterProblem.MIN_ICE_THICKNESS;
        }
        return grid.boundingBox(ice, margin);
    }

    private static double[] cut(Grid2D grid, double[] field, int[] box) {
        return grid.cut(field, box[0], box[1], box[2], box[3]);
    }

    private static IceFlowResult embed(Grid2D grid, int[] box, IceFlowResult r) {
        double[][] parts = {r.ubar(), r.vbar(), r.uSurface(), r.vSurface(), r.uBase(), r.vBase()};
        double[][] full = new double[parts.length][grid.size()];
        for (int f = 0; f < parts.length; f++) {
            for (int j = 0; j < box[3]; j++) {
                System.arraycopy(parts[f], j * box[2], full[f], (j + box[1]) * grid.nx() + box[0], box[2]);
            }
        }
        return new IceFlowResult(grid, full[0], full[1], full[2], full[3], full[4], full[5], null,
                Double.POSITIVE_INFINITY);
    }

    /** The network (its weights as trained so far). */
    public PhysicsInformedNetwork network() {
        return network;
    }

    /** The warm-up and retraining schedule. */
    public Retraining retraining() {
        return retraining;
    }

    /** Solves so far (the next solve's index). */
    public long solves() {
        return solves;
    }

    /** What the retraining did so far. */
    public Statistics statistics() {
        return statistics;
    }

    /** One line: the network's folder, architecture, levels and the retraining schedule. */
    public String describe() {
        return "physics-informed emulator " + source + ": " + network.architecture().describe() + ", "
                + network.levels() + " levels; " + retraining.describe();
    }

    /**
     * Saves the weights, the optimiser's moments and step count, the solve counter and the retraining statistics (not
     * the time spent).
     */
    @Override
    public void saveState(RestartState state) {
        state.putFloats("weights", network.parameters());
        Adam.State adam = trainer.optimiserState();
        state.put("adam_steps", adam.steps());
        state.putFloats("adam_m", adam.m());
        state.putFloats("adam_v", adam.v());
        state.put("solves", solves);
        Statistics s = statistics;
        state.put("warmup_iterations", s.warmupIterations());
        state.put("warmup_before", s.warmupBefore());
        state.put("warmup_after", s.warmupAfter());
        state.put("retrainings", s.retrainings());
        state.put("iterations", s.iterations());
        state.put("first_before", s.firstBefore());
        state.put("first_after", s.firstAfter());
        state.put("last_before", s.lastBefore());
        state.put("last_after", s.lastAfter());
    }

    /**
     * @throws InputException when the checkpoint holds no weights or moments, or they are for another network
     */
    @Override
    public void restoreState(RestartState state) {
        float[] weights = floats(state, "weights");
        float[] m = floats(state, "adam_m");
        float[] v = floats(state, "adam_v");
        System.arraycopy(weights, 0, network.parameters(), 0, weights.length);
        trainer.restore(new Adam.State((long) state.number("adam_steps"), m, v));
        solves = (long) state.number("solves");
        statistics = new Statistics((int) state.number("warmup_iterations"), state.number("warmup_before"),
                state.number("warmup_after"), (int) state.number("retrainings"), (long) state.number("iterations"),
                state.number("first_before"), state.number("first_after"), state.number("last_before"),
                state.number("last_after"), 0);
        evaluator.close();
        evaluator = network.network().toConvNet(threads);
    }

    private float[] floats(RestartState state, String name) {
        float[] a = state.floats(name);
        int expected = network.parameters().length;
        if (a == null || a.length != expected) {
            throw new InputException("the checkpoint's " + name + " of the physics-informed emulator " + source
                    + " has " + (a == null ? "no values" : a.length + " values") + ", the network " + expected
                    + " parameters");
        }
        return a;
    }

    @Override
    public void close() {
        evaluator.close();
        trainer.close();
    }
}
