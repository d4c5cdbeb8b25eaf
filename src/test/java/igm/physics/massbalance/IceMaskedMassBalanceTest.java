package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import igm.InputException;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;

class IceMaskedMassBalanceTest {

    @Test
    void outsideTheMaskIceMeltsButNeverAccumulates() {
        Grid2D grid = Grid2D.of(4, 1, 100);
        MassBalanceModel ela = ElaMassBalance.withDefaults(3000);
        IceMaskedMassBalance masked = new IceMaskedMassBalance(ela, new double[] {1, 0, 1, 0});
        double[] surface = {2500, 2500, 3200, 3200};
        double[] smb = new double[4];
        masked.compute(2000, grid, surface, new double[4], smb);
        assertArrayEquals(new double[] {-4.5, -4.5, 1.0, 0.0}, smb, 1e-12);
        assertEquals("ela", masked.name());
        assertThrows(InputException.class, () -> masked.compute(2000, Grid2D.of(3, 1, 100), new double[3],
                new double[3], new double[3]));
    }
}
