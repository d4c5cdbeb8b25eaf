package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A manufactured solution of the full 2D SSA with Glen's law: smooth velocity, thickness and hardness fields on a
 * 10 km square, the driving stress that makes them a solution (all membrane terms: u_x, v_y, the cross terms and the
 * shear, with the regularised viscosity), linear drag, and the exact velocity on the boundary nodes. The discrete
 * solution must converge to it at second order, on square cells and on rectangular ones (Δy = Δx/2 and 2Δx), and a
 * problem rotated by 90° on the transposed rectangular grid must give the rotated answer.
 */
@Tag("verification")
class SsaManufacturedSolutionTest {

    private static final double L = 10_000;
    private static final double U0 = 100;
    private static final double V0 = 60;
    private static final double BETA_SQUARED = 2e-4;
    private static final double EPS0 = ShallowShelfFlow.Options.DEFAULT_STRAIN_RATE_REGULARISATION;
    private static final double K = Math.PI / L;

    /** An along-flow stretching u_x ≥ 0.0037 a⁻¹ everywhere keeps ε_e away from zero (a smooth viscosity). */
    private static double u(double x, double y) {
        return U0 * (0.5 + x / L + 0.1 * Math.sin(2 * K * x) * Math.cos(K * y));
    }

    private static double v(double x, double y) {
        return V0 * (0.2 * Math.sin(K * x) * Math.sin(2 * K * y) + 0.1 * Math.cos(K * (x + y)));
    }

    private static double thickness(double x, double y) {
        return 500 + 200 * Math.cos(K * x) * Math.sin(K * y);
    }

    private static double hardness(double x, double y) {
        return GlenLaw.hardness(78) * (1 + 0.2 * Math.sin(K * (x - 0.5 * y)));
    }

    /** Membrane stresses {N_xx, N_xy, N_yy} = H·{2η(2u_x + v_y), η(u_y + v_x), 2η(2v_y + u_x)}, MPa m. */
    private static double[] membrane(double x, double y) {
        double h = 1e-3;
        double ux = (u(x + h, y) - u(x - h, y)) / (2 * h);
        double uy = (u(x, y + h) - u(x, y - h)) / (2 * h);
        double vx = (v(x + h, y) - v(x - h, y)) / (2 * h);
        double vy = (v(x, y + h) - v(x, y - h)) / (2 * h);
        double exy = 0.5 * (uy + vx);
        double e2 = ux * ux + vy * vy + ux * vy + exy * exy;
        double eta = GlenLaw.viscosity(hardness(x, y), e2, EPS0 * EPS0);
        double hh = thickness(x, y);
        return new double[]{2 * eta * hh * (2 * ux + vy), eta * hh * (uy + vx), 2 * eta * hh * (2 * vy + ux)};
    }

    /** Driving stress {τ_dx, τ_dy} = ∇·N − β² u, MPa. */
    private static double[] driving(double x, double y) {
        double h = 0.5;
        double[] xp = membrane(x + h, y);
        double[] xm = membrane(x - h, y);
        double[] yp = membrane(x, y + h);
        double[] ym = membrane(x, y - h);
        double tx = (xp[0] - xm[0]) / (2 * h) + (yp[1] - ym[1]) / (2 * h) - BETA_SQUARED * u(x, y);
        double ty = (xp[1] - xm[1]) / (2 * h) + (yp[2] - ym[2]) / (2 * h) - BETA_SQUARED * v(x, y);
        return new double[]{tx, ty};
    }

    /** Max |u_h − u| over the nodes relative to max |u|, on (nodes × nodes) nodes. */
    private static double error(int nodes) {
        return error(nodes, nodes);
    }

    /**
     * Max |u_h − u| over the nodes relative to max |u|, on nodesX × nodesY nodes over the square (Δx = L/(nodesX − 1),
     * Δy = L/(nodesY − 1)).
     */
    private static double error(int nodesX, int nodesY) {
        return error(nodesX, nodesY, false);
    }

