package igm.physics.massbalance;

import igm.grid.Grid2D;
import igm.physics.TimeStepLimit;

/** A surface mass balance model: the SMB of every cell at a time, m of ice equivalent per year. */
public interface MassBalanceModel {

    /** Short name, as written in the parameters ({@code smb.method}). */
    String name();

    /**
     * Writes the surface mass balance at {@code timeYears} into {@code smb}.
     *
     * @param timeYears time, calendar years (e.g. 2050.5)
     * @param grid      the grid
     * @param surface   upper surface elevation, m a.s.l., {@code grid.size()} entries
     * @param thickness ice thickness, m
     * @param smb       output, m ice eq. a⁻¹, {@code grid.size()} entries
     */
    void compute(double timeYears, Grid2D grid, double[] surface, double[] thickness, double[] smb);

    /** The largest stable step this model allows at {@code timeYears}: none (the SMB is a source term). */
    default TimeStepLimit maxTimeStep(double timeYears) {
        return TimeStepLimit.none("mass balance");
    }
}
