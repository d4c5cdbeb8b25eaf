package igm.physics.massbalance;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.Restartable;

/**
 * Any mass-balance model limited by an ice mask (IGM's way of keeping a glacier in its catchment): outside the mask
 * (value ≤ 0.5) the SMB is min(SMB, 0), so ice may melt there but never accumulate; inside it is unchanged. The
 * {@link ElaMassBalance} applies the same rule itself.
 */
public final class IceMaskedMassBalance implements MassBalanceModel, Restartable.Wrapper {

    private final MassBalanceModel model;
    private final double[] iceMask;

    /**
     * @param model   the model whose SMB is limited
     * @param iceMask the mask, one value per cell; copied
     */
    public IceMaskedMassBalance(MassBalanceModel model, double[] iceMask) {
        this.model = model;
        this.iceMask = iceMask.clone();
    }

    /** The limited model. */
    public MassBalanceModel model() {
        return model;
    }

    @Override
    public String name() {
        return model.name();
    }

    /** @throws InputException when the mask has another size than the grid */
    @Override
    public void compute(double timeYears, Grid2D grid, double[] surface, double[] thickness, double[] smb) {
        if (iceMask.length != grid.size()) {
            throw new InputException("ice mask has " + iceMask.length + " cells but the grid " + grid + " has "
                    + grid.size());
        }
        model.compute(timeYears, grid, surface, thickness, smb);
        for (int k = 0; k < smb.length; k++) {
            if (!(iceMask[k] > 0.5) && smb[k] > 0) {
                smb[k] = 0;
            }
        }
    }
}
