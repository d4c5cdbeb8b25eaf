package igm.physics.iceflow;

import igm.InputException;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;
import igm.parallel.ParallelRows;
import igm.physics.PhysicalConstants;


/**
 * The shallow-ice approximation (SIA) with Glen's law (n = 3) and Weertman sliding, IGM's {@code sia} ice-flow
 * model.
 *
 * <p>With the driving stress τ = ρ g H |∇s| in MPa, the rate factor A in MPa⁻³ a⁻¹ and the sliding coefficient c
 * in km MPa⁻³ a⁻¹ (so that the sliding speed is 1000·c·τ³ m a⁻¹), every velocity points down the surface gradient:
 * <pre>
 *   u_b = −1000 c (ρg)³ H³ |∇s|² ∇s                                       basal (sliding)
 *   ū   = u_b − 2A/(n+2) (ρg)³ H⁴ |∇s|² ∇s   = u_b + 2A/(n+2) τ³ H  down-slope   depth-averaged
 *   u_s = u_b − 2A/(n+1) (ρg)³ H⁴ |∇s|² ∇s   = u_b + 2A/(n+1) τ³ H  down-slope   surface
 * </pre>
 * written as a coefficient times ∇s, so there is no division and no NaN where |∇s| = 0 or H = 0 (and no −0).
 *
 * <p><b>Cell centres.</b> ∇s by centred differences, one-sided in the first and last row and column (zero along an
 * axis with a single cell); H, A and c of the cell. Velocities are exactly zero where H ≤ 0.
 *
 * <p><b>Cell edges</b> ({@link StaggeredVelocity}, Mahaffy 1976 type, used by the thickness transport to avoid the
 * odd–even decoupling of centred gradients). On the x-edge between cells L = (i−1, j) and R = (i, j):
 * ∂s/∂x = (s_R − s_L)/Δx, ∂s/∂y = the mean of the centred y-differences of L and R, H = (H_L + H_R)/2 and A, c the
 * means of L and R. Edges on the domain boundary see a ghost cell outside with zero thickness and the surface
 * (= bed) of the inner cell's bed, s_ghost = s_in − H_in, so that ice at the boundary flows out; their ∂s/∂y, A
 * and c are the inner cell's. Likewise for y-edges.
 *
 * <p><b>Time step.</b> With the transport's first-order upwind flux q = u_edge·H_upwind, the effective diffusivity on
 * an edge is D = |q|/|∇s| ≤ k·max(H_L, H_R), where u_edge = −k ∂s/∂x. The explicit (forward Euler) limit for 2D
 * diffusion is Δt ≤ Δx²/(4 D_max); {@link IceFlowResult#maxStableTimeStep()} is that limit times the safety factor
 * (default {@value #DEFAULT_SAFETY_FACTOR}), because the SIA flux is non-linear in ∇s: a perturbation of the slope
 * along the flow diffuses with up to n·D, and a factor below 1 keeps the dome free of step-to-step oscillation.
 *
 * <p>Thread-safe, and stateless apart from its settings and a hint on how to split the rows (which changes no
 * result); every call allocates its result arrays (which the result owns: no later call writes them). The rows are split into up to {@link #threads()} chunks, each computed
 * independently; every value is the same, bit for bit, whatever the number of threads. The worker threads
 * ({@link ParallelRows}) are daemon threads started on first use: nothing needs closing.
 */
public final class ShallowIceFlow implements IceFlowModel {

    /** The name of this model in the parameters. */
    public static final String NAME = "sia";

    /**
     * Default factor applied to the explicit diffusive stability limit Δx²/(4 D_max). Measured on Halfar test B
     * (25 ka, Δx = 100 / 50 / 25 km): factor 1 gives dome-height errors of 3.0 / 2.0 / 0.49 % (the dome oscillates
     * from step to step), 0.5 gives 0.36 / 0.33 / 0.17 % and 0.25 gives 0.24 / 0.30 / 0.16 % at twice the cost.
     */
    public static final double DEFAULT_SAFETY_FACTOR = 0.5;

    /** (ρg)³ in MPa³ m⁻³. */
    private static final double RHO_G_CUBED = PhysicalConstants.ICE_WEIGHT_MPA_PER_M
            * PhysicalConstants.ICE_WEIGHT_MPA_PER_M * PhysicalConstants.ICE_WEIGHT_MPA_PER_M;
    /** 2/(n+2) for n = 3. */
    private static final double MEAN_FACTOR = 2.0 / 5.0;
    /** 2/(n+1) for n = 3. */
    private static final double SURFACE_FACTOR = 2.0 / 4.0;
    /** Metres per kilometre: converts c in km MPa⁻³ a⁻¹ into m MPa⁻³ a⁻¹. */
    private static final double M_PER_KM = 1000.0;

