package igm.physics.massbalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;

import java.util.List;

class ElaMassBalanceTest {

    private static final Grid2D GRID = Grid2D.of(5, 1, 100);
    private static final double[] SURFACE = {2000, 2900, 3000, 3100, 3500};

    @Test
    void defaultsAtHandComputedPoints() {
        ElaMassBalance ela = ElaMassBalance.withDefaults(3000);
        assertEquals("ela", ela.name());
        double[] smb = new double[5];
        ela.compute(2020, GRID, SURFACE, new double[5], smb);
        assertEquals(-9.0, smb[0], 1e-12);        // 0.009 · (2000 − 3000)
        assertEquals(-0.9, smb[1], 1e-12);        // 0.009 · (−100)
        assertEquals(0.0, smb[2], 0.0);
        assertEquals(0.5, smb[3], 1e-12);         // 0.005 · 100
        assertEquals(2.0, smb[4], 0.0);           // min(0.005 · 500, 2)
    }

    @Test
    void parametersInterpolatedInTime() {
        TimeTable table = new TimeTable(ElaMassBalance.COLUMNS, new double[][] {
            {1900, 2800, 0.008, 0.004, 1.0},
            {2000, 3200, 0.010, 0.006, 3.0}});
        ElaMassBalance ela = new ElaMassBalance(table);
        double[] smb = new double[5];
        ela.compute(1950, GRID, SURFACE, new double[5], smb);   // ELA 3000, 0.009, 0.005, max 2
        assertEquals(-9.0, smb[0], 1e-12);
        assertEquals(0.5, smb[3], 1e-12);
        assertEquals(2.0, smb[4], 1e-12);
        ela.compute(1800, GRID, SURFACE, new double[5], smb);   // held at the first row
        assertEquals(1.0, smb[4], 1e-12);            // min(0.004 · 700, 1)
        assertEquals(0.008 * -800, smb[0], 1e-12);
        ela.compute(2100, GRID, SURFACE, new double[5], smb);   // held at the last row
        assertEquals(0.010 * -100, smb[3], 1e-12);
        assertEquals(0.006 * 300, smb[4], 1e-12);
    }

    @Test
    void maskAllowsAccumulationOnlyInside() {
        double[] mask = {1, 0, 0, 0, 1};
        ElaMassBalance ela = new ElaMassBalance(TimeTable.constant(ElaMassBalance.COLUMNS, 0, 3000, 0.009, 0.005,
                2), mask);
        double[] smb = new double[5];
        ela.compute(0, GRID, SURFACE, new double[5], smb);
        assertEquals(-9.0, smb[0], 1e-12);
        assertEquals(-0.9, smb[1], 1e-12);
        assertEquals(0.0, smb[3]);
        assertEquals(2.0, smb[4]);
        mask[4] = 0;
        ela.compute(0, GRID, SURFACE, new double[5], smb);
        assertEquals(2.0, smb[4], "the mask is copied");
        assertThrows(InputException.class, () -> new ElaMassBalance(TimeTable.constant(ElaMassBalance.COLUMNS, 0,
                3000, 0.009, 0.005, 2), new double[3]).compute(0, GRID, SURFACE, new double[5], new double[5]));
    }

    @Test
    void rejectsBadTables() {
        InputException e = assertThrows(InputException.class, () -> new ElaMassBalance(
                TimeTable.constant(List.of("time", "ela", "gradabl", "gradacc"), 0, 1, 2, 3)));
        assertTrue(e.getMessage().contains("maxacc"), e.getMessage());
        e = assertThrows(InputException.class, () -> ElaMassBalance.constant(3000, -0.009, 0.005, 2));
        assertTrue(e.getMessage().contains("gradabl") && e.getMessage().contains("-0.009"), e.getMessage());
    }
}
