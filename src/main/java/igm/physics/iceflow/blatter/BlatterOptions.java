package igm.physics.iceflow.blatter;

import igm.InputException;
import igm.solver.LbfgsOptions;

/**
 * Settings of the Blatter–Pattyn model: the vertical discretisation, Glen's law regularisation, the threads of the
 * element loops, and the settings of the L-BFGS solver that minimises the energy.
 *
 * <p>The {@code levels} terrain-following levels sit at the relative heights ζ_k = t_k (1 + t_k)/2, t_k = k/(N_z − 1),
 * k = 0 (bed) … N_z − 1 (surface): layer k is (t_(k+1) − t_k)(1 + t_k + t_(k+1))/2 thick, so the layers thicken
 * linearly upwards and the lowest is about a third as thick as the highest (exactly N_z/(3N_z − 4) of it: 10/26 for
 * 10 levels), because the shear (and the error of the piecewise-linear velocity) is largest near the
 * bed.
 *
 * @param levels         N_z, number of levels, ≥ 2 (default {@value #DEFAULT_LEVELS})
 * @param regularisation the strain rate ε_0 of Glen's law regularisation, a⁻¹ (default
 *                       {@value #DEFAULT_REGULARISATION}; caps the viscosity at ½ B ε_0^(−2/3)), &gt; 0
 * @param threads        threads for the element loops, ≥ 1 (default: the available processors)
 * @param solver         the L-BFGS settings: tolerance on the quasi-Newton step relative to the largest velocity,
 *                       iteration cap, memory, threads of the vector operations (default
 *                       {@link LbfgsOptions#defaults()})
 */
public record BlatterOptions(int levels, double regularisation, int threads, LbfgsOptions solver) {

    /** Default number of levels. */
    public static final int DEFAULT_LEVELS = 10;
    /** Default strain-rate regularisation ε_0, a⁻¹. */
    public static final double DEFAULT_REGULARISATION = 1e-5;

    /**
     * @throws InputException when a setting is out of its range or the solver settings are missing
     */
    public BlatterOptions {
        if (levels < 2) {
            throw new InputException("Blatter–Pattyn levels must be at least 2, got " + levels);
        }
        if (!(regularisation > 0) || !Double.isFinite(regularisation)) {
            throw new InputException("Blatter–Pattyn strain-rate regularisation must be positive, got "
                    + regularisation + " a⁻¹");
        }
        if (threads < 1) {
            throw new InputException("Blatter–Pattyn thread count must be at least 1, got " + threads);
        }
        if (solver == null) {
            throw new InputException("Blatter–Pattyn solver settings must be given, got null");
        }
    }

    /** The defaults. */
    public static BlatterOptions defaults() {
        return new BlatterOptions(DEFAULT_LEVELS, DEFAULT_REGULARISATION, Runtime.getRuntime().availableProcessors(),
                LbfgsOptions.defaults());
    }

    /** These options with another number of levels. */
    public BlatterOptions withLevels(int n) {
        return new BlatterOptions(n, regularisation, threads, solver);
    }

    /** These options with another solver tolerance. */
    public BlatterOptions withTolerance(double t) {
        return new BlatterOptions(levels, regularisation, threads, solver.withTolerance(t));
    }

    /** These options with another solver iteration cap. */
    public BlatterOptions withMaxIterations(int n) {
        return new BlatterOptions(levels, regularisation, threads, solver.withMaxIterations(n));
    }

    /** These options with another thread count, for the element loops and the solver's vector operations. */
    public BlatterOptions withThreads(int t) {
        return new BlatterOptions(levels, regularisation, t, solver.withThreads(t));
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
