package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;
import igm.physics.PhysicalConstants;

/**
 * The SIA as first written, one plain pass over the whole grid at a time: the reference that the split, span-limited
 * {@link ShallowIceFlow} must match bit for bit.
 */
final class ShallowIceFlowReference {

    private static final double RHO_G_CUBED = PhysicalConstants.ICE_WEIGHT_MPA_PER_M
            * PhysicalConstants.ICE_WEIGHT_MPA_PER_M * PhysicalConstants.ICE_WEIGHT_MPA_PER_M;
    private static final double MEAN_FACTOR = 2.0 / 5.0;
    private static final double SURFACE_FACTOR = 2.0 / 4.0;
    private static final double M_PER_KM = 1000.0;

    private ShallowIceFlowReference() {
    }

    static IceFlowResult solve(IceFlowInput input, double safetyFactor) {
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
        SurfaceSlope.gradient(grid, s, gx, gy);

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
