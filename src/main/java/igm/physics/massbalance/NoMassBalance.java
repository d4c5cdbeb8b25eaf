package igm.physics.massbalance;

import igm.grid.Grid2D;

import java.util.Arrays;

/** No surface mass balance ({@code smb.method: none}): SMB = 0 everywhere, for pure ice-dynamics runs. */
public final class NoMassBalance implements MassBalanceModel {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void compute(double timeYears, Grid2D grid, double[] surface, double[] thickness, double[] smb) {
        Arrays.fill(smb, 0.0);
    }
}
