package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import igm.InputException;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;

import java.util.List;

class PaleoElaTest {

    @Test
    void elaFollowsTheTemperatureAnomaly() {
        // ΔT: −6 K at −20 ka, −1 K at −10 ka, 0 at 0; ELA = 2900 + 120·ΔT
        TimeTable dT = new TimeTable(ElaMassBalance.PALEO_COLUMNS,
                new double[][] {{-20000, -6}, {-10000, -1}, {0, 0}});
        ElaMassBalance paleo = ElaMassBalance.followingTemperature(dT, 2900, 120, 0.009, 0.005, 2.0, null);
        Grid2D grid = Grid2D.of(3, 1, 100);
        double[] surface = {1500, 2300, 3000};
        double[] smb = new double[3];
        paleo.compute(-15000, grid, surface, new double[3], smb);   // ΔT = −3.5 → ELA = 2480
        assertEquals(0.009 * (1500 - 2480), smb[0], 1e-12);
        assertEquals(0.009 * (2300 - 2480), smb[1], 1e-12);
        assertEquals(Math.min(0.005 * (3000 - 2480), 2.0), smb[2], 1e-12);
        paleo.compute(-30000, grid, surface, new double[3], smb);   // held at −6 K → ELA = 2180
        assertEquals(0.005 * (2300 - 2180), smb[1], 1e-12);
        assertEquals(2900 - 120 * 1, paleo.table().value("ela", -10000), 1e-12);
        assertThrows(InputException.class, () -> ElaMassBalance.followingTemperature(
                TimeTable.constant(List.of("time", "temp"), 0, 0), 2900, 100, 0.009, 0.005, 2, null));
        assertThrows(InputException.class, () -> ElaMassBalance.followingTemperature(dT, Double.NaN, 100, 0.009,
                0.005, 2, null));
    }
}
