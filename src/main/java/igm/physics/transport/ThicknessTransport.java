package igm.physics.transport;

import igm.InputException;
import igm.SimulationException;
import igm.grid.Grid2D;
import igm.physics.TimeStepLimit;
import igm.physics.iceflow.IceFlowResult;
import igm.parallel.ParallelRows;
import igm.physics.iceflow.StaggeredVelocity;


/**
 * Explicit update of the ice thickness by mass conservation, ∂h/∂t + ∇·(ū h) = SMB, with first-order upwind finite
 * volumes on the staggered grid.
 *
 * <p><b>Scheme.</b> The velocity normal to each cell edge is the flow model's {@link StaggeredVelocity} when it gives
 * one, else the mean of the two adjacent centre velocities (on the domain boundary, the inner cell's velocity).
 * The flux per unit width is q = u_edge · h_upwind; the cells outside the domain hold no ice, so ice can leave
 * through the boundary but none enters. Then
 * <pre>
 *   h ← h + Δt (SMB − (q_e − q_w + q_n − q_s)/Δx),   h ← max(h, 0)
 * </pre>
 * with the ice added by the clipping counted in the {@link StepBudget}. A cell with no ice and no inflow over the
 * step under a negative SMB stays at zero; its ablation is counted apart, as ablation of ice-free ground.
 *
 * <p><b>Time step.</b> {@link #stableTimeStep} = min(C·Δx / max|u_edge|, the flow's
 * {@link IceFlowResult#maxStableTimeStep()} (the SIA diffusive limit), the maximum step). The caller may take a
 * shorter step, e.g. to land on an output time; {@link #step} does not check the step against the limit.
 *
 * <p><b>Use in a time loop:</b>
 * <pre>{@code
 *   ThicknessTransport transport = new ThicknessTransport(grid, 0.3, 1.0);
 *   MassBudget budget = new MassBudget();
 *   while (t < tEnd) {
 *       IceFlowResult flow = iceFlow.solve(new IceFlowInput(grid, h, s, c, a));
 *       double dt = Math.min(transport.stableTimeStep(flow), tEnd - t);
 *       smbModel.compute(t, grid, s, h, smb);
 *       budget.add(transport.step(h, flow, smb, dt));   // h updated in place
 *       t += dt;  // then s = bed + h
 *   }
 * }</pre>
 *
 * <p>An instance keeps work arrays for the fluxes: use one instance per thread. On a large enough grid it splits
 * the rows between up to {@code threads} threads (the caller and the daemon workers of {@link ParallelRows}, started
 * on first use: nothing needs closing). The new thickness is the same, bit for bit,
 * whatever the number of threads, and so is the budget: its sums are taken per row, then over the rows in order.
 */
public final class ThicknessTransport {

    /** Default advective CFL number C. */
    public static final double DEFAULT_CFL_NUMBER = 0.3;

    /** Default largest time step, years (IGM's {@code time_step_max}). */
    public static final double DEFAULT_MAX_TIME_STEP_YEARS = 1.0;

    private final Grid2D grid;
    private final double cflNumber;
    private final double maxTimeStepYears;
    private final double[] uWork;
    private final double[] vWork;
    private final double[] qx;
    private final double[] qy;
    private final int threads;
    /** Per-row partial sums of the budget, combined in row order. */
    private final double[] rowOutflow;
    private final double[] rowVolumeBefore;
    private final double[] rowSmb;
    private final double[] rowClipped;
    private final double[] rowIceFreeAblation;
    private final double[] rowVolumeAfter;

    /** A transport with the default CFL number and maximum step. */
    public ThicknessTransport(Grid2D grid) {
        this(grid, DEFAULT_CFL_NUMBER, DEFAULT_MAX_TIME_STEP_YEARS);
    }

    /** A transport with the given CFL number and the default maximum step. */
    public ThicknessTransport(Grid2D grid, double cflNumber) {
        this(grid, cflNumber, DEFAULT_MAX_TIME_STEP_YEARS);
    }

