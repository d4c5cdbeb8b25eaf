package igm.physics;

import igm.grid.Grid2D;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.transport.MassBudget;
import igm.physics.transport.ThicknessTransport;

/** One coupled SIA + thickness-transport run of test B from t0 for a given duration, and its errors. */
record HalfarRun(double dx, int nx, int steps, double seconds, double volumeError, double domeError,
                 double maxThicknessError, double meanThicknessError, double marginRadiusNumerical,
                 double marginRadiusExact, MassBudget budget) {

    /**
     * @param dx           cell size, m
     * @param halfWidth    half-width of the square domain, m (centred on the dome, which sits on a cell centre)
     * @param durationYears run length after t0, years
     * @param safetyFactor SIA time-step safety factor
     */
    static HalfarRun run(HalfarSolution exact, double dx, double halfWidth, double durationYears,
                         double safetyFactor) {
        long start = System.nanoTime();
        int m = (int) Math.round(halfWidth / dx);
        int nx = 2 * m + 1;
        Grid2D grid = new Grid2D(nx, nx, dx, -m * dx, -m * dx);
        int n = grid.size();
        double[] h = new double[n];
        double t0 = exact.t0;
        for (int j = 0; j < nx; j++) {
            for (int i = 0; i < nx; i++) {
                h[grid.index(i, j)] = exact.thickness(Math.hypot(grid.x(i), grid.y(j)), t0);
            }
        }
        double rateFactorMpa = 1e-16 / PhysicalConstants.PA3_PER_MPA3;
        double[] a = new double[n];
        java.util.Arrays.fill(a, rateFactorMpa);
        double[] c = new double[n];
        ShallowIceFlow sia = new ShallowIceFlow(safetyFactor);
        ThicknessTransport transport = new ThicknessTransport(grid, ThicknessTransport.DEFAULT_CFL_NUMBER,
                Double.POSITIVE_INFINITY);
        MassBudget budget = new MassBudget();
        double t = t0;
        double tEnd = t0 + durationYears;
        int steps = 0;
        while (t < tEnd) {
            IceFlowResult flow = sia.solve(new IceFlowInput(grid, h, h, c, a));
            double dt = transport.stableTimeStep(flow);
            boolean last = t + dt >= tEnd;
            if (last) {
                dt = tEnd - t;
            }
            budget.add(transport.step(h, flow, null, dt));
            t = last ? tEnd : t + dt;
            steps++;
        }
        double volume = 0;
        double maxError = 0;
        double sumError = 0;
        int iceCells = 0;
        double margin = 0;
        for (int j = 0; j < nx; j++) {
            for (int i = 0; i < nx; i++) {
                int k = grid.index(i, j);
                double r = Math.hypot(grid.x(i), grid.y(j));
                double hExact = exact.thickness(r, tEnd);
                volume += h[k] * grid.cellArea();
                double e = Math.abs(h[k] - hExact);
                maxError = Math.max(maxError, e);
                if (h[k] > 0 || hExact > 0) {
                    sumError += e;
                    iceCells++;
                }
                if (h[k] > 0) {
                    margin = Math.max(margin, r);
                }
            }
        }
        double vExact = exact.volume();
        double dome = h[grid.index(m, m)];
        double hDome = exact.domeHeight(tEnd);
        return new HalfarRun(dx, nx, steps, (System.nanoTime() - start) * 1e-9, Math.abs(volume - vExact) / vExact,
                Math.abs(dome - hDome) / hDome, maxError, sumError / Math.max(iceCells, 1), margin,
                exact.marginRadius(tEnd), budget);
    }
}
