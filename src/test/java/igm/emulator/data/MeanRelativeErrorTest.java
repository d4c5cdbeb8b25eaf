package igm.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mean of per-cell ratios against hand-computed values, and how it differs from the ratio of sums. */
class MeanRelativeErrorTest {

    @Test
    void meanOfPerCellRatiosOverTheCellsAboveTheThreshold() {
        double[] uRef = {100, 0, 20, 5};
        double[] vRef = {0, -20, 0, 4};
        double[] u = {90, 0, 30, 50};
        double[] v = {0, -20, 10, 50};
        MeanRelativeError m = new MeanRelativeError().add(uRef, vRef, u, v);
        // cell 3 (|u|₁ = 9 m/a) is below the threshold; cells 0, 1, 2: 10/100, 0/20, 20/20
        assertEquals(3, m.cells());
        assertEquals((0.1 + 0 + 1.0) / 3, m.value(), 1e-15);
        Fidelity sums = new Fidelity().add(uRef, vRef, u, v);
        assertEquals(30.0 / 140.0, sums.relativeL1(), 1e-15, "the ratio of sums weighs the fast cell most");
        assertEquals(30.0 / 140.0, m.ratioOfSums(), 1e-15, "the same ratio of sums over the same cells");
        assertEquals(30.0 / 6, m.l1(), 1e-15, "mean |Δ|₁/2 per component");
        MeanRelativeError twice = new MeanRelativeError().add(m).add(m);
        assertEquals(m.value(), twice.value(), 1e-15);
        assertEquals(6, twice.cells());
        assertTrue(Double.isNaN(new MeanRelativeError().value()));
    }
}