    /**
     * A transport on a grid.
     *
     * @param grid             the grid of every field passed later
     * @param cflNumber        C of the advective limit Δt ≤ C·Δx/max|u|, in (0, 1]
     * @param maxTimeStepYears largest step, years, positive ({@code Double.POSITIVE_INFINITY} for none)
     * @throws InputException when a parameter is out of range
     */
    public ThicknessTransport(Grid2D grid, double cflNumber, double maxTimeStepYears) {
        this(grid, cflNumber, maxTimeStepYears, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A transport on a grid that uses up to {@code threads} threads per step.
     *
     * @param grid             the grid of every field passed later
     * @param cflNumber        C of the advective limit Δt ≤ C·Δx/max|u|, in (0, 1]
     * @param maxTimeStepYears largest step, years, positive ({@code Double.POSITIVE_INFINITY} for none)
     * @param threads          threads, ≥ 1
     * @throws InputException when a parameter is out of range
     */
    public ThicknessTransport(Grid2D grid, double cflNumber, double maxTimeStepYears, int threads) {
        if (threads < 1) {
            throw new InputException("transport thread count must be at least 1, got " + threads);
        }
        if (!(cflNumber > 0 && cflNumber <= 1)) {
            throw new InputException("CFL number must be in (0, 1], got " + cflNumber);
        }
        if (!(maxTimeStepYears > 0)) {
            throw new InputException("maximum time step must be positive, got " + maxTimeStepYears + " years");
        }
        this.grid = grid;
        this.cflNumber = cflNumber;
        this.maxTimeStepYears = maxTimeStepYears;
        int nx = grid.nx();
        int ny = grid.ny();
        this.uWork = new double[(nx + 1) * ny];
        this.vWork = new double[nx * (ny + 1)];
        this.qx = new double[(nx + 1) * ny];
        this.qy = new double[nx * (ny + 1)];
        this.threads = threads;
        this.rowOutflow = new double[ny];
        this.rowVolumeBefore = new double[ny];
        this.rowSmb = new double[ny];
        this.rowClipped = new double[ny];
        this.rowIceFreeAblation = new double[ny];
        this.rowVolumeAfter = new double[ny];
    }

    /** The largest number of threads a step uses. */
    public int threads() {
        return threads;
    }

    /** The grid. */
    public Grid2D grid() {
        return grid;
    }

    /** The CFL number C. */
    public double cflNumber() {
        return cflNumber;
    }

    /** The largest time step, years. */
    public double maxTimeStepYears() {
        return maxTimeStepYears;
    }

    /** The largest |velocity| normal to an edge, m a⁻¹. */
    public double maxEdgeSpeed(IceFlowResult flow) {
        StaggeredVelocity edges = edgeVelocity(flow);
        return Math.max(maxAbs(edges.uEdge()), maxAbs(edges.vEdge()));
    }

    /**
     * The largest stable step for this velocity field, years: min(C·Δx / max|u_edge|, the flow's
     * {@code maxStableTimeStep}, the maximum step).
     */
    public double stableTimeStep(IceFlowResult flow) {
        return Math.min(Math.min(maxTimeStep(flow).years(), flow.maxStableTimeStep()), maxTimeStepYears);
    }

    /**
     * The advective CFL limit of the thickness update for this velocity field, C·Δx / max|u_edge| years (+∞ where no
     * ice moves), with the reason {@code CFL}.
     */
    public TimeStepLimit maxTimeStep(IceFlowResult flow) {
        double speed = maxEdgeSpeed(flow);
        return new TimeStepLimit(speed > 0 ? cflNumber * grid.dx() / speed : Double.POSITIVE_INFINITY, "CFL");
    }

    /** The largest step of this transport, {@link #maxTimeStepYears()}, with the reason {@code maximum step}. */
    public TimeStepLimit maxStepLimit() {
        return new TimeStepLimit(maxTimeStepYears, "maximum step");
    }

    /**
     * Advances the thickness by one step, in place.
     *
     * @param thickness ice thickness h, m, {@code grid.size()} entries; updated, and ≥ 0 on return
     * @param flow      velocities of the current state (on this grid)
     * @param smb       surface mass balance, m ice eq. a⁻¹, {@code grid.size()} entries, or {@code null} for none
     * @param dtYears   the step, years, finite and ≥ 0
     * @return the volume budget of the step
     * @throws IllegalArgumentException when the arrays or the grid do not match, or the step is invalid
     * @throws SimulationException      when the new thickness is not finite
     */
    public StepBudget step(double[] thickness, IceFlowResult flow, double[] smb, double dtYears) {
        int nx = grid.nx();
        int ny = grid.ny();
        int n = grid.size();
        if (thickness.length != n || (smb != null && smb.length != n)) {
            throw new IllegalArgumentException("thickness and smb must have " + n + " entries");
        }
        if (!(dtYears >= 0) || !Double.isFinite(dtYears)) {
            throw new IllegalArgumentException("time step must be finite and ≥ 0, got " + dtYears);
        }
        StaggeredVelocity edges = edgeVelocity(flow);
        double[] u = edges.uEdge();
        double[] v = edges.vEdge();
        double dx = grid.dx();
        double[] h = thickness;

        ParallelRows team = ParallelRows.shared();
        int chunks = team.chunks(threads, n, ny);

        // Upwind fluxes per unit width, m² a⁻¹; ghost cells outside hold no ice.
        team.run(chunks, chunk -> fluxes(nx, ny, u, v, h, chunk * ny / chunks, (chunk + 1) * ny / chunks));
        double volumeBefore = 0;
        double outflowRate = 0;
        for (int j = 0; j < ny; j++) {
            volumeBefore += rowVolumeBefore[j];
            outflowRate += rowOutflow[j];
        }
        int north = ny * nx;
        for (int i = 0; i < nx; i++) {
            outflowRate += qy[north + i] - qy[i];
        }

        double dtOverDx = dtYears / dx;
        team.run(chunks, chunk -> update(nx, h, smb, dtYears, dtOverDx, chunk * ny / chunks,
                (chunk + 1) * ny / chunks));
        double smbSum = 0;
        double clipped = 0;
        double iceFreeAblation = 0;
        double volumeAfter = 0;
        for (int j = 0; j < ny; j++) {
            smbSum += rowSmb[j];
            clipped += rowClipped[j];
            iceFreeAblation += rowIceFreeAblation[j];
            volumeAfter += rowVolumeAfter[j];
        }
        if (!Double.isFinite(volumeAfter)) {
            throw new SimulationException("ice thickness is not finite after a step of " + dtYears
                    + " years at " + firstNonFinite(h));
        }
        double area = grid.cellArea();
        return new StepBudget(dtYears, volumeBefore * area, volumeAfter * area, smbSum * area,
                outflowRate * dtYears * dx, clipped * area, iceFreeAblation * area);
    }

    /** Fluxes through the x-edges of rows j0 ≤ j < j1 and the y-edges on their south side (and the north boundary). */
    private void fluxes(int nx, int ny, double[] u, double[] v, double[] h, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int row = j * nx;
            int e = j * (nx + 1);
            double before = 0;
            for (int i = 0; i < nx; i++) {
                before += h[row + i];
            }
            rowVolumeBefore[j] = before;
            qx[e] = u[e] < 0 ? u[e] * h[row] : 0;
            for (int i = 1; i < nx; i++) {
                double ue = u[e + i];
                qx[e + i] = ue * (ue > 0 ? h[row + i - 1] : h[row + i]);
            }
            qx[e + nx] = u[e + nx] > 0 ? u[e + nx] * h[row + nx - 1] : 0;
            rowOutflow[j] = qx[e + nx] - qx[e];
            if (j == 0) {
                for (int i = 0; i < nx; i++) {
                    qy[i] = v[i] < 0 ? v[i] * h[i] : 0;
                }
            } else {
                for (int i = 0; i < nx; i++) {
                    double ve = v[row + i];
                    qy[row + i] = ve * (ve > 0 ? h[row - nx + i] : h[row + i]);
                }
            }
            if (j == ny - 1) {
                int north = ny * nx;
                for (int i = 0; i < nx; i++) {
                    qy[north + i] = v[north + i] > 0 ? v[north + i] * h[row + i] : 0;
                }
            }
        }
    }

    /** The thickness update of rows j0 ≤ j < j1, with the per-row budget sums. */
    private void update(int nx, double[] h, double[] smb, double dtYears, double dtOverDx, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int row = j * nx;
            int ex = j * (nx + 1);
            double smbSum = 0;
            double clipped = 0;
            double iceFreeAblation = 0;
            double volumeAfter = 0;
            for (int i = 0; i < nx; i++) {
                int k = row + i;
                double divergence = qx[ex + i + 1] - qx[ex + i] + qy[k + nx] - qy[k];
                double source = smb == null ? 0 : smb[k] * dtYears;
                if (source < 0 && h[k] == 0 && divergence == 0) {
                    // ice-free ground through the whole step: the ablation melts nothing
                    iceFreeAblation += source;
                    h[k] = 0;
                    continue;
                }
                smbSum += source;
                double hNew = h[k] + source - dtOverDx * divergence;
                if (hNew < 0) {
                    clipped -= hNew;
                    hNew = 0;
                }
                h[k] = hNew;
                volumeAfter += hNew;
            }
            rowSmb[j] = smbSum;
            rowClipped[j] = clipped;
            rowIceFreeAblation[j] = iceFreeAblation;
            rowVolumeAfter[j] = volumeAfter;
        }
    }

