package igm.physics.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.massbalance.ElaMassBalance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A glacier on a bed sloping down to the east edge, with ELA mass balance: ice accumulates upstream, flows out
 * through the east boundary, and ablation beyond the available ice is clipped. The budget closes at round-off,
 * with the SIA's staggered velocities and with centre velocities averaged to the edges (the emulator's path).
 */
@Tag("verification")
class MassBudgetVerificationTest {

    @ParameterizedTest(name = "staggered velocity from the model: {0}")
    @ValueSource(booleans = {true, false})
    void budgetClosesWithSmbOutflowAndClipping(boolean staggered) {
        Grid2D grid = Grid2D.of(40, 15, 500);
        int n = grid.size();
        double[] bed = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                double across = (j - 7) * 500.0;
                bed[grid.index(i, j)] = 3200 - 0.06 * grid.x(i) + 2e-5 * across * across;
            }
        }
        double[] h = new double[n];
        double[] s = bed.clone();
        double[] smb = new double[n];
        double[] a = ThicknessTransportTest.filled(n, 78);
        double[] c = ThicknessTransportTest.filled(n, 2);
        ElaMassBalance ela = ElaMassBalance.withDefaults(2500);
        ShallowIceFlow sia = new ShallowIceFlow();
        ThicknessTransport transport = new ThicknessTransport(grid, 0.3, 1.0);
        MassBudget budget = new MassBudget();
        double t = 0;
        for (int step = 0; step < 3000; step++) {
            IceFlowResult flow = sia.solve(new IceFlowInput(grid, h, s, c, a));
            if (!staggered) {
                flow = new IceFlowResult(grid, flow.ubar(), flow.vbar(), flow.uSurface(), flow.vSurface(),
                        flow.uBase(), flow.vBase(), null, flow.maxStableTimeStep());
            }
            double dt = transport.stableTimeStep(flow);
            ela.compute(t, grid, s, h, smb);
            StepBudget b = transport.step(h, flow, smb, dt);
            budget.add(b);
            assertTrue(b.residual() <= 1e-9 * (b.volumeBefore() + Math.abs(b.smbVolume()) + b.outflowVolume()
                    + b.clippedVolume() + 1), b.toString());
            for (int k = 0; k < n; k++) {
                s[k] = bed[k] + h[k];
            }
            t += dt;
        }
        System.out.println("mass budget test (staggered " + staggered + "): " + budget);
        assertTrue(budget.outflowVolume() > 0.05 * budget.currentVolume(), budget.toString());
        assertTrue(budget.clippedVolume() > 0, budget.toString());
        assertTrue(budget.smbVolume() != 0, budget.toString());
        assertTrue(budget.relativeResidual() <= 1e-12, budget.toString());
    }
}
