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
 * coefficient c (and, if asked, Glen's rate factor A) inside the glacier mask are adjusted until the network's surface
 * velocity matches the observed one, with the surface elevation held at the observed one (the bed follows as
 * surface − H). The cost is
 *
 * <pre>
 *   J = J_u + J_h + R_H + R_c (+ R_A) (+ J_p)
 *   J_u = (1/2N_u) Σ |u_s − u_s^obs|² / σ_u²                 (observed surface velocity, {@link SurfaceVelocityMisfit})
 *   J_h = (1/2N_h) Σ (H − H^obs)² / σ_h²                     (observed thickness)
 *   R_H = (λ_H/2N_m) Σ_edges ((H_a − H_b)/Δx)²
 *   R_c = (λ_c/2N_m) Σ_edges ((ln c_a − ln c_b)/Δx)²
 *   R_A = (λ_A/2N_m) Σ_edges ((ln A_a − ln A_b)/Δx)²       (when the rate factor is a control)
 *   J_p = (1/2N_m) Σ (H − H^prior)² / σ_p²                  (with a prior thickness, e.g. OGGM's consensus)
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
     * @param invertRateFactor     whether Glen's rate factor A is a control (as ln A)
     * @param rateFactorSmoothing  λ_A of its smoothness, m², ≥ 0
     * @param rateFactorStep       about the change of ln A per iteration, &gt; 0
     */
    public record Settings(boolean invertThickness, boolean invertSliding, double velocityUncertainty,
                           double thicknessUncertainty, double thicknessSmoothing, double slidingSmoothing,
                           int iterations, double thicknessStep, double slidingStep, int retrainInterval,
                           int retrainIterations, double retrainLearningRate, double tolerance, int threads,
                           boolean invertRateFactor, double rateFactorSmoothing, double rateFactorStep) {

        /** Settings with the rate factor held (not a control). */
        public Settings(boolean invertThickness, boolean invertSliding, double velocityUncertainty,
                        double thicknessUncertainty, double thicknessSmoothing, double slidingSmoothing,
                        int iterations, double thicknessStep, double slidingStep, int retrainInterval,
                        int retrainIterations, double retrainLearningRate, double tolerance, int threads) {
            this(invertThickness, invertSliding, velocityUncertainty, thicknessUncertainty, thicknessSmoothing,
                    slidingSmoothing, iterations, thicknessStep, slidingStep, retrainInterval, retrainIterations,
                    retrainLearningRate, tolerance, threads, false, 0, 0.01);
        }

        /** @throws IllegalArgumentException naming the value out of range */
        public Settings {
            positive("velocity uncertainty", velocityUncertainty);
            positive("thickness uncertainty", thicknessUncertainty);
            positive("thickness step", thicknessStep);
            positive("sliding step", slidingStep);
            positive("rate factor step", rateFactorStep);
            positive("retraining learning rate", retrainLearningRate);
            if (!(thicknessSmoothing >= 0) || !(slidingSmoothing >= 0) || !(rateFactorSmoothing >= 0)
                    || !(tolerance >= 0)) {
                throw new IllegalArgumentException("smoothing weights and tolerance must be ≥ 0, got "
                        + thicknessSmoothing + ", " + slidingSmoothing + ", " + rateFactorSmoothing + " and "
                        + tolerance);
            }
            if (iterations < 1 || retrainInterval < 0 || retrainIterations < 0 || threads < 1) {
                throw new IllegalArgumentException("iterations ≥ 1, retraining interval and iterations ≥ 0 and "
                        + "threads ≥ 1 expected, got " + iterations + ", " + retrainInterval + ", "
                        + retrainIterations + " and " + threads);
            }
            if (!invertThickness && !invertSliding && !invertRateFactor) {
                throw new IllegalArgumentException("nothing to invert: neither thickness, sliding nor rate factor is "
                        + "a control");
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
     * @param priorThickness   a prior estimate of the thickness, m (NaN where none), or null for no prior term
     * @param priorUncertainty σ_p of the prior term, m, &gt; 0 when there is a prior
     */
    public record Observations(Grid2D grid, double[] surface, double[] uSurface, double[] vSurface,
                               double[] thickness, boolean[] mask, double[] priorThickness, double priorUncertainty) {

        /** @throws IllegalArgumentException when there is a prior and its uncertainty is not positive */
        public Observations {
            if (priorThickness != null && (!(priorUncertainty > 0) || !Double.isFinite(priorUncertainty))) {
                throw new IllegalArgumentException("the prior thickness's uncertainty must be finite and > 0, got "
                        + priorUncertainty);
            }
        }

        /** Observations without a prior thickness. */
        public Observations(Grid2D grid, double[] surface, double[] uSurface, double[] vSurface, double[] thickness,
                            boolean[] mask) {
            this(grid, surface, uSurface, vSurface, thickness, mask, null, Double.NaN);
        }
    }

    /**
     * One iteration's cost and its terms (before the step of that iteration).
     *
     * @param velocityRms the root mean square of |u_s − u_s^obs| over the observed cells, m a⁻¹
     * @param seconds     wall time since the start
     */
    public record Iteration(int iteration, double cost, double velocityMisfit, double thicknessMisfit,
                            double thicknessRegularisation, double slidingRegularisation,
                            double rateFactorRegularisation, double priorMisfit, double velocityRms, double seconds) {
    }

    /**
     * The inverted state.
     *
     * @param thickness          H, m
     * @param slidingCoefficient c, km MPa⁻³ a⁻¹
     * @param rateFactor         A, MPa⁻³ a⁻¹ (as given where it is not a control)
     * @param velocity           the network's velocity of the inverted state (after its last retraining)
     * @param history            the cost of every iteration
     * @param retrainingSeconds  wall time spent retraining the network
     * @param seconds            wall time of the whole inversion
     */
    public record Result(double[] thickness, double[] slidingCoefficient, double[] rateFactor, BlatterSolution velocity,
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
        Cost cost = new Cost(network, observations, settings);
        Grid2D grid = observations.grid();
        int n = grid.size();
        boolean[] mask = observations.mask();
        double[] thickness = new double[n];
        double[] sliding = initialSliding.clone();
        double[] rate = rateFactor.clone();
        int[] controlled = indices(mask);
        for (int k : controlled) {
            thickness[k] = Math.max(0, initialThickness[k]);
            if (settings.invertSliding() && !(sliding[k] > 0)) {
                throw new IllegalArgumentException("the sliding coefficient to start from must be > 0 inside the "
                        + "mask (it is inverted as ln c), got " + sliding[k] + " at grid point " + k);
            }
        }
        // the controls, one block of m values each: H / step, ln c / step, ln A / step
        int m = controlled.length;
        boolean[] on = {settings.invertThickness(), settings.invertSliding(), settings.invertRateFactor()};
        double[] step = {settings.thicknessStep(), settings.slidingStep(), settings.rateFactorStep()};
        double[][] fields = {thickness, sliding, rate};
        int[] offset = new int[3];
        int variables = 0;
        for (int f = 0; f < 3; f++) {
            offset[f] = variables;
            variables += on[f] ? m : 0;
        }
        float[] x = new float[variables];
        float[] g = new float[variables];
        for (int f = 0; f < 3; f++) {
            for (int q = 0; on[f] && q < m; q++) {
                double value = fields[f][controlled[q]];
                x[offset[f] + q] = (float) ((f == 0 ? value : Math.log(value)) / step[f]);
            }
        }
        Adam adam = new Adam(variables, 1);
        List<Iteration> history = new ArrayList<>();
        double retraining = 0;
        double[][] gradient = new double[3][n];
        try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(network, settings.threads(), 0,
                settings.retrainLearningRate())) {
            for (int it = 0; ; it++) {
                if (settings.retrainInterval() > 0 && it % settings.retrainInterval() == 0
                        && settings.retrainIterations() > 0) {
                    long t0 = System.nanoTime();
                    BlatterProblem p = cost.problem(thickness, sliding, rate);
                    for (int r = 0; r < settings.retrainIterations(); r++) {
                        trainer.step(List.of(p), settings.retrainLearningRate());
                    }
                    retraining += (System.nanoTime() - t0) * 1e-9;
                }
                double[] terms = cost.evaluate(trainer, thickness, sliding, rate, gradient);
                double velocityRms = Math.sqrt(2 * terms[1]) * settings.velocityUncertainty();
                Iteration record = new Iteration(it, terms[0], terms[1], terms[2], terms[3], terms[4], terms[5],
                        terms[6], velocityRms, (System.nanoTime() - start) * 1e-9);
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
                for (int f = 0; f < 3; f++) {
                    for (int q = 0; on[f] && q < m; q++) {
                        g[offset[f] + q] = (float) (gradient[f][controlled[q]] * step[f]);
                    }
                }
                adam.step(x, g);
                for (int f = 0; f < 3; f++) {
                    for (int q = 0; on[f] && q < m; q++) {
                        int k = controlled[q];
                        if (f == 0) {
                            x[q] = Math.max(0f, x[q]);
                            thickness[k] = x[q] * step[0];
                        } else {
                            fields[f][k] = Math.exp(x[offset[f] + q] * step[f]);
                        }
                    }
                }
            }
            BlatterProblem p = cost.problem(thickness, sliding, rate);
            BlatterSolution velocity = network.velocity(trainer.engine(), p, new SolverReport(history.size(),
                    history.size(), Double.NaN, true, false, 0, "inversion"));
            return new Result(thickness, sliding, rate, velocity, List.copyOf(history), retraining,
                    (System.nanoTime() - start) * 1e-9);
        }
    }

    private static void progress(PrintStream out, Iteration i) {
        out.printf(Locale.ROOT, "iteration %5d: cost %.5g (velocity %.4g, thickness %.4g, smoothness of H %.4g, "
                        + "of ln c %.4g, of ln A %.4g, prior %.4g); surface velocity RMS misfit %.2f m/a; %.1f s%n",
                i.iteration(), i.cost(), i.velocityMisfit(), i.thicknessMisfit(), i.thicknessRegularisation(),
                i.slidingRegularisation(), i.rateFactorRegularisation(), i.priorMisfit(), i.velocityRms(),
                i.seconds());
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
     * The cost J and its gradient with respect to H, ln c and ln A at every grid point (0 outside the mask or for a
     * field that is not a control).
     */
    static final class Cost {

        private final PhysicsInformedNetwork network;
        private final Observations observations;
        private final Settings settings;
        private final SurfaceVelocityMisfit misfit;
        private final int thicknessCount;
        private final int maskCount;

        Cost(PhysicsInformedNetwork network, Observations observations, Settings settings) {
            this.network = network;
            this.observations = observations;
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
        BlatterProblem problem(double[] thickness, double[] sliding, double[] rateFactor) {
            return PhysicsInformedNetwork.problem(observations.grid(), thickness, observations.surface(), rateFactor,
                    sliding);
        }

        /**
         * J and its terms {J, J_u, J_h, R_H, R_c, R_A, J_p}; the gradients ∂J/∂H, ∂J/∂ln c and ∂J/∂ln A into the three
         * rows of {@code gradient} (overwritten; 0 outside the mask and for a field that is not a control).
         */
        double[] evaluate(PhysicsInformedTrainer trainer, double[] thickness, double[] sliding, double[] rateFactor,
                          double[][] gradient) {
            Grid2D grid = observations.grid();
            int n = grid.size();
            boolean[] mask = observations.mask();
            BlatterProblem p = problem(thickness, sliding, rateFactor);
            Batch batch = network.inputs(List.of(p));
            float[] inputGradient = new float[batch.inputs().length];
            double ju = trainer.engine().lossAndInputGradient(network.parameters(), batch, misfit, inputGradient);
            PhysicsInformedNetwork.InputAdjoint adjoint = network.inputAdjoint(p, inputGradient);
            double[] gradH = gradient[0];
            double[] gradTheta = gradient[1];
            double[] gradAlpha = gradient[2];
            for (double[] row : gradient) {
                Arrays.fill(row, 0);
            }
            for (int k = 0; k < n; k++) {
                if (mask[k]) {
                    gradH[k] = adjoint.thickness()[k];
                    gradTheta[k] = adjoint.slidingCoefficient()[k] * sliding[k];
                    gradAlpha[k] = adjoint.rateFactor()[k] * rateFactor[k];
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
            double jp = 0;
            double[] prior = observations.priorThickness();
            if (prior != null) {
                double pVariance = observations.priorUncertainty() * observations.priorUncertainty();
                for (int k = 0; k < n; k++) {
                    if (mask[k] && Double.isFinite(prior[k])) {
                        double d = thickness[k] - prior[k];
                        jp += d * d / pVariance;
                        gradH[k] += d / pVariance / maskCount;
                    }
                }
                jp /= 2 * maskCount;
            }
            double rh = smoothness(grid, thickness, mask, settings.thicknessSmoothing(), gradH);
            double rc = smoothness(grid, logarithm(sliding, mask), mask, settings.slidingSmoothing(), gradTheta);
            double ra = settings.invertRateFactor()
                    ? smoothness(grid, logarithm(rateFactor, mask), mask, settings.rateFactorSmoothing(), gradAlpha)
                    : 0;
            boolean[] on = {settings.invertThickness(), settings.invertSliding(), settings.invertRateFactor()};
            for (int f = 0; f < 3; f++) {
                if (!on[f]) {
                    Arrays.fill(gradient[f], 0);
                }
            }
            return new double[] {ju + jh + rh + rc + ra + jp, ju, jh, rh, rc, ra, jp};
        }

        /** ln f inside the mask, 0 outside. */
        private static double[] logarithm(double[] f, boolean[] mask) {
            double[] log = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                log[k] = mask[k] ? Math.log(f[k]) : 0;
            }
            return log;
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
