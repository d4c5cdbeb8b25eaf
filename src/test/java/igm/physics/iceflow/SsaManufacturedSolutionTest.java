package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A manufactured solution of the full 2D SSA with Glen's law: smooth velocity, thickness and hardness fields on a
 * 10 km square, the driving stress that makes them a solution (all membrane terms: u_x, v_y, the cross terms and the
 * shear, with the regularised viscosity), linear drag, and the exact velocity on the boundary nodes. The discrete
 * solution must converge to it at second order.
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

    /** Max |u_h − u| over the nodes relative to max |u|, on (cells × cells) nodes. */
    private static double error(int nodes) {
        double dx = L / (nodes - 1);
        Grid2D grid = Grid2D.of(nodes, nodes, dx);
        int n = grid.size();
        double[] h = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        double[] b = new double[n];
        double[] beta = new double[n];
        boolean[] given = new boolean[n];
        double[] gu = new double[n];
        double[] gv = new double[n];
        for (int j = 0; j < nodes; j++) {
            for (int i = 0; i < nodes; i++) {
                int k = grid.index(i, j);
                double x = grid.x(i);
                double y = grid.y(j);
                h[k] = thickness(x, y);
                double[] t = driving(x, y);
                tx[k] = t[0];
                ty[k] = t[1];
                b[k] = hardness(x, y);
                beta[k] = BETA_SQUARED;
                if (i == 0 || j == 0 || i == nodes - 1 || j == nodes - 1) {
                    given[k] = true;
                    gu[k] = u(x, y);
                    gv[k] = v(x, y);
                }
            }
        }
        ShallowShelfFlow ssa = new ShallowShelfFlow(ShallowShelfFlow.Options.defaults().withTolerance(1e-11)
                .withLinearTolerance(1e-11));
        ShallowShelfFlow.Solution s = ssa.solve(grid, h, tx, ty, b, new LinearSliding(beta),
                new ShallowShelfFlow.Boundary(false, given, gu, gv));
        assertTrue(s.report().converged(), s.report().toString());
        double worst = 0;
        double scale = 0;
        for (int j = 0; j < nodes; j++) {
            for (int i = 0; i < nodes; i++) {
                int k = grid.index(i, j);
                double eu = s.u()[k] - u(grid.x(i), grid.y(j));
                double ev = s.v()[k] - v(grid.x(i), grid.y(j));
                worst = Math.max(worst, Math.hypot(eu, ev));
                scale = Math.max(scale, Math.hypot(u(grid.x(i), grid.y(j)), v(grid.x(i), grid.y(j))));
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
}
