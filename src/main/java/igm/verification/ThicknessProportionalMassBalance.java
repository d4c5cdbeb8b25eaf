package igm.verification;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.massbalance.MassBalanceModel;

/**
 * The accumulation M = λH/t of Bueler et al. (2005) test C: proportional to the ice thickness H (m) and inversely
 * to the time t (years, t > 0), zero where there is no ice. It makes the similarity solution {@link SiaDomeSolution}
 * with the same λ exact.
 */
public final class ThicknessProportionalMassBalance implements MassBalanceModel {

    private final double lambda;

    /** @param lambda λ, dimensionless */
    public ThicknessProportionalMassBalance(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "lambda-h-over-t";
    }

    /**
     * Writes M = λH/t, m ice eq. a⁻¹.
     *
     * @throws InputException when t ≤ 0 (the accumulation is singular at t = 0)
     */
    @Override
    public void compute(double timeYears, Grid2D grid, double[] surface, double[] thickness, double[] smb) {
        if (!(timeYears > 0)) {
            throw new InputException("the accumulation λH/t needs a time t > 0 years, got " + timeYears);
        }
        double f = lambda / timeYears;
        for (int k = 0; k < grid.size(); k++) {
            smb[k] = f * thickness[k];
        }
    }
}
