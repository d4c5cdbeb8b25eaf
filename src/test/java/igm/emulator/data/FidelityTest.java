package igm.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void countsOnlyCellsFasterThanTheThresholdAndAccumulates() {
        double[] u = {100, 0, 5, -30};
        double[] v = {0, 20, 5, 40};
        double[] ue = {90, 0, 50, -30};
        double[] ve = {0, 22, 50, 30};
        Fidelity f = new Fidelity().add(u, v, ue, ve);
        // cells 0 (100), 1 (20), 3 (50) count; cell 2 (7.07 m/a) does not
        assertEquals(3, f.cells());
        assertEquals((10 + 2 + 10) / 6.0, f.l1(), 1e-12);
        assertEquals(22.0 / (100 + 20 + 70), f.relativeL1(), 1e-12);
        Fidelity g = new Fidelity().add(new double[] {50}, new double[] {0}, new double[] {60}, new double[] {0});
        f.add(g);
        assertEquals(4, f.cells());
        assertEquals(32.0 / 240, f.relativeL1(), 1e-12);
        assertTrue(Double.isNaN(new Fidelity().relativeL1()));
    }
}
