package igm.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mean of per-cell ratios against hand-computed values, and how it differs from the ratio of sums. */
class MeanRelativeL1Test {

    @Test
    void meanOfPerCellRatiosOverTheCellsAboveTheThreshold() {
        double[] uRef = {100, 0, 20, 5};
        double[] vRef = {0, -20, 0, 4};
        double[] u = {90, 0, 30, 50};
        double[] v = {0, -20, 10, 50};
        MeanRelativeL1 m = new MeanRelativeL1().add(uRef, vRef, u, v);
        // cell 3 (|u|₁ = 9 m/a) is below the threshold; cells 0, 1, 2: 10/100, 0/20, 20/20
        assertEquals(3, m.cells());
        assertEquals((0.1 + 0 + 1.0) / 3, m.value(), 1e-15);
        Fidelity sums = new Fidelity().add(uRef, vRef, u, v);
        assertEquals(30.0 / 140.0, sums.relativeL1(), 1e-15, "the ratio of sums weighs the fast cell most");
        MeanRelativeL1 twice = new MeanRelativeL1().add(m).add(m);
        assertEquals(m.value(), twice.value(), 1e-15);
        assertEquals(6, twice.cells());
        assertTrue(Double.isNaN(new MeanRelativeL1().value()));
    }
}
