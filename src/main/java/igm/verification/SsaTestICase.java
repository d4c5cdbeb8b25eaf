package igm.verification;

import igm.io.AtomicOutput;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import igm.physics.iceflow.PlasticSliding;
import igm.physics.iceflow.ShallowShelfFlow;
import igm.physics.iceflow.SolverReport;
import igm.solver.NewtonOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bueler's exact test I for the SSA (Bueler and Brown 2009; PISM's {@code ssa_testi}): Schoof's (2006) ice stream on
 * plastic till, solved by {@link ShallowShelfFlow} and compared with the exact solution.
 *
 * <p><b>Setup.</b> Ice of uniform thickness H = 2000 m with the surface sloping along x, tan θ = 0.001, so that the
 * driving stress is f = ρ g H tan θ everywhere (pointing down-slope, +x); the till yields at
 * τ_c(y) = f |y/L|^m with L = 40 km, m = 10; hardness B = 3.7e8 Pa s^(1/3), ρ = 910 kg m⁻³, g = 9.81 m s⁻². The
 * solution does not depend on x: the domain is y ∈ [−3L, 3L], along x either periodic or PISM's (see below), with the
 * exact velocity given on its edges. PISM's year of 365.2422 days (3.15569259747e7 s) converts seconds, as in
 * PISM's published figures.
 *
 * <p><b>Exact solution</b> (derived here). With u = u(y), v = 0, the effective strain rate is |u_y|/2 and the x
 * momentum balance is d/dy(ηH u_y) = τ_c − f where the ice slides (u &gt; 0). Integrating from the centre line (where
 * ηH u_y = 0 by symmetry) gives ηH u_y = T(y) = −f y (1 − (y/W)^m) for y ≥ 0, with W = (m+1)^(1/m) L the half-width of
 * the stream, where T vanishes again. With η = ½ B (u_y²/4)^(−1/3), T = ηH u_y inverts to u_y = 2 (T/(BH))³, and beyond
 * W the till holds (τ_c &gt; f, no membrane stress): u = 0 for |y| ≥ W. So, for |y| &lt; W,
 * <pre>
 *   u(y) = 2 (f/(BH))³ [G(W) − G(|y|)],
 *   G(y) = y⁴/4 − 3 y^(m+4)/((m+4) W^m) + 3 y^(2m+4)/((2m+4) W^(2m)) − y^(3m+4)/((3m+4) W^(3m)),
 * </pre>
 * whose centre-line value is 777.54 m a⁻¹.
 *
 * <p><b>Numerics.</b> The plastic law is regularised with ε = {@value #PLASTIC_REGULARISATION} m a⁻¹
 * ({@link PlasticSliding}); the nonlinear tolerance (Newton, the default) is {@value #TOLERANCE}. The yield stress of
 * each node is the mean of τ_c over its cell ({@link #meanYieldStress}, the finite-volume reading of a cell value):
 * the lumped basal drag of a sliding node is then the exact integral of τ_c over the cell. Errors are the maximum and
 * the mean of |u − u_exact| over all nodes (as PISM reports them); the convergence order is the least-squares slope of
 * log(error) over log(Δy).
 *
 * <p><b>Three boundary setups</b> ({@link Boundaries}). {@link Boundaries#PERIODIC}: three nodes along x, periodic,
 * the exact velocity on the rows y = ±3L; this measures the discretisation error of the 1D problem alone.
 * {@link Boundaries#PISM}: PISM's own {@code ssa_testi} domain, x ∈ [−60 km, 60 km], not periodic, the exact velocity
 * given on all four edges, with square cells (31 / 61 / 121 nodes along x). {@link Boundaries#PISM_GRID}: PISM's
 * {@code ssa_testi} grid itself, the same domain and edges with Mx = 5 nodes along x (Δx = 30 km, Δy = 4 / 2 / 1 km:
 * rectangular cells, {@link ShallowShelfFlow#solve(Grid2D, double, double[], double[], double[], double[],
 * igm.physics.iceflow.SlidingLaw, ShallowShelfFlow.Boundary)}); this is the like-for-like comparison with PISM's
 * published figures, which are for that grid. PISM's setup matters: the exact velocity on the edges x = ±60 km pins the centre of the stream, where u_y → 0
 * and the viscosity, hence the coupling along x, is large (centre-line error 0.05 m a⁻¹ instead of 0.95 on 61
 * nodes), and the mean includes the edge nodes, whose error is zero. A finite-difference replica of PISM's SSAFD (staggered
 * viscosities, point values of τ_c, a throw-away script outside this project) gives max / mean 4.691 / 0.401 and
 * 1.375 / 0.105 m a⁻¹ on PISM's grid (5 × 61, 5 × 121 nodes), PISM's published figures within 1.2 %; the same
 * script with periodic x gives 12.18 / 4.05 on 61 nodes, and with cell means of τ_c 5.434 / 0.517: in 1D the
 * finite-difference and the Q1 schemes are the same scheme (exact membrane stress at the element midpoints when the
 * load is the cell integral), and so are their errors.
 *
 * <p><b>Measured</b> (61 / 121 / 241 nodes across). PERIODIC: max error 5.44 / 1.04 / 0.297 m a⁻¹, mean
 * 0.517 / 0.146 / 0.0288, fitted order 2.06 (max) and 2.05 (mean) over 61–481 nodes. PISM setup: max 5.42 / 1.06 /
 * 0.297, mean 0.378 / 0.080 / 0.0216 (mean over the nodes of unknown velocity 0.418 / 0.084 / 0.0221), max |v|
 * 0.90 / 0.18 / 0.053. PISM grid (5 nodes along x): max 5.83 / 1.14 / 0.334, mean 0.280 / 0.059 / 0.0159 (over the
 * unknown nodes, the three inner columns: 0.483 / 0.100 / 0.0267), max |v| 0.34 / 0.072 / 0.020, fitted order 2.06 (max)
 * and 2.07 (mean); 133 / 62 / 114 Newton iterations. PISM's SSAFD: max 4.742 / 1.391, mean 0.404 / 0.105 on 61 / 121
 * nodes. PISM's finite-element SSA (SSAFEM: Q1 elements like this solver's, the drag at the Gauss points, τ_c at the
 * nodes) on the same grid: max 16.20 / 4.20, mean 1.152 / 0.284 ({@link #PISM_FEM_ERRORS}, from PISM's regression
 * test {@code ssa_testi_fem.sh}), so this solver beats PISM's own finite elements on all four figures, by factors
 * 2.8 / 3.7 (max) and 4.1 / 4.8 (mean). So on PISM's grid, as with square cells on its domain, this solver beats
 * PISM's SSAFD max and mean errors on 121 nodes and its mean error on 61 nodes, not its max error on 61 nodes (5.83
 * against 4.742); the quadratic elements (next paragraph) beat all four. On PISM's grid that max
 * sits at the last sliding node, y = ±48 km, of the two columns next to the given edge columns x = ±60 km: the errors
 * there are 0, −5.83, −5.34, −5.83, 0 across the five columns. Given the discrete periodic profile instead of the
 * exact one, the edge columns leave every column on that profile (within 3.2e-4 m a⁻¹: −5.436 at 48 km, −0.95 at
 * the centre); the exact edge values pull the inner columns through the coupling along x, towards the exact solution
 * at the centre line (−0.049 instead of −0.95) but further from it at the front. The max error sits at the edge of
 * the stream in every setup, |y| ≈ W, where u ∝ (W − |y|)⁴: the element that straddles W, with
 * one sliding and one stuck node, has a single strain rate, so the last sliding node comes out at h·u_y(midpoint)
 * instead of ∫u_y (1.6 instead of 7.0 m a⁻¹ on 61 nodes). PISM's point values of τ_c under-integrate the convex τ_c,
 * which makes the stream faster and, on its setup, happens to offset that edge error; with the centre free
 * (periodic) the same under-integration puts the centre line 10.7 m a⁻¹ too fast.
 *
 * <p><b>Quadratic elements</b> ({@link Elements#QUADRATIC}, {@link ShallowShelfFlow.Elements#QUADRATIC}, {@code
 * iceflow.ssa_elements: quadratic}): biquadratic elements on the same grid, the velocity returned at the grid nodes,
 * τ_c given as PISM gives it, the point values at the nodes (interpolated by cubics to the element midpoints, then
 * biquadratically to 4×4 Gauss points per element, where the plastic drag is integrated consistently). They beat all
 * four of PISM's SSAFD figures on PISM's grid: max / mean 1.324 / 0.0627 m a⁻¹ on 61 nodes, 0.0627 / 0.00486 on 121,
 * 0.0119 / 0.0004 on 241 (fitted orders 3.40 and 3.71 over 61–241), against PISM's 4.742 / 0.404 and 1.391 / 0.105.
 * Periodic: 1.417 / 0.505, 0.138 / 0.048, 0.0109 / 0.0010; PISM's domain with square cells: 1.436 / 0.091 on 61 nodes.
 * Why they succeed where no bilinear variant did: the error of the bilinear elements is the midpoint rule of the strain
 * rate over each element (in 1D the membrane stress at the element midpoints is exact, see below); the quadratic
 * elements integrate the strain rate to higher order over the outer third of the stream, and inside the element that
 * straddles the front the quadratic velocity can bend down to zero, where a bilinear one has a single strain rate. A
 * throw-away 1D prototype (outside the project) predicted it: 1.65 / 0.57 on 61 periodic nodes with τ_c at the nodes
 * and cubic midpoints, 1.48 / 0.60 with the exact τ_c at the Gauss points. The price is about four times the unknowns
 * and, with the block-Jacobi conjugate gradients, slower linear solves (CG iterations per Newton step: about 140 on 61
 * nodes on PISM's grid against 30 for the bilinear elements).
 *
 * <p>Variants measured on the periodic setup (max / mean on 61 nodes; all converged to 1e-8): point values τ_c(y_j)
 * instead of cell means 12.18 / 4.04; the hat-weighted integral ∫τ_c φ_j 12.41 / 4.48 (the membrane stress then is
 * the element mean of the exact one, not its midpoint value); a consistent basal term (the sliding law at 2×2 Gauss
 * points with interpolated velocity and law values, its Newton linearisation) 45.9 / 16.2 with cell means and
 * 35.0 / 12.4 with point values (bilinear interpolation over-integrates τ_c ∝ |y|¹⁰; 3×3 and 5×5 points change
 * nothing; it does improve the smooth manufactured solution of {@code SsaManufacturedSolutionTest} by 18 %); ε =
 * 1e-5 / 1e-2 / 0.1 / 1 m a⁻¹: 5.436 / 5.434 / 5.389 / 4.185 max, and the errors stop converging at the larger ε
 * (1.116 max on 241 nodes at ε = 1); tolerances 1e-11 (nonlinear) and 1e-10 (linear): unchanged to 1e-4 m a⁻¹;
 * free rows at y = ±3L instead of the exact velocity: unchanged (the till holds there).
 *
 * <p>Later bilinear variants aimed at PISM's 61-node max error; none was adopted. Why it is hard: on 61 nodes the last
 * sliding node, y = 48 km, gets exactly Δy·u_y(T(50 km)) = 1.598 m a⁻¹ (T the exact membrane stress, which the cell
 * means give exactly at the cell face) instead of 7.034. An error below 4.742 would need the membrane stress of y =
 * 49.88 km, i.e. 3.9 % less drag on that node's cell (PISM's point values take 2.6 % off every cell). Worse, that error
 * offsets the others: along the profile the errors are −5.44 (48 km), −4.17 (44 km), −0.89 (40 km), +0.49 (36 km),
 * +0.65 (32 km), −0.95 (centre), so the elements inside the stream add +6.1 m a⁻¹ between 48 and 32 km (midpoint rule
 * on a strain rate that varies like (W − y)³ and y^m). With the element that straddles W made exact and the rest
 * unchanged, the max would be 6.1 at 32 km: beating 4.742 needs a more accurate scheme over the whole outer third of
 * the stream, not a fix at the stick–slip front. Measured in this solver: 3×3 Gauss points for the viscous term give
 * the same figures to four digits (5.436 / 0.517 periodic; 5.421 / 0.378 and 1.059 / 0.080 on PISM's setup), as
 * expected: a velocity that does not vary along x has one strain rate per element. Measured with a 1D replica of this
 * scheme (a throw-away script outside the project, periodic setup; it reproduces 5.436 / 0.517, 1.043 / 0.146, 0.297 /
 * 0.0288 on 61 / 121 / 241 nodes), max / mean on 61 / 121 / 241 nodes:
 * <ul>
 * <li>the drag at 40 sub-cell points per element with the Q1 velocity and the cell mean of τ_c of the node that owns
 * each point, weighted by the hat functions (consistent): 35.3 / 12.5, 8.84 / 3.17, 2.24 / 0.81;</li>
 * <li>ε = 1e-5 m a⁻¹ only where τ̄_c ≥ f: 5.436 / 0.517, 1.045 / 0.146, 0.297 / 0.0287 (the solution has converged
 * in ε); ε = 0.1 m a⁻¹ there: 5.389 / 0.511, 0.940 / 0.173, 0.213 / 0.061 (the mean gets worse);</li>
 * <li>quadratic elements on the same nodes (each over two cells), the drag lumped on Simpson cells: 18.1 / 6.43,
 * 5.27 / 1.95, 1.00 / 0.36; with the consistent drag (exact τ_c at 20 Gauss points): 9.09 / 3.25, 1.60 / 0.64,
 * 0.163 / 0.0167; quadratic elements with an extra node in the middle of every element (twice the unknowns along
 * y), Simpson-lumped drag: 5.14 / 1.90, 1.01 / 0.36, 0.262 / 0.095;</li>
 * <li>local refinement of the two elements that straddle ±W into 2 (4) sub-elements, found from the solution and
 * re-solved, τ_c of the sub-cells the exact integral: 5.16 / 1.50 (5.83 / 1.73), 1.15 / 0.33 (1.30 / 0.38), 0.251
 * / 0.040 (0.242 / 0.042); with τ_c of the sub-cells from a piecewise-linear reconstruction that keeps each cell
 * mean: 5.23 / 1.52 on 61 nodes (r = 2): the front node improves and the max moves to 32 km.</li>
 * <li>a node placed exactly at the front y = W (given the exact W, so an upper bound for any front tracking), cell
 * means elsewhere: max / mean 3.61 / 1.04 (max at 32 km, centre +2.0 m a⁻¹), 0.997 / 0.158, 0.280 / 0.033: the max
 * beats PISM's on 61 nodes but the mean is 2.6 times PISM's.</li>
 * </ul>
 * And in this solver with PISM's own inputs, τ_c sampled at the nodes (61 / 121 / 241 nodes, max / mean): on PISM's
 * grid 5.19 / 0.442, 1.48 / 0.114, 0.354 / 0.0283; on PISM's domain with square cells 4.95 / 0.571, 1.43 / 0.149,
 * 0.341 / 0.0375; periodic 12.18 / 4.04, 3.46 / 1.15, 0.831 / 0.277 (max at 32–38 km, not at the front). So with
 * the same inputs on the same grid the Q1 scheme is behind PISM's SSAFD on all four figures: the cancellation PISM's
 * figures profit from needs both the point values and the finite-difference coupling along x (on PISM's grid, with
 * Δx = 15 Δy on 61 nodes, Q1's y-stiffness couples each column to its neighbours with the weights 1/6, 2/3, 1/6, so
 * the columns next to the given edge columns take part of the edges' exact profile where the five-point stencil does
 * not). None of the bilinear or finite-difference schemes measured here (the adopted one, the variants above, the
 * replica of PISM's) beats both of PISM's 61-node figures without PISM's cancellation; the quadratic elements do.
 */
public final class SsaTestICase implements VerificationCase {

    /** Half-width parameter L, m. */
    public static final double L = 40e3;
    /** Ice thickness H, m. */
    public static final double THICKNESS = 2000;
    /** Surface slope tan θ. */
    public static final double SLOPE = 0.001;
    /** Exponent m of the yield stress τ_c = f |y/L|^m. */
    public static final int M = 10;
    /** Hardness B, Pa s^(1/3). */
    public static final double HARDNESS_SI = 3.7e8;
    /** PISM's year, s. */
    public static final double SECONDS_PER_YEAR = 3.15569259747e7;
    /** Driving stress f = ρ g H tan θ, Pa. */
    public static final double DRIVING_STRESS_PA = PhysicalConstants.ICE_DENSITY * PhysicalConstants.GRAVITY
            * THICKNESS * SLOPE;
    /** Half-width W = (m+1)^(1/m) L of the sliding stream, m. */
    public static final double HALF_WIDTH = Math.pow(M + 1, 1.0 / M) * L;
    /** Regularisation speed of the plastic law, m a⁻¹. */
    public static final double PLASTIC_REGULARISATION = 1e-3;
    /** Nonlinear tolerance of the solves. */
    public static final double TOLERANCE = 1e-8;
    /** Nonlinear iterations allowed (the plastic law converges slowly: about 125 on 61 nodes). */
    public static final int MAX_ITERATIONS = 500;
    /** Linear tolerance of the solves. */
    public static final double LINEAR_TOLERANCE = 1e-7;
    /**
     * Strain-rate regularisation ε_0 of the solves, a⁻¹: below the default, because near the centre line the strain
     * rate vanishes (u_y ∝ y³) and the default's 1e-5 a⁻¹ speeds the centre up by 0.05 m a⁻¹, which the finest grids
     * would see.
     */
    public static final double STRAIN_RATE_REGULARISATION = 1e-7;
    /** Nodes along x (periodic). */
    public static final int NODES_X = 3;
    /** Half-length Lx of PISM's domain along x, m: x ∈ [−Lx, Lx] in {@link Boundaries#PISM}. */
    public static final double PISM_HALF_LENGTH = 60e3;

    /** How the domain is bounded along x. */
    public enum Boundaries {
        /** {@value #NODES_X} nodes along x, periodic; the exact velocity given on the rows y = ±3L. */
        PERIODIC,
        /**
         * PISM's {@code ssa_testi} domain: x ∈ [−60 km, 60 km] with square cells, not periodic, the exact velocity
         * given on all four edges.
         */
        PISM,
        /**
         * PISM's {@code ssa_testi} grid itself: {@value #PISM_GRID_NODES_X} nodes along x over [−60 km, 60 km]
         * (Δx = 30 km), rectangular cells (Δy = 6L/(My − 1)), not periodic, the exact velocity given on all four edges.
         */
        PISM_GRID
    }

    /** The finite elements of the solve. */
    public enum Elements {
        /** {@link ShallowShelfFlow}'s bilinear elements, τ_c the cell means ({@link #meanYieldStress}). */
        BILINEAR,
        /** {@link ShallowShelfFlow}'s biquadratic elements, τ_c the point values at the nodes (as PISM). */
        QUADRATIC
    }

    /** Nodes along x of PISM's {@code ssa_testi} grid (Mx), {@link Boundaries#PISM_GRID}. */
    public static final int PISM_GRID_NODES_X = 5;

    /** PISM's SSAFD errors on 61 and 121 nodes across (Bueler's published table): max and mean, m a⁻¹. */
    public static final double[][] PISM_ERRORS = {{61, 4.742, 0.404}, {121, 1.391, 0.105}};

    /**
     * PISM's SSAFEM (its Q1 finite-element SSA) errors on the same grid, 61 and 121 nodes across: max and mean of u,
     * m a⁻¹, as PISM's regression test {@code test/regression/ssa/ssa_testi_fem.sh} expects them
     * ({@code -ssa_method fem -Mx 5}).
     */
    public static final double[][] PISM_FEM_ERRORS = {{61, 16.2024, 1.1522}, {121, 4.2045, 0.2838}};

    /**
     * One grid's result.
     *
     * @param nodesAcross      nodes along y over [−3L, 3L]
     * @param nodesAlong       nodes along x
     * @param dy               node spacing along y, m
     * @param dx               node spacing along x, m
     * @param maxError         max |u − u_exact| over the nodes, m a⁻¹
     * @param meanError        mean |u − u_exact| over all nodes (PISM's measure), m a⁻¹
     * @param meanErrorUnknown mean |u − u_exact| over the nodes whose velocity is not given, m a⁻¹
     * @param maxVError   max |v|, m a⁻¹ (exact: 0)
     * @param centreSpeed the computed u nearest the centre line, m a⁻¹
     * @param profile     the computed u along the middle column, per node from y = −3L, m a⁻¹
     * @param report      the solver's report
     */
    public record Result(int nodesAcross, int nodesAlong, double dy, double dx, double maxError, double meanError,
                         double meanErrorUnknown, double maxVError,
                         double centreSpeed, double[] profile, SolverReport report) {
    }

    @Override
    public String name() {
        return "ssa-test-i";
    }

    @Override
    public String description() {
        return "SSA ice stream on plastic till (Bueler's test I, Schoof 2006) against the exact velocity";
    }

    /** B in the units of the ice-flow code, MPa a^(1/3). */
    public static double hardness() {
        return HARDNESS_SI * 1e-6 / Math.cbrt(SECONDS_PER_YEAR);
    }

    /** The till yield stress τ_c = f |y/L|^m, MPa. */
    public static double yieldStress(double y) {
        return DRIVING_STRESS_PA * 1e-6 * Math.pow(Math.abs(y / L), M);
    }

    /**
     * The mean of τ_c over the cell [y − Δy/2, y + Δy/2], MPa: f (|y₊|^(m+1) sgn y₊ − |y₋|^(m+1) sgn y₋) /
     * ((m+1) L^m Δy).
     */
    public static double meanYieldStress(double y, double dy) {
        double hi = y + 0.5 * dy;
        double lo = y - 0.5 * dy;
        double integral = (Math.signum(hi) * Math.pow(Math.abs(hi / L), M + 1)
                - Math.signum(lo) * Math.pow(Math.abs(lo / L), M + 1)) * L / (M + 1);
        return DRIVING_STRESS_PA * 1e-6 * integral / dy;
    }

    /** The exact velocity u(y), m a⁻¹ (v = 0). */
    public static double exactVelocity(double y) {
        double a = Math.abs(y);
        if (a >= HALF_WIDTH) {
            return 0;
        }
        double r = DRIVING_STRESS_PA / (HARDNESS_SI * THICKNESS);
        return 2 * r * r * r * (g(HALF_WIDTH) - g(a)) * SECONDS_PER_YEAR;
    }

    private static double g(double y) {
        double z = Math.pow(y / HALF_WIDTH, M);
        double y4 = y * y * y * y;
        return y4 * (0.25 - 3 * z / (M + 4) + 3 * z * z / (2 * M + 4) - z * z * z / (3 * M + 4));
    }

    /**
     * Solves test I on {@code nodesAcross} nodes over y ∈ [−3L, 3L], periodic in x ({@link Boundaries#PERIODIC}),
     * and compares with the exact solution.
     *
     * @param nodesAcross nodes along y, ≥ 5
     * @param threads     threads of the solver
     * @throws InputException when nodesAcross &lt; 5
     */
    public static Result solve(int nodesAcross, int threads) {
        return solve(nodesAcross, Boundaries.PERIODIC, defaultOptions(threads));
    }

    /** The solver settings of this case on the given number of threads. */
    public static ShallowShelfFlow.Options defaultOptions(int threads) {
        return new ShallowShelfFlow.Options(STRAIN_RATE_REGULARISATION, new NewtonOptions(TOLERANCE, MAX_ITERATIONS,
                LINEAR_TOLERANCE, NewtonOptions.DEFAULT_MAX_LINEAR_ITERATIONS, threads, true));
    }

    /**
     * Solves test I on {@code nodesAcross} nodes, periodic in x, with the given solver settings.
     *
     * @throws InputException when nodesAcross &lt; 5
     */
    public static Result solve(int nodesAcross, ShallowShelfFlow.Options options) {
        return solve(nodesAcross, Boundaries.PERIODIC, options);
    }

    /**
     * Solves test I on {@code nodesAcross} nodes along y with the given boundary setup and solver settings, and
     * compares with the exact solution over all nodes.
     *
     * @throws InputException when nodesAcross &lt; 5
     */
    public static Result solve(int nodesAcross, Boundaries boundaries, ShallowShelfFlow.Options options) {
        return solve(nodesAcross, boundaries, Elements.BILINEAR, options);
    }

    /**
     * Solves test I on {@code nodesAcross} nodes along y with the given boundary setup, elements and solver settings,
     * and compares with the exact solution over all nodes.
     *
     * @throws InputException when nodesAcross &lt; 5
     */
    public static Result solve(int nodesAcross, Boundaries boundaries, Elements elements,
                               ShallowShelfFlow.Options options) {
        if (nodesAcross < 5) {
            throw new InputException("test I needs at least 5 nodes across, got " + nodesAcross);
        }
        double dy = 6 * L / (nodesAcross - 1);
        boolean periodic = boundaries == Boundaries.PERIODIC;
        int nodesX = switch (boundaries) {
            case PERIODIC -> NODES_X;
            case PISM -> 2 * (int) Math.ceil(PISM_HALF_LENGTH / dy - 1e-9) + 1;
            case PISM_GRID -> PISM_GRID_NODES_X;
        };
        double dx = boundaries == Boundaries.PISM_GRID ? 2 * PISM_HALF_LENGTH / (nodesX - 1) : dy;
        double x0 = periodic ? 0 : -(nodesX - 1) / 2 * dx;
        double y0 = -3 * L;
        Grid2D grid = new Grid2D(nodesX, nodesAcross, dx, x0, y0);
        int n = grid.size();
        double[] h = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        double[] b = new double[n];
        double[] tauC = new double[n];
        boolean[] given = new boolean[n];
        double[] gu = new double[n];
        double[] gv = new double[n];
        double hardness = hardness();
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                double y = y0 + j * dy;
                h[k] = THICKNESS;
                tx[k] = -DRIVING_STRESS_PA * 1e-6;
                b[k] = hardness;
                tauC[k] = elements == Elements.BILINEAR ? meanYieldStress(y, dy) : yieldStress(y);
                boolean edge = j == 0 || j == grid.ny() - 1 || (!periodic && (i == 0 || i == grid.nx() - 1));
                if (edge) {
                    given[k] = true;
                    gu[k] = exactVelocity(y);
                }
            }
        }
        PlasticSliding till = new PlasticSliding(tauC, PLASTIC_REGULARISATION);
        ShallowShelfFlow.Boundary boundary = new ShallowShelfFlow.Boundary(periodic, given, gu, gv);
        ShallowShelfFlow.Solution s = new ShallowShelfFlow(elements == Elements.BILINEAR
                ? ShallowShelfFlow.Elements.BILINEAR : ShallowShelfFlow.Elements.QUADRATIC, options)
                .solve(grid, dy, h, tx, ty, b, till, boundary);
        double max = 0;
        double sum = 0;
        double sumUnknown = 0;
        int unknown = 0;
        double maxV = 0;
        double centre = 0;
        double nearest = Double.POSITIVE_INFINITY;
        int middle = grid.nx() / 2;
        double[] profile = new double[grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            double y = y0 + j * dy;
            profile[j] = s.u()[grid.index(middle, j)];
            double exact = exactVelocity(y);
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                double e = Math.abs(s.u()[k] - exact);
                max = Math.max(max, e);
                sum += e;
                if (!given[k]) {
                    sumUnknown += e;
                    unknown++;
                }
                maxV = Math.max(maxV, Math.abs(s.v()[k]));
            }
            if (Math.abs(y) < nearest) {
                nearest = Math.abs(y);
                centre = profile[j];
            }
        }
        return new Result(nodesAcross, grid.nx(), dy, dx, max, sum / n, sumUnknown / unknown, maxV, centre, profile,
                s.report());
    }

    /** Least-squares slope of log(error) over log(spacing). */
    public static double fittedOrder(double[] spacing, double[] error) {
        int n = spacing.length;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            mx += Math.log(spacing[k]) / n;
            my += Math.log(error[k]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < n; k++) {
            double dxl = Math.log(spacing[k]) - mx;
            sxy += dxl * (Math.log(error[k]) - my);
            sxx += dxl * dxl;
        }
        return sxy / sxx;
    }

    @Override
    public VerificationReport run(boolean full, Path outputFolder) {
        int threads = Runtime.getRuntime().availableProcessors();
        VerificationReport.Builder report = new VerificationReport.Builder(name(), description(), "setup",
                "elements", "My", "Mx", "Δy (km)", "Δx (km)", "max error (m/a)", "mean error (m/a)",
                "mean, unknown nodes (m/a)", "PISM FD max", "PISM FD mean", "PISM FEM max", "PISM FEM mean",
                "centre u (m/a)", "iterations", "CG", "seconds");
        List<Result> periodic = new ArrayList<>();
        for (Elements elements : Elements.values()) {
            for (Boundaries boundaries : Boundaries.values()) {
                List<Result> results = new ArrayList<>();
                for (int my : sizes(boundaries, elements, full)) {
                    Result r = solve(my, boundaries, elements, defaultOptions(threads));
                    results.add(r);
                    String[] fd = pismCells(PISM_ERRORS, my);
                    String[] fem = pismCells(PISM_FEM_ERRORS, my);
                    report.row(label(boundaries), label(elements), my, r.nodesAlong(), r.dy() / 1000, r.dx() / 1000,
                            r.maxError(), r.meanError(), r.meanErrorUnknown(), fd[0], fd[1], fem[0], fem[1],
                            r.centreSpeed(), r.report().nonlinearIterations(), r.report().linearIterations(),
                            r.report().seconds());
                }
                if (results.size() > 1) {
                    double[] spacing = results.stream().mapToDouble(Result::dy).toArray();
                    double orderMax = fittedOrder(spacing, results.stream().mapToDouble(Result::maxError).toArray());
                    double orderMean = fittedOrder(spacing,
                            results.stream().mapToDouble(Result::meanError).toArray());
                    report.note(String.format(Locale.ROOT,
                            "fitted convergence order, %s, %s: %.2f (max error), %.2f (mean error)",
                            label(boundaries), label(elements), orderMax, orderMean));
                }
                if (boundaries == Boundaries.PERIODIC && elements == Elements.BILINEAR) {
                    periodic = results;
                }
            }
        }
        report.note(String.format(Locale.ROOT, "exact centre-line speed %.3f m/a; errors are max and mean of"
                + " |u − u_exact| over all nodes; PISM SSAFD errors from Bueler's test-I table and PISM SSAFEM errors"
                + " from PISM's regression test ssa_testi_fem.sh, both for PISM's grid"
                + " (pism-grid: 5 nodes along x in [-60 km, 60 km], exact velocity on all four edges)",
                exactVelocity(0)));
        if (outputFolder != null) {
            writeProfile(outputFolder, periodic.get(periodic.size() - 1));
        }
        return report.build();
    }

    /**
     * The grids of one setup: 61 and 121 nodes across on the small grids, 241 (481 periodic) added with {@code full};
     * the quadratic elements on PISM's square cells (their conjugate gradients are slow on 241 × 241 lattice nodes)
     * only on 61, and 121 with {@code full}.
     */
    static int[] sizes(Boundaries boundaries, Elements elements, boolean full) {
        if (elements == Elements.QUADRATIC && boundaries == Boundaries.PISM) {
            return full ? new int[]{61, 121} : new int[]{61};
        }
        if (!full) {
            return new int[]{61, 121};
        }
        return boundaries == Boundaries.PERIODIC && elements == Elements.BILINEAR ? new int[]{61, 121, 241, 481}
                : new int[]{61, 121, 241};
    }

    /** The max and mean error of a PISM table row for My nodes across, as report cells; empty where it has none. */
    private static String[] pismCells(double[][] table, int my) {
        for (double[] p : table) {
            if ((int) p[0] == my) {
                return new String[]{VerificationReport.cell(p[1]), VerificationReport.cell(p[2])};
            }
        }
        return new String[]{"", ""};
    }

    /** The setup's name in the report: periodic, pism, pism-grid. */
    public static String label(Boundaries boundaries) {
        return boundaries.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The elements' name in the report: Q1, Q2. */
    public static String label(Elements elements) {
        return elements == Elements.BILINEAR ? "Q1" : "Q2";
    }

    /** Writes the computed and exact profiles u(y) of one grid as CSV. */
    private static void writeProfile(Path folder, Result r) {
        StringBuilder csv = new StringBuilder("y_m,u_m_per_a,u_exact_m_per_a\n");
        for (int j = 0; j < r.nodesAcross(); j++) {
            double y = -3 * L + j * r.dy();
            csv.append(String.format(Locale.ROOT, "%.1f,%.6f,%.6f%n", y, r.profile()[j], exactVelocity(y)));
        }
        AtomicOutput.writeText(folder.resolve("ssa-test-i-" + r.nodesAcross() + ".csv"), csv);
    }
}
