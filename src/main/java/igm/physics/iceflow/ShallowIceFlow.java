package igm.physics.iceflow;

import igm.InputException;
import igm.grid.Grid2D;
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
 * <p>Thread-safe and stateless apart from its safety factor; every call allocates its result arrays.
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

    /** The SIA with the default safety factor on its stable time step. */
    public ShallowIceFlow() {
        this(DEFAULT_SAFETY_FACTOR);
    }

    /**
     * The SIA with the given safety factor on its stable time step.
     *
     * @param safetyFactor factor on Δx²/(4 D_max), in (0, 1]
     * @throws InputException when the factor is outside (0, 1]
     */
    public ShallowIceFlow(double safetyFactor) {
        if (!(safetyFactor > 0 && safetyFactor <= 1)) {
            throw new InputException("SIA time-step safety factor must be in (0, 1], got " + safetyFactor);
        }
        this.safetyFactor = safetyFactor;
    }

    /** The factor applied to the explicit diffusive limit. */
    public double safetyFactor() {
        return safetyFactor;
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

        double[] gx = new double[n];
        double[] gy = new double[n];
        SiaGradients.centred(nx, ny, dx, s, gx, gy);

        double[] ubar = new double[n];
        double[] vbar = new double[n];
        double[] us = new double[n];
        double[] vs = new double[n];
        double[] ub = new double[n];
        double[] vb = new double[n];
        for (int k = 0; k < n; k++) {
            double hk = h[k];
            if (hk > 0) {
                double common = RHO_G_CUBED * hk * hk * hk * (gx[k] * gx[k] + gy[k] * gy[k]);
                double kSlide = M_PER_KM * c[k] * common;
                double kMean = kSlide + MEAN_FACTOR * a[k] * hk * common;
                double kSurface = kSlide + SURFACE_FACTOR * a[k] * hk * common;
                ubar[k] = 0.0 - kMean * gx[k];
                vbar[k] = 0.0 - kMean * gy[k];
                us[k] = 0.0 - kSurface * gx[k];
                vs[k] = 0.0 - kSurface * gy[k];
                ub[k] = 0.0 - kSlide * gx[k];
                vb[k] = 0.0 - kSlide * gy[k];
            }
        }

        double[] uEdge = new double[(nx + 1) * ny];
        double[] vEdge = new double[nx * (ny + 1)];
        double maxDiffusivity = Math.max(
                xEdges(nx, ny, dx, h, s, a, c, gy, uEdge),
                yEdges(nx, ny, dx, h, s, a, c, gx, vEdge));
        double maxStep = maxDiffusivity > 0
                ? safetyFactor * dx * dx / (4 * maxDiffusivity)
                : Double.POSITIVE_INFINITY;
        return new IceFlowResult(grid, ubar, vbar, us, vs, ub, vb, new StaggeredVelocity(uEdge, vEdge), maxStep);
    }

    /** Fills the x-edge velocities; returns the largest edge diffusivity, m² a⁻¹. */
    private static double xEdges(int nx, int ny, double dx, double[] h, double[] s, double[] a, double[] c,
                                 double[] gy, double[] uEdge) {
        double invDx = 1 / dx;
        double dMax = 0;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            int edgeRow = j * (nx + 1);
            // West boundary: ghost L outside, with zero thickness and the inner cell's bed as surface.
            int kR = row;
            double hIn = Math.max(h[kR], 0);
            dMax = Math.max(dMax, edge(0, hIn, s[kR] - hIn, s[kR], gy[kR], a[kR], c[kR], invDx, uEdge, edgeRow));
            for (int i = 1; i < nx; i++) {
                int kL = row + i - 1;
                int kr = kL + 1;
                dMax = Math.max(dMax, edge(Math.max(h[kL], 0), Math.max(h[kr], 0), s[kL], s[kr],
                        0.5 * (gy[kL] + gy[kr]), 0.5 * (a[kL] + a[kr]), 0.5 * (c[kL] + c[kr]), invDx,
                        uEdge, edgeRow + i));
            }
            int kL = row + nx - 1;
            hIn = Math.max(h[kL], 0);
            dMax = Math.max(dMax, edge(hIn, 0, s[kL], s[kL] - hIn, gy[kL], a[kL], c[kL], invDx, uEdge,
                    edgeRow + nx));
        }
        return dMax;
    }

    /** Fills the y-edge velocities; returns the largest edge diffusivity, m² a⁻¹. */
    private static double yEdges(int nx, int ny, double dx, double[] h, double[] s, double[] a, double[] c,
                                 double[] gx, double[] vEdge) {
        double invDx = 1 / dx;
        double dMax = 0;
        for (int i = 0; i < nx; i++) {
            double hIn = Math.max(h[i], 0);
            dMax = Math.max(dMax, edge(0, hIn, s[i] - hIn, s[i], gx[i], a[i], c[i], invDx, vEdge, i));
        }
        for (int j = 1; j < ny; j++) {
            int rowS = (j - 1) * nx;
            int rowN = j * nx;
            for (int i = 0; i < nx; i++) {
                int kS = rowS + i;
                int kN = rowN + i;
                dMax = Math.max(dMax, edge(Math.max(h[kS], 0), Math.max(h[kN], 0), s[kS], s[kN],
                        0.5 * (gx[kS] + gx[kN]), 0.5 * (a[kS] + a[kN]), 0.5 * (c[kS] + c[kN]), invDx,
                        vEdge, rowN + i));
            }
        }
        int rowS = (ny - 1) * nx;
        for (int i = 0; i < nx; i++) {
            int kS = rowS + i;
            double hIn = Math.max(h[kS], 0);
            dMax = Math.max(dMax, edge(hIn, 0, s[kS], s[kS] - hIn, gx[kS], a[kS], c[kS], invDx, vEdge,
                    ny * nx + i));
        }
        return dMax;
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