    private StaggeredVelocity edgeVelocity(IceFlowResult flow) {
        if (!flow.grid().equals(grid)) {
            throw new IllegalArgumentException("velocity grid " + flow.grid() + " differs from " + grid);
        }
        StaggeredVelocity staggered = flow.staggered();
        if (staggered != null) {
            if (staggered.uEdge().length != uWork.length || staggered.vEdge().length != vWork.length) {
                throw new IllegalArgumentException("staggered velocity must have " + uWork.length + " x-edges and "
                        + vWork.length + " y-edges");
            }
            return staggered;
        }
        int nx = grid.nx();
        int ny = grid.ny();
        double[] ub = flow.ubar();
        double[] vb = flow.vbar();
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            int e = j * (nx + 1);
            uWork[e] = ub[row];
            for (int i = 1; i < nx; i++) {
                uWork[e + i] = 0.5 * (ub[row + i - 1] + ub[row + i]);
            }
            uWork[e + nx] = ub[row + nx - 1];
        }
        for (int i = 0; i < nx; i++) {
            vWork[i] = vb[i];
            vWork[ny * nx + i] = vb[(ny - 1) * nx + i];
        }
        for (int j = 1; j < ny; j++) {
            int e = j * nx;
            for (int i = 0; i < nx; i++) {
                vWork[e + i] = 0.5 * (vb[e - nx + i] + vb[e + i]);
            }
        }
        return new StaggeredVelocity(uWork, vWork);
    }

    private String firstNonFinite(double[] h) {
        for (int k = 0; k < h.length; k++) {
            if (!Double.isFinite(h[k])) {
                return "cell (" + (k % grid.nx()) + ", " + (k / grid.nx()) + ")";
            }
        }
        return "an unknown cell";
    }

    /** max |a[k]| (NaN when there is one), with four independent running maxima: the same value as one. */
    private static double maxAbs(double[] a) {
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        int k = 0;
        for (; k + 3 < a.length; k += 4) {
            m0 = Math.max(m0, Math.abs(a[k]));
            m1 = Math.max(m1, Math.abs(a[k + 1]));
            m2 = Math.max(m2, Math.abs(a[k + 2]));
            m3 = Math.max(m3, Math.abs(a[k + 3]));
        }
        for (; k < a.length; k++) {
            m0 = Math.max(m0, Math.abs(a[k]));
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }
}
