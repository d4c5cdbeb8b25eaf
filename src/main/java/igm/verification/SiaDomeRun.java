package igm.verification;

import java.util.Arrays;

import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.transport.MassBudget;
import igm.physics.transport.ThicknessTransport;

/**
 * One coupled SIA ({@link ShallowIceFlow}) and thickness-transport ({@link ThicknessTransport}) run of a
 * {@link SiaDomeSolution}, started from the exact thickness at {@code tStart} and compared with it at {@code tEnd},
 * with the accumulation λH/t of the solution ({@link ThicknessProportionalMassBalance}, evaluated at the start of each
 * step) when λ > 0. The square domain is centred on the dome, which sits on a cell centre; no sliding, A of the
 * solution.
 *
 * @param dx                    cell size, m
 * @param nx                    cells along each side
 * @param steps                 time steps taken
 * @param seconds               wall-clock time of the run, s
 * @param volumeError           |V − V_exact| / V_exact at the end
 * @param growthError           |(V_end/V_start) / (V_exact(tEnd)/V_exact(tStart)) − 1|: the error of the volume
 *                              change alone, without the sampling error of the initial state (for λ = 0 only
 *                              rounding, outflow and clipping)
 * @param domeError             |H(0) − H_exact(0)| / H_exact(0) at the end
 * @param maxThicknessError     max |H − H_exact|, m
 * @param meanThicknessError    mean |H − H_exact| over the cells where either is non-zero, m
 * @param marginRadiusNumerical distance from the dome to the farthest ice cell centre, m
 * @param marginRadiusExact     the exact margin radius at the end, m
 * @param budget                the mass budget of the run (SMB, outflow, clipping, residual)
 */
public record SiaDomeRun(double dx, int nx, int steps, double seconds, double volumeError, double growthError,
                         double domeError,
                         double maxThicknessError, double meanThicknessError, double marginRadiusNumerical,
                         double marginRadiusExact, MassBudget budget) {

    /**
     * Runs the case with the default SIA safety factor.
     *
     * @param exact     the solution (its λ sets the accumulation)
     * @param dx        cell size, m
     * @param halfWidth half-width of the square domain, m (rounded to a whole number of cells)
     * @param tStart    start time, years (> 0)
     * @param tEnd      end time, years (> tStart)
     */
    public static SiaDomeRun run(SiaDomeSolution exact, double dx, double halfWidth, double tStart, double tEnd) {
        return run(exact, dx, halfWidth, tStart, tEnd, ShallowIceFlow.DEFAULT_SAFETY_FACTOR);
    }

    /** As {@link #run(SiaDomeSolution, double, double, double, double)} with an SIA time-step safety factor. */
    public static SiaDomeRun run(SiaDomeSolution exact, double dx, double halfWidth, double tStart, double tEnd,
                                 double safetyFactor) {
        if (!(tStart > 0 && tEnd > tStart && dx > 0 && halfWidth >= dx)) {
            throw new IllegalArgumentException("expected 0 < tStart < tEnd and 0 < dx ≤ halfWidth, got tStart = "
                    + tStart + ", tEnd = " + tEnd + ", dx = " + dx + ", halfWidth = " + halfWidth);
        }
        long start = System.nanoTime();
        int m = (int) Math.round(halfWidth / dx);
        int nx = 2 * m + 1;
        Grid2D grid = new Grid2D(nx, nx, dx, -m * dx, -m * dx);
        int n = grid.size();
        double[] h = new double[n];
        for (int j = 0; j < nx; j++) {
            for (int i = 0; i < nx; i++) {
                h[grid.index(i, j)] = exact.thickness(Math.hypot(grid.x(i), grid.y(j)), tStart);
            }
        }
        double[] a = new double[n];
        Arrays.fill(a, exact.rateFactorPa3() / PhysicalConstants.PA3_PER_MPA3);
        double[] c = new double[n];
        ShallowIceFlow sia = new ShallowIceFlow(safetyFactor);
        ThicknessTransport transport = new ThicknessTransport(grid, ThicknessTransport.DEFAULT_CFL_NUMBER,
                Double.POSITIVE_INFINITY);
        ThicknessProportionalMassBalance accumulation = exact.lambda() > 0
                ? new ThicknessProportionalMassBalance(exact.lambda()) : null;
        double[] smb = accumulation == null ? null : new double[n];
        MassBudget budget = new MassBudget();
        double t = tStart;
        int steps = 0;
        while (t < tEnd) {
            IceFlowResult flow = sia.solve(new IceFlowInput(grid, h, h, c, a));
            double dt = transport.stableTimeStep(flow);
            boolean last = t + dt >= tEnd;
            if (last) {
                dt = tEnd - t;
            }
            if (accumulation != null) {
                accumulation.compute(t, grid, h, h, smb);
            }
            budget.add(transport.step(h, flow, smb, dt));
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
        double vExact = exact.volume(tEnd);
        double dome = h[grid.index(m, m)];
        double hDome = exact.domeHeight(tEnd);
        double growth = (volume / budget.initialVolume()) / (vExact / exact.volume(tStart));
        return new SiaDomeRun(dx, nx, steps, (System.nanoTime() - start) * 1e-9, Math.abs(volume - vExact) / vExact,
                Math.abs(growth - 1),
                Math.abs(dome - hDome) / hDome, maxError, sumError / Math.max(iceCells, 1), margin,
                exact.marginRadius(tEnd), budget);
    }
}