    /** As {@link #error(int, int)}, with {@link QuadraticSsaProblem}'s biquadratic elements when quadratic. */
    private static double error(int nodesX, int nodesY, boolean quadratic) {
        double dx = L / (nodesX - 1);
        double dy = L / (nodesY - 1);
        Grid2D grid = Grid2D.of(nodesX, nodesY, dx);
        int n = grid.size();
        double[] h = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        double[] b = new double[n];
        double[] beta = new double[n];
        boolean[] given = new boolean[n];
        double[] gu = new double[n];
        double[] gv = new double[n];
        for (int j = 0; j < nodesY; j++) {
            for (int i = 0; i < nodesX; i++) {
                int k = grid.index(i, j);
                double x = grid.x(i);
                double y = j * dy;
                h[k] = thickness(x, y);
                double[] t = driving(x, y);
                tx[k] = t[0];
                ty[k] = t[1];
                b[k] = hardness(x, y);
                beta[k] = BETA_SQUARED;
                if (i == 0 || j == 0 || i == nodesX - 1 || j == nodesY - 1) {
                    given[k] = true;
                    gu[k] = u(x, y);
                    gv[k] = v(x, y);
                }
            }
        }
        ShallowShelfFlow.Options options = ShallowShelfFlow.Options.defaults().withTolerance(1e-11)
                .withLinearTolerance(1e-11);
        ShallowShelfFlow.Boundary boundary = new ShallowShelfFlow.Boundary(false, given, gu, gv);
        ShallowShelfFlow.Solution s = quadratic
                ? new ShallowShelfFlow(ShallowShelfFlow.Elements.QUADRATIC, options).solve(grid, dy, h, tx, ty, b,
                        new LinearSliding(beta), boundary)
                : new ShallowShelfFlow(options).solve(grid, dy, h, tx, ty, b, new LinearSliding(beta), boundary);
        assertTrue(s.report().converged(), s.report().toString());
        double worst = 0;
        double scale = 0;
        for (int j = 0; j < nodesY; j++) {
            for (int i = 0; i < nodesX; i++) {
                int k = grid.index(i, j);
                double x = grid.x(i);
                double y = j * dy;
                double eu = s.u()[k] - u(x, y);
                double ev = s.v()[k] - v(x, y);
                worst = Math.max(worst, Math.hypot(eu, ev));
                scale = Math.max(scale, Math.hypot(u(x, y), v(x, y)));
            }
        }
        return worst / scale;
    }

    /** Measured: relative max errors 1.73e-3, 4.49e-4, 1.13e-4 on 17, 33, 65 nodes a side (orders 1.95, 1.99). */
    @Test
    void convergesAtSecondOrder() {
        double e1 = error(17);
        double e2 = error(33);
        double e3 = error(65);
        double order12 = Math.log(e1 / e2) / Math.log(2);
        double order23 = Math.log(e2 / e3) / Math.log(2);
        assertTrue(e3 < 2e-4, "relative error on 65×65 nodes " + e3);
        assertTrue(order12 > 1.9 && order23 > 1.9, "orders " + order12 + ", " + order23);
    }

    /**
     * The biquadratic elements of {@link QuadraticSsaProblem} on the same grids (the fields given at the grid
     * nodes only, interpolated to the element midpoints): better than third order at the nodes. Measured: relative max
     * errors 8.88e-5, 7.44e-6, 5.18e-7 on 17, 33, 65 nodes a side (orders 3.58, 3.85; the bilinear elements: 1.73e-3,
     * 4.49e-4, 1.13e-4).
     */
    @Test
    void quadraticElementsConvergeFasterThanThirdOrder() {
        double e1 = error(17, 17, true);
        double e2 = error(33, 33, true);
        double e3 = error(65, 65, true);
        double order12 = Math.log(e1 / e2) / Math.log(2);
        double order23 = Math.log(e2 / e3) / Math.log(2);
        assertTrue(e3 < 1e-6, "relative error on 65×65 nodes " + e3);
        assertTrue(order12 > 3.3 && order23 > 3.3, "orders " + order12 + ", " + order23);
    }

