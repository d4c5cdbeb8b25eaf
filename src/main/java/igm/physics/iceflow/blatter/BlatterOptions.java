package igm.physics.iceflow.blatter;

import igm.InputException;

/**
 * Settings of the Blatter–Pattyn solver: the vertical discretisation and the quasi-Newton iteration.
 *
 * <p>The {@code levels} terrain-following levels sit at the relative heights ζ_k = t_k (1 + t_k)/2, t_k = k/(N_z − 1),
 * k = 0 (bed) … N_z − 1 (surface): layer k is (t_(k+1) − t_k)(1 + t_k + t_(k+1))/2 thick, so the layers thicken
 * linearly upwards and the lowest is about a third as thick as the highest (exactly N_z/(3N_z − 4) of it: 10/26 for
 * 10 levels), because the shear (and the error of the piecewise-linear velocity) is largest near the
 * bed.
 *
 * @param levels         N_z, number of levels, ≥ 2 (default {@value #DEFAULT_LEVELS})
 * @param tolerance      the solve stops when the quasi-Newton step, in the max norm, is below {@code tolerance} times
 *                       the largest velocity (default {@value #DEFAULT_TOLERANCE}); in (0, 1)
 * @param maxIterations  quasi-Newton iterations at most (default {@value #DEFAULT_MAX_ITERATIONS}), ≥ 1
 * @param regularisation the strain rate ε_0 of Glen's law regularisation, a⁻¹ (default
 *                       {@value #DEFAULT_REGULARISATION}; caps the viscosity at ½ B ε_0^(−2/3)), &gt; 0
 * @param history        L-BFGS memory: pairs of steps and gradient changes kept (default {@value #DEFAULT_HISTORY}),
 *                       ≥ 1
 * @param threads        threads for the element loops, ≥ 1 (default: the available processors)
 */
public record BlatterOptions(int levels, double tolerance, int maxIterations, double regularisation, int history,
                             int threads) {

    /** Default number of levels. */
    public static final int DEFAULT_LEVELS = 10;
    /** Default relative tolerance on the quasi-Newton step. */
    public static final double DEFAULT_TOLERANCE = 1e-5;
    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 2000;
    /** Default strain-rate regularisation ε_0, a⁻¹. */
    public static final double DEFAULT_REGULARISATION = 1e-5;
    /** Default L-BFGS memory. */
    public static final int DEFAULT_HISTORY = 8;

    /**
     * @throws InputException when a setting is out of its range
     */
    public BlatterOptions {
        if (levels < 2) {
            throw new InputException("Blatter–Pattyn levels must be at least 2, got " + levels);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InputException("Blatter–Pattyn tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new InputException("Blatter–Pattyn iteration cap must be at least 1, got " + maxIterations);
        }
        if (!(regularisation > 0) || !Double.isFinite(regularisation)) {
            throw new InputException("Blatter–Pattyn strain-rate regularisation must be positive, got "
                    + regularisation + " a⁻¹");
        }
        if (history < 1) {
            throw new InputException("Blatter–Pattyn L-BFGS memory must be at least 1, got " + history);
        }
        if (threads < 1) {
            throw new InputException("Blatter–Pattyn thread count must be at least 1, got " + threads);
        }
    }

    /** The defaults. */
    public static BlatterOptions defaults() {
        return new BlatterOptions(DEFAULT_LEVELS, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_REGULARISATION,
                DEFAULT_HISTORY, Runtime.getRuntime().availableProcessors());
    }

    /** These options with another number of levels. */
    public BlatterOptions withLevels(int n) {
        return new BlatterOptions(n, tolerance, maxIterations, regularisation, history, threads);
    }

    /** These options with another tolerance. */
    public BlatterOptions withTolerance(double t) {
        return new BlatterOptions(levels, t, maxIterations, regularisation, history, threads);
    }

    /** These options with another iteration cap. */
    public BlatterOptions withMaxIterations(int n) {
        return new BlatterOptions(levels, tolerance, n, regularisation, history, threads);
    }

    /** These options with another thread count. */
    public BlatterOptions withThreads(int t) {
        return new BlatterOptions(levels, tolerance, maxIterations, regularisation, history, t);
    }

    /** The relative heights ζ_k of the levels, from 0 (bed) to 1 (surface), see the class comment. */
    public double[] levelHeights() {
        double[] zeta = new double[levels];
        for (int k = 0; k < levels; k++) {
            double t = k / (double) (levels - 1);
            zeta[k] = t * (1 + t) / 2;
        }
        zeta[levels - 1] = 1;
        return zeta;
    }
}