    private final double safetyFactor;
    private final int threads;
    /**
     * The work per row in the last solve (its span of ice plus a fixed part), to split the rows of the next one into
     * chunks of about equal work; only a hint (the split changes no result), so written and read without locking.
     */
    private volatile int[] rowCost;

    /** The SIA with the default safety factor on its stable time step. */
    public ShallowIceFlow() {
        this(DEFAULT_SAFETY_FACTOR);
    }

    /**
     * The SIA with the given safety factor on its stable time step, on as many threads as there are processors.
     *
     * @param safetyFactor factor on Δx²/(4 D_max), in (0, 1]
     * @throws InputException when the factor is outside (0, 1]
     */
    public ShallowIceFlow(double safetyFactor) {
        this(safetyFactor, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The SIA with the given safety factor on its stable time step, splitting the rows of the grid between up to
     * {@code threads} threads (the calling thread and {@code threads − 1} daemon workers). The result does not
     * depend on the number of threads, bit for bit.
     *
     * @param safetyFactor factor on Δx²/(4 D_max), in (0, 1]
     * @param threads      threads, ≥ 1
     * @throws InputException when the factor is outside (0, 1] or the thread count is below 1
     */
    public ShallowIceFlow(double safetyFactor, int threads) {
        if (!(safetyFactor > 0 && safetyFactor <= 1)) {
            throw new InputException("SIA time-step safety factor must be in (0, 1], got " + safetyFactor);
        }
        if (threads < 1) {
            throw new InputException("SIA thread count must be at least 1, got " + threads);
        }
        this.safetyFactor = safetyFactor;
        this.threads = threads;
    }

    /** The factor applied to the explicit diffusive limit. */
    public double safetyFactor() {
        return safetyFactor;
    }

    /** The largest number of threads a solve uses. */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D grid = input.grid();
        int nx = grid.nx();
        int ny = grid.ny();
        int n = grid.size();
        double dx = grid.dx();
        double[] h = input.thickness();
        double[] s = input.surface();
        double[] a = input.rateFactor();
        double[] c = input.slidingCoefficient();

        ParallelRows team = ParallelRows.shared();
        int chunks = team.chunks(threads, n, ny);
        // The eight result arrays, zeroed by the threads in turn: zeroing 2 MB of fresh memory costs as much as the
        // rest of a solve on a grid with little ice.
        double[][] out = new double[8][];
        int edgesX = (nx + 1) * ny;
        int edgesY = nx * (ny + 1);
        team.run(chunks, chunk -> {
            for (int q = chunk; q < 8; q += chunks) {
                out[q] = new double[q == 6 ? edgesX : q == 7 ? edgesY : n];
            }
        });
        double[] ubar = out[0];
        double[] vbar = out[1];
        double[] us = out[2];
        double[] vs = out[3];
        double[] ub = out[4];
        double[] vb = out[5];
        double[] uEdge = out[6];
        double[] vEdge = out[7];
        double[] chunkMax = new double[chunks];
        int[] bounds = split(rowCost, ny, chunks);
        int[] cost = new int[ny];
        team.run(chunks, chunk -> chunkMax[chunk] = rows(nx, ny, dx, h, s, a, c, ubar, vbar, us, vs, ub, vb,
                uEdge, vEdge, bounds[chunk], bounds[chunk + 1], cost));
        rowCost = cost;
        double maxDiffusivity = chunkMax[0];
        for (int t = 1; t < chunks; t++) {
            maxDiffusivity = Math.max(maxDiffusivity, chunkMax[t]);
        }
        double maxStep = maxDiffusivity > 0
                ? safetyFactor * dx * dx / (4 * maxDiffusivity)
                : Double.POSITIVE_INFINITY;
        return new IceFlowResult(grid, ubar, vbar, us, vs, ub, vb, new StaggeredVelocity(uEdge, vEdge), maxStep);
    }

    /**
     * Row bounds of the chunks: chunk t has rows bounds[t] ≤ j &lt; bounds[t + 1], of about equal cost when the
     * costs per row are known, else of about equal numbers of rows.
     */
    private static int[] split(int[] cost, int ny, int chunks) {
        int[] bounds = new int[chunks + 1];
        bounds[chunks] = ny;
        if (cost == null || cost.length != ny) {
            for (int t = 1; t < chunks; t++) {
                bounds[t] = t * ny / chunks;
            }
            return bounds;
        }
        long total = 0;
        for (int x : cost) {
            total += x;
        }
        long sum = 0;
        int t = 1;
        for (int j = 0; j < ny && t < chunks; j++) {
            sum += cost[j];
            while (t < chunks && sum * chunks >= total * t) {
                bounds[t++] = j + 1;
            }
        }
        for (; t < chunks; t++) {
            bounds[t] = ny;
        }
        return bounds;
    }

    /**
     * Rows {@code j0 ≤ j < j1}: centre velocities, the x-edges of these rows and the y-edges on their south side
     * (plus the north boundary when {@code j1 = ny}). Returns the largest edge diffusivity, m² a⁻¹.
     *
     * <p>Only the span of each row between its first and last cell with ice (H &gt; 0) is visited: every velocity
     * outside it, and on every edge with no ice on either side, is exactly +0, which the freshly allocated result
     * arrays already hold, and such edges add nothing to the maximum diffusivity.
     */
    private static double rows(int nx, int ny, double dx, double[] h, double[] s, double[] a, double[] c,
                               double[] ubar, double[] vbar, double[] us, double[] vs, double[] ub, double[] vb,
                               double[] uEdge, double[] vEdge, int j0, int j1, int[] cost) {
        double invDx = 1 / dx;
        double[] gxPrev = new double[nx];
        double[] gx = new double[nx];
        double[] gy = new double[nx];
        int loPrev = nx;
        int hiPrev = -1;
        if (j0 > 0) {
            int rowPrev = (j0 - 1) * nx;
            loPrev = firstIce(h, rowPrev, nx);
            hiPrev = lastIce(h, rowPrev, nx, loPrev);
            SurfaceSlope.xDerivativeOfRow(nx, dx, s, rowPrev, gxPrev, 0);
        }
        double dMax = 0;
        for (int j = j0; j < j1; j++) {
            int row = j * nx;
            int lo = firstIce(h, row, nx);
            int hi = lastIce(h, row, nx, lo);
            cost[j] = nx + 8 * Math.max(0, Math.max(hi, hiPrev) - Math.min(lo, loPrev) + 1);
            // the y-edges need it next to ice in the rows either side
            SurfaceSlope.xDerivativeOfRow(nx, dx, s, row, gx, 0);
            if (lo <= hi) {
                SurfaceSlope.yDerivativeOfRow(nx, ny, dx, s, j, gy, 0);
                centres(row, lo, hi, h, a, c, gx, gy, ubar, vbar, us, vs, ub, vb);
                dMax = max(dMax, xEdges(row, j * (nx + 1), nx, lo, hi, invDx, h, s, a, c, gy, uEdge));
            }
            if (j == 0) {
                for (int i = lo; i <= hi; i++) {
                    double hIn = Math.max(h[i], 0);
                    dMax = max(dMax, edge(0, hIn, s[i] - hIn, s[i], gx[i], a[i], c[i], invDx, vEdge, i));
                }
            } else {
                int rowS = row - nx;
                int from = Math.min(lo, loPrev);
                int to = Math.max(hi, hiPrev);
                for (int i = from; i <= to; i++) {
                    int kS = rowS + i;
                    int kN = row + i;
                    dMax = max(dMax, edge(Math.max(h[kS], 0), Math.max(h[kN], 0), s[kS], s[kN],
                            0.5 * (gxPrev[i] + gx[i]), 0.5 * (a[kS] + a[kN]), 0.5 * (c[kS] + c[kN]), invDx,
                            vEdge, kN));
                }
            }
            if (j == ny - 1) {
                for (int i = lo; i <= hi; i++) {
                    int kS = row + i;
                    double hIn = Math.max(h[kS], 0);
                    dMax = max(dMax, edge(hIn, 0, s[kS], s[kS] - hIn, gx[i], a[kS], c[kS], invDx, vEdge,
                            ny * nx + i));
                }
            }
            double[] swap = gxPrev;
            gxPrev = gx;
            gx = swap;
            loPrev = lo;
            hiPrev = hi;
        }
        return dMax;
    }

    /** The first column of the row with H &gt; 0, or {@code nx} when there is none. */
    private static int firstIce(double[] h, int row, int nx) {
        for (int i = 0; i < nx; i++) {
            if (h[row + i] > 0) {
                return i;
            }
        }
        return nx;
    }

    /** The last column of the row with H &gt; 0, or −1 when there is none; {@code lo} is the first such column. */
    private static int lastIce(double[] h, int row, int nx, int lo) {
        for (int i = nx - 1; i >= lo; i--) {
            if (h[row + i] > 0) {
                return i;
            }
        }
        return -1;
    }

    /** Centre velocities of columns {@code lo … hi} of the row starting at cell {@code row}. */
    private static void centres(int row, int lo, int hi, double[] h, double[] a, double[] c, double[] gxRow,
                                double[] gyRow, double[] ubar, double[] vbar, double[] us, double[] vs,
                                double[] ub, double[] vb) {
        for (int i = lo; i <= hi; i++) {
            int k = row + i;
            double hk = h[k];
            if (hk > 0) {
                double gx = gxRow[i];
                double gy = gyRow[i];
                double common = RHO_G_CUBED * hk * hk * hk * (gx * gx + gy * gy);
                double kSlide = M_PER_KM * c[k] * common;
                double kMean = kSlide + MEAN_FACTOR * a[k] * hk * common;
                double kSurface = kSlide + SURFACE_FACTOR * a[k] * hk * common;
                ubar[k] = 0.0 - kMean * gx;
                vbar[k] = 0.0 - kMean * gy;
                us[k] = 0.0 - kSurface * gx;
                vs[k] = 0.0 - kSurface * gy;
                ub[k] = 0.0 - kSlide * gx;
                vb[k] = 0.0 - kSlide * gy;
            }
        }
    }

    /**
     * Fills the x-edge velocities of one row next to its cells {@code lo … hi} (the edges {@code lo … hi + 1});
     * returns the largest edge diffusivity, m² a⁻¹.
     */
    private static double xEdges(int row, int edgeRow, int nx, int lo, int hi, double invDx, double[] h,
                                 double[] s, double[] a, double[] c, double[] gyRow, double[] uEdge) {
        double dMax = 0;
        if (lo == 0) {
            // West boundary: ghost L outside, with zero thickness and the inner cell's bed as surface.
            int kR = row;
            double hIn = Math.max(h[kR], 0);
            dMax = edge(0, hIn, s[kR] - hIn, s[kR], gyRow[0], a[kR], c[kR], invDx, uEdge, edgeRow);
        }
        int end = Math.min(hi + 1, nx - 1);
        for (int i = Math.max(lo, 1); i <= end; i++) {
            int kL = row + i - 1;
            int kr = kL + 1;
            dMax = max(dMax, edge(Math.max(h[kL], 0), Math.max(h[kr], 0), s[kL], s[kr],
                    0.5 * (gyRow[i - 1] + gyRow[i]), 0.5 * (a[kL] + a[kr]), 0.5 * (c[kL] + c[kr]), invDx,
                    uEdge, edgeRow + i));
        }
        if (hi == nx - 1) {
            int kL = row + nx - 1;
            double hIn = Math.max(h[kL], 0);
            dMax = max(dMax, edge(hIn, 0, s[kL], s[kL] - hIn, gyRow[nx - 1], a[kL], c[kL], invDx, uEdge,
                    edgeRow + nx));
        }
        return dMax;
    }

    /**
     * Math.max for the running maximum of non-negative diffusivities, with a shorter dependency chain: a NaN is
     * sticky as with Math.max; the two differ only in the sign of a zero, and a maximum that starts at +0 stays +0.
     */
    private static double max(double runningMax, double d) {
        return d > runningMax || d != d ? d : runningMax;
    }

    /**
     * Velocity normal to one edge between a "minus" cell and a "plus" cell along the normal, written into
     * {@code out[index]}; returns the edge diffusivity bound k·max(H₋, H₊).
     */
    private static double edge(double hMinus, double hPlus, double sMinus, double sPlus, double tangentialSlope,
                               double rateFactor, double slidingCoefficient, double invDx, double[] out,
                               int index) {
        double hEdge = 0.5 * (hMinus + hPlus);
        if (!(hEdge > 0)) {
            out[index] = 0;
            return 0;
        }
        double normalSlope = (sPlus - sMinus) * invDx;
        double k = RHO_G_CUBED * hEdge * hEdge * hEdge
                * (normalSlope * normalSlope + tangentialSlope * tangentialSlope)
                * (MEAN_FACTOR * rateFactor * hEdge + M_PER_KM * slidingCoefficient);
        out[index] = 0.0 - k * normalSlope; // 0.0 − x: +0, never −0, on a flat surface
        return k * Math.max(hMinus, hPlus);
    }
}
