package igm.inversion;

import igm.emulator.training.Adam;
import igm.emulator.training.Batch;
import igm.grid.Grid2D;
import igm.physics.iceflow.SolverReport;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.physics.iceflow.blatter.PhysicsInformedTrainer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Data assimilation through a physics-informed emulator (IGM's {@code data_assimilation}, Jouvet 2022, J. Glaciol.,
 * "Inversion of a Stokes glacier flow model emulated by deep learning"): the ice thickness H and the Weertman sliding
 * coefficient c inside the glacier mask are adjusted until the network's surface velocity matches the observed one,
 * with the surface elevation held at the observed one (the bed follows as surface − H). The cost is
 *
 * <pre>
 *   J = J_u + J_h + R_H + R_c
 *   J_u = (1/2N_u) Σ |u_s − u_s^obs|² / σ_u²                 (observed surface velocity, {@link SurfaceVelocityMisfit})
 *   J_h = (1/2N_h) Σ (H − H^obs)² / σ_h²                     (observed thickness)
 *   R_H = (λ_H/2N_m) Σ_edges ((H_a − H_b)/Δx)²
 *   R_c = (λ_c/2N_m) Σ_edges ((ln c_a − ln c_b)/Δx)²
 * </pre>
 *
 * N_u, N_h the observed cells, N_m the mask's cells, the edges the pairs of neighbours both in the mask, λ_H
 * dimensionless and λ_c in m². The thickness is not smoothed across the glacier's outline: a penalty on the step from
 * the margin's ice to the zero outside pulled the whole glacier thinner (in the twin experiment of the tests, by 25 m
 * on a mean of 137 m, the sliding making up the speed), where real margins are steep. The sliding coefficient is
 * controlled through θ = ln c, so it stays positive; the thickness is projected onto H ≥ 0 after every step and is 0
 * outside the mask. The gradient of J_u is the network's backward pass down to its inputs
 * ({@link igm.emulator.training.GradientEngine#lossAndInputGradient}) followed by the chain rule to H and c
 * ({@link PhysicsInformedNetwork#inputAdjoint}). The controls take Adam steps of about {@link Settings#thicknessStep}
 * metres and {@link Settings#slidingStep} in ln c per iteration (Adam's step is the same whatever the scale of the
 * gradient, so the steps are set in the controls' own units). Every {@link Settings#retrainInterval} iterations the
 * network takes {@link Settings#retrainIterations} Adam steps on the Blatter–Pattyn energy of the current state, as
 * IGM retrains its emulator during the inversion, so that the velocity it is fitted through stays that of the physics
 * and not of a network fooled by the new geometry.
 */
public final class Inversion {

    /** Iterations over which the stopping rule measures the fall of the cost. */
    public static final int STOPPING_WINDOW = 50;

    private Inversion() {
    }

    /**
     * How the inversion runs.
     *
     * @param invertThickness      whether H is a control
     * @param invertSliding        whether c is a control
     * @param velocityUncertainty  σ_u, m a⁻¹, &gt; 0
     * @param thicknessUncertainty σ_h, m, &gt; 0
     * @param thicknessSmoothing   λ_H, dimensionless, ≥ 0
     * @param slidingSmoothing     λ_c, m², ≥ 0
     * @param iterations           the most iterations, ≥ 1
     * @param thicknessStep        about the change of H per iteration, m, &gt; 0
     * @param slidingStep          about the change of ln c per iteration, &gt; 0
     * @param retrainInterval      iterations between retrainings of the network on the energy, 0 for none
     * @param retrainIterations    Adam steps of each retraining, ≥ 0
     * @param retrainLearningRate  their learning rate, &gt; 0
     * @param tolerance            stop when the cost fell by less than this share over the last
     *                             {@value #STOPPING_WINDOW} iterations, ≥ 0 (0: run all iterations)
     * @param threads              threads of the network's passes, ≥ 1
     */
    public record Settings(boolean invertThickness, boolean invertSliding, double velocityUncertainty,
                           double thicknessUncertainty, double thicknessSmoothing, double slidingSmoothing,
                           int iterations, double thicknessStep, double slidingStep, int retrainInterval,
                           int retrainIterations, double retrainLearningRate, double tolerance, int threads) {

        /** @throws IllegalArgumentException naming the value out of range */
        public Settings {
            positive("velocity uncertainty", velocityUncertainty);
            positive("thickness uncertainty", thicknessUncertainty);
            positive("thickness step", thicknessStep);
            positive("sliding step", slidingStep);
            positive("retraining learning rate", retrainLearningRate);
            if (!(thicknessSmoothing >= 0) || !(slidingSmoothing >= 0) || !(tolerance >= 0)) {
                throw new IllegalArgumentException("smoothing weights and tolerance must be ≥ 0, got "
                        + thicknessSmoothing + ", " + slidingSmoothing + " and " + tolerance);
            }
            if (iterations < 1 || retrainInterval < 0 || retrainIterations < 0 || threads < 1) {
                throw new IllegalArgumentException("iterations ≥ 1, retraining interval and iterations ≥ 0 and "
                        + "threads ≥ 1 expected, got " + iterations + ", " + retrainInterval + ", "
                        + retrainIterations + " and " + threads);
            }
            if (!invertThickness && !invertSliding) {
                throw new IllegalArgumentException("nothing to invert: neither thickness nor sliding is a control");
            }
        }

        private static void positive(String name, double value) {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
            }
        }
    }

    /**
     * What is observed, on the model grid.
     *
     * @param grid      the grid
     * @param surface   ice (or ground) surface elevation, m, finite everywhere: held fixed
     * @param uSurface  observed surface velocity along x, m a⁻¹ (NaN where not observed)
     * @param vSurface  observed surface velocity along y, m a⁻¹ (NaN where not observed)
     * @param thickness observed thickness, m (NaN where not observed; only inside the mask)
     * @param mask      the glacier outline: where the ice may be
     */
    public record Observations(Grid2D grid, double[] surface, double[] uSurface, double[] vSurface,
                               double[] thickness, boolean[] mask) {
    }

    /**
     * One iteration's cost and its terms (before the step of that iteration).
     *
     * @param velocityRms the root mean square of |u_s − u_s^obs| over the observed cells, m a⁻¹
     * @param seconds     wall time since the start
     */
    public record Iteration(int iteration, double cost, double velocityMisfit, double thicknessMisfit,
                            double thicknessRegularisation, double slidingRegularisation, double velocityRms,
                            double seconds) {
    }

    /**
     * The inverted state.
     *
     * @param thickness          H, m
     * @param slidingCoefficient c, km MPa⁻³ a⁻¹
     * @param velocity           the network's velocity of the inverted state (after its last retraining)
     * @param history            the cost of every iteration
     * @param retrainingSeconds  wall time spent retraining the network
     * @param seconds            wall time of the whole inversion
     */
    public record Result(double[] thickness, double[] slidingCoefficient, BlatterSolution velocity,
                         List<Iteration> history, double retrainingSeconds, double seconds) {
    }

    /**
     * Runs the inversion. The network's weights are changed in place by the retraining.
     *
     * @param initialThickness H to start from, m (0 is allowed: the misfit's gradient does not vanish there)
     * @param initialSliding   c to start from, km MPa⁻³ a⁻¹, &gt; 0 inside the mask
     * @param rateFactor       A, MPa⁻³ a⁻¹
     * @param out              a progress line every {@value #STOPPING_WINDOW} iterations
     * @throws IllegalArgumentException when the sliding coefficient to start from is not positive inside the mask
     *                                  where sliding is a control
     */
    public static Result run(PhysicsInformedNetwork network, Observations observations, double[] initialThickness,
                             double[] initialSliding, double[] rateFactor, Settings settings, PrintStream out) {
        long start = System.nanoTime();
        Cost cost = new Cost(network, observations, rateFactor, settings);
        Grid2D grid = observations.grid();
        int n = grid.size();
        boolean[] mask = observations.mask();
        double[] thickness = new double[n];
        double[] sliding = initialSliding.clone();
        int[] controlled = indices(mask);
        for (int k : controlled) {
            thickness[k] = Math.max(0, initialThickness[k]);
            if (settings.invertSliding() && !(sliding[k] > 0)) {
                throw new IllegalArgumentException("the sliding coefficient to start from must be > 0 inside the "
                        + "mask (it is inverted as ln c), got " + sliding[k] + " at grid point " + k);
            }
        }
        int m = controlled.length;
        int variables = (settings.invertThickness() ? m : 0) + (settings.invertSliding() ? m : 0);
        float[] x = new float[variables];
        float[] g = new float[variables];
        int slidingAt = settings.invertThickness() ? m : 0;
        for (int q = 0; q < m; q++) {
            if (settings.invertThickness()) {
                x[q] = (float) (thickness[controlled[q]] / settings.thicknessStep());
            }
            if (settings.invertSliding()) {
                x[slidingAt + q] = (float) (Math.log(sliding[controlled[q]]) / settings.slidingStep());
            }
        }
        Adam adam = new Adam(variables, 1);
        List<Iteration> history = new ArrayList<>();
        double retraining = 0;
        double[] gradH = new double[n];
        double[] gradTheta = new double[n];
        try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(network, settings.threads(), 0,
                settings.retrainLearningRate())) {
            for (int it = 0; ; it++) {
                if (settings.retrainInterval() > 0 && it % settings.retrainInterval() == 0
                        && settings.retrainIterations() > 0) {
                    long t0 = System.nanoTime();
                    BlatterProblem p = cost.problem(thickness, sliding);
                    for (int r = 0; r < settings.retrainIterations(); r++) {
                        trainer.step(List.of(p), settings.retrainLearningRate());
                    }
                    retraining += (System.nanoTime() - t0) * 1e-9;
                }
                double[] terms = cost.evaluate(trainer, thickness, sliding, gradH, gradTheta);
                Iteration record = new Iteration(it, terms[0], terms[1], terms[2], terms[3], terms[4],
                        cost.velocityRms(), (System.nanoTime() - start) * 1e-9);
                history.add(record);
                if (it % STOPPING_WINDOW == 0) {
                    progress(out, record);
                }
                if (it + 1 >= settings.iterations() || converged(history, settings.tolerance())) {
                    if (it % STOPPING_WINDOW != 0) {
                        progress(out, record);
                    }
                    break;
                }
                for (int q = 0; q < m; q++) {
                    int k = controlled[q];
                    if (settings.invertThickness()) {
                        g[q] = (float) (gradH[k] * settings.thicknessStep());
                    }
                    if (settings.invertSliding()) {
                        g[slidingAt + q] = (float) (gradTheta[k] * settings.slidingStep());
                    }
                }
                adam.step(x, g);
                for (int q = 0; q < m; q++) {
                    int k = controlled[q];
                    if (settings.invertThickness()) {
                        x[q] = Math.max(0f, x[q]);
                        thickness[k] = x[q] * settings.thicknessStep();
                    }
                    if (settings.invertSliding()) {
                        sliding[k] = Math.exp(x[slidingAt + q] * settings.slidingStep());
                    }
                }
            }
            BlatterProblem p = cost.problem(thickness, sliding);
            BlatterSolution velocity = network.velocity(trainer.engine(), p, new SolverReport(history.size(),
                    history.size(), Double.NaN, true, false, 0, "inversion"));
            return new Result(thickness, sliding, velocity, List.copyOf(history), retraining,
                    (System.nanoTime() - start) * 1e-9);
        }
    }

    private static void progress(PrintStream out, Iteration i) {
        out.printf(Locale.ROOT, "iteration %5d: cost %.5g (velocity %.4g, thickness %.4g, smoothness of H %.4g, "
                        + "of ln c %.4g); surface velocity RMS misfit %.2f m/a; %.1f s%n", i.iteration(), i.cost(),
                i.velocityMisfit(), i.thicknessMisfit(), i.thicknessRegularisation(), i.slidingRegularisation(),
                i.velocityRms(), i.seconds());
    }

    /** Whether the cost fell by less than {@code tolerance} of itself over the last {@value #STOPPING_WINDOW}. */
    static boolean converged(List<Iteration> history, double tolerance) {
        int size = history.size();
        if (tolerance <= 0 || size <= STOPPING_WINDOW) {
            return false;
        }
        double now = history.get(size - 1).cost();
        double before = history.get(size - 1 - STOPPING_WINDOW).cost();
        return before - now < tolerance * Math.abs(now);
    }

    private static int[] indices(boolean[] mask) {
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        int[] at = new int[count];
        int q = 0;
        for (int k = 0; k < mask.length; k++) {
            if (mask[k]) {
                at[q++] = k;
            }
        }
        return at;
    }

    /**
     * The cost J and its gradient with respect to H and θ = ln c at every grid point (0 outside the mask or for a
     * field that is not a control).
     */
    static final class Cost {

        private final PhysicsInformedNetwork network;
        private final Observations observations;
        private final double[] rateFactor;
        private final Settings settings;
        private final SurfaceVelocityMisfit misfit;
        private final int thicknessCount;
        private final int maskCount;
        private double velocityRms = Double.NaN;

        Cost(PhysicsInformedNetwork network, Observations observations, double[] rateFactor, Settings settings) {
            this.network = network;
            this.observations = observations;
            this.rateFactor = rateFactor;
            this.settings = settings;
            this.misfit = new SurfaceVelocityMisfit(observations.uSurface(), observations.vSurface(),
                    observations.mask(), settings.velocityUncertainty(), network.levels(),
                    network.velocityScale());
            int h = 0;
            int m = 0;
            for (int k = 0; k < observations.mask().length; k++) {
                h += observations.mask()[k] && Double.isFinite(observations.thickness()[k]) ? 1 : 0;
                m += observations.mask()[k] ? 1 : 0;
            }
            this.thicknessCount = h;
            this.maskCount = m;
        }

        /** The Blatter–Pattyn problem of a state: the observed surface, bed = surface − H. */
        BlatterProblem problem(double[] thickness, double[] sliding) {
            return PhysicsInformedNetwork.problem(observations.grid(), thickness, observations.surface(), rateFactor,
                    sliding);
        }

        /** The RMS surface-velocity misfit of the last evaluation, m a⁻¹. */
        double velocityRms() {
            return velocityRms;
        }

        /**
         * J and its terms {J, J_u, J_h, R_H, R_c}; the gradients ∂J/∂H and ∂J/∂θ into the arrays (overwritten).
         */
        double[] evaluate(PhysicsInformedTrainer trainer, double[] thickness, double[] sliding, double[] gradH,
                          double[] gradTheta) {
            Grid2D grid = observations.grid();
            int n = grid.size();
            boolean[] mask = observations.mask();
            BlatterProblem p = problem(thickness, sliding);
            Batch batch = network.inputs(List.of(p));
            float[] inputGradient = new float[batch.inputs().length];
            double ju = trainer.engine().lossAndInputGradient(network.parameters(), batch, misfit, inputGradient);
            velocityRms = Math.sqrt(2 * ju) * settings.velocityUncertainty();
            PhysicsInformedNetwork.InputAdjoint adjoint = network.inputAdjoint(p, inputGradient);
            Arrays.fill(gradH, 0);
            Arrays.fill(gradTheta, 0);
            for (int k = 0; k < n; k++) {
                if (mask[k]) {
                    gradH[k] = adjoint.thickness()[k];
                    gradTheta[k] = adjoint.slidingCoefficient()[k] * sliding[k];
                }
            }
            double jh = 0;
            double[] observed = observations.thickness();
            double hVariance = settings.thicknessUncertainty() * settings.thicknessUncertainty();
            for (int k = 0; k < n; k++) {
                if (mask[k] && Double.isFinite(observed[k])) {
                    double d = thickness[k] - observed[k];
                    jh += d * d / hVariance;
                    gradH[k] += d / hVariance / thicknessCount;
                }
            }
            jh = thicknessCount == 0 ? 0 : jh / (2 * thicknessCount);
            double[] logSliding = new double[n];
            for (int k = 0; k < n; k++) {
                logSliding[k] = mask[k] ? Math.log(sliding[k]) : 0;
            }
            double rh = smoothness(grid, thickness, mask, settings.thicknessSmoothing(), gradH);
            double rc = smoothness(grid, logSliding, mask, settings.slidingSmoothing(), gradTheta);
            if (!settings.invertThickness()) {
                Arrays.fill(gradH, 0);
            }
            if (!settings.invertSliding()) {
                Arrays.fill(gradTheta, 0);
            }
            return new double[] {ju + jh + rh + rc, ju, jh, rh, rc};
        }

        /**
         * (λ/2N_m) Σ ((f_a − f_b)/Δx)² over the pairs of neighbours both in the mask, its gradient added to
         * {@code gradient}.
         */
        private double smoothness(Grid2D grid, double[] f, boolean[] mask, double weight, double[] gradient) {
            if (weight == 0) {
                return 0;
            }
            double dx2 = grid.dx() * grid.dx();
            double factor = weight / maskCount;
            double sum = 0;
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int a = grid.index(i, j);
                    for (int direction = 0; direction < 2; direction++) {
                        int ii = i + (direction == 0 ? 1 : 0);
                        int jj = j + (direction == 0 ? 0 : 1);
                        if (ii >= grid.nx() || jj >= grid.ny()) {
                            continue;
                        }
                        int b = grid.index(ii, jj);
                        if (!(mask[a] && mask[b])) {
                            continue;
                        }
                        double d = f[a] - f[b];
                        sum += d * d / dx2;
                        gradient[a] += factor * d / dx2;
                        gradient[b] -= factor * d / dx2;
                    }
                }
            }
            return factor / 2 * sum;
        }
    }
}