    /**
     * Rectangular cells, Δy = Δx/2 (17×33, 33×65, 65×129 nodes) and Δy = 2Δx (the transposes): every length scaled
     * along its own axis keeps the scheme second order. Measured: relative max errors 7.96e-4, 2.00e-4, 5.03e-5
     * (orders 1.99, 1.99) with Δy = Δx/2; 1.78e-3, 4.60e-4, 1.16e-4 (orders 1.95, 1.99) with Δy = 2Δx.
     */
    @Test
    void convergesAtSecondOrderOnRectangularCells() {
        int[][][] sequences = {{{17, 33}, {33, 65}, {65, 129}}, {{33, 17}, {65, 33}, {129, 65}}};
        double[] finestBound = {6e-5, 1.3e-4};
        for (int c = 0; c < 2; c++) {
            int[][] grids = sequences[c];
            double e1 = error(grids[0][0], grids[0][1]);
            double e2 = error(grids[1][0], grids[1][1]);
            double e3 = error(grids[2][0], grids[2][1]);
            double order12 = Math.log(e1 / e2) / Math.log(2);
            double order23 = Math.log(e2 / e3) / Math.log(2);
            String label = grids[0][0] + "×" + grids[0][1] + " and refinements: errors " + e1 + ", " + e2 + ", " + e3;
            assertTrue(e3 < finestBound[c], label);
            assertTrue(order12 > 1.9 && order23 > 1.9, label + ", orders " + order12 + ", " + order23);
        }
    }

    /**
     * The manufactured problem's fields (thickness, hardness, driving stress, linear drag, free edges) on 13×29 nodes
     * with Δx = 800 m, Δy = 350 m, and the same problem rotated by 90° (counter-clockwise) on the transposed grid,
     * 29×13 nodes with Δx = 350 m, Δy = 800 m: node (i, j) goes to (ny − 1 − j, i), vectors (a, b) to (−b, a). The
     * rotated solve must give the rotated velocity (to the solver tolerance). Any length scaled along the wrong axis
     * breaks this: the two solves see different cell shapes at every node. Measured: they agree to 5.7e-12 m/a
     * (max speed 137 m/a).
     */
    @Test
    void rotatedProblemOnTheTransposedGridGivesTheRotatedAnswer() {
        int nx = 13;
        int ny = 29;
        double dx = 800;
        double dy = 350;
        int n = nx * ny;
        double[] h = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        double[] b = new double[n];
        double[] beta = new double[n];
        double[] rh = new double[n];
        double[] rtx = new double[n];
        double[] rty = new double[n];
        double[] rb = new double[n];
        double[] rbeta = new double[n];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                int r = i * ny + (ny - 1 - j);
                double x = i * dx;
                double y = j * dy;
                h[k] = thickness(x, y);
                double[] t = driving(x, y);
                tx[k] = t[0];
                ty[k] = t[1];
                b[k] = hardness(x, y);
                beta[k] = BETA_SQUARED * (1 + 0.5 * Math.sin(K * (x + 2 * y)));
                rh[r] = h[k];
                rtx[r] = -ty[k];
                rty[r] = tx[k];
                rb[r] = b[k];
                rbeta[r] = beta[k];
            }
        }
        ShallowShelfFlow.Options options = ShallowShelfFlow.Options.defaults().withTolerance(1e-11)
                .withLinearTolerance(1e-11);
        ShallowShelfFlow.Solution s = new ShallowShelfFlow(options).solve(Grid2D.of(nx, ny, dx), dy, h, tx, ty, b,
                new LinearSliding(beta), ShallowShelfFlow.Boundary.none());
        ShallowShelfFlow.Solution rs = new ShallowShelfFlow(options).solve(Grid2D.of(ny, nx, dy), dx, rh, rtx, rty,
                rb, new LinearSliding(rbeta), ShallowShelfFlow.Boundary.none());
        assertTrue(s.report().converged() && rs.report().converged(), s.report() + " / " + rs.report());
        double worst = 0;
        double scale = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                int r = i * ny + (ny - 1 - j);
                worst = Math.max(worst, Math.hypot(rs.u()[r] + s.v()[k], rs.v()[r] - s.u()[k]));
                scale = Math.max(scale, Math.hypot(s.u()[k], s.v()[k]));
            }
        }
        assertTrue(scale > 10, "the problem flows: max speed " + scale);
        assertTrue(worst < 1e-9 * scale, "rotated answer differs by " + worst + " m/a (max speed " + scale + ")");
    }
}
