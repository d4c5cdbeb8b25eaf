package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.SolverReport;
import igm.physics.iceflow.WeertmanSliding;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A physics-informed network warmed up on a parallel-sided slab (periodic, inclined plane; the first-order exact
 * solution of {@link SlabVerificationTest}) reproduces the exact slab velocity at every node within 1 % of the surface
 * speed, with and without sliding, and its energy approaches the converged solver's.
 */
@Tag("verification")
class PhysicsInformedSlabTest {

    private static final double SLOPE = Math.tan(Math.toRadians(3));
    private static final double H = 500;
    private static final double A = 100;
    private static final int LEVELS = 17;

    /**
     * The exact first-order slab velocity at height ζ above the bed with Weertman sliding u_b = c τ_b³ (c in
     * km MPa⁻³ a⁻¹, τ_b = ρg t H).
     */
    static double exact(double zeta, double c) {
        double tau = igm.physics.PhysicalConstants.ICE_WEIGHT_MPA_PER_M * SLOPE;
        double basalStress = tau * H;
        double basal = c * 1e3 * basalStress * basalStress * basalStress;
        return basal + 2 * A * tau * tau * tau / (4 * Math.pow(1 + 4 * SLOPE * SLOPE, 2))
                * (Math.pow(H, 4) - Math.pow(H - zeta, 4));
    }

    @Test
    void warmedUpOnANoSlipSlab() {
        check(0);
    }

    @Test
    void warmedUpOnASlidingSlab() {
        check(2);
    }

    private static void check(double c) {
        Grid2D g = Grid2D.of(4, 4, 1000);
        int n = g.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        double[] a = new double[n];
        double[] coefficient = new double[n];
        Arrays.fill(h, H);
        Arrays.fill(a, A);
        Arrays.fill(coefficient, c);
        BlatterProblem p = new BlatterProblem(g, bed, h, a, new WeertmanSliding(coefficient), true, -SLOPE, 0);
        BlatterOptions o = BlatterOptions.defaults().withLevels(LEVELS).withThreads(1);
        double surface = exact(H, c);
        PhysicsInformedNetwork net = PhysicsInformedNetwork.initialise(3, 16, 3, new double[] {500, 0.1, 0.1, 100, 25},
                100, o, 3);
        double[] zeta = o.levelHeights();
        try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(net, 1, 0, 1e-3)) {
            double first = Double.NaN;
            double last = Double.NaN;
            for (int iteration = 0; iteration < 1500; iteration++) {
                double rate = iteration < 1000 ? 1e-2 : 1e-3;
                last = trainer.step(List.of(p), rate);
                if (iteration == 0) {
                    first = last;
                }
            }
            BlatterSolution s = net.velocity(trainer.engine(), p, new SolverReport(1500, 1500, 0, true, false, 0,
                    "warm-up"));
            BlatterSolution solver = new BlatterPattynFlow(o.withTolerance(1e-9)).solve(p);
            double worst = 0;
            double worstSolver = 0;
            for (int col = 0; col < n; col++) {
                for (int k = 0; k < LEVELS; k++) {
                    double ex = exact(H * zeta[k], c);
                    worst = Math.max(worst, Math.hypot(s.u()[col * LEVELS + k] - ex, s.v()[col * LEVELS + k]));
                    worstSolver = Math.max(worstSolver, Math.abs(solver.u()[col * LEVELS + k] - ex));
                }
            }
            double energy = trainer.loss(net.inputs(List.of(p)), net.loss(List.of(p), 1));
            double solverEnergy = new BlatterOperator(p, o).energyPerArea(solver.u(), solver.v());
            System.out.printf(Locale.ROOT, "slab c=%g: surface speed %.3f m/a exact, %.3f network; largest error"
                    + " %.3e of the surface speed (converged solver %.3e); energy per area %.6g → %.6g, solver"
                    + " %.6g MPa m/a%n", c, surface, s.u()[LEVELS - 1], worst / surface, worstSolver / surface,
                    first, energy, solverEnergy);
            assertTrue(worst < 0.01 * surface, "largest error " + worst + " m/a, surface speed " + surface);
            assertTrue(energy - solverEnergy < 1e-3 * Math.abs(solverEnergy), "energy " + energy + " against "
                    + solverEnergy);
        }
    }
}
