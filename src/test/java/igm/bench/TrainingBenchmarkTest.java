package igm.bench;

import igm.emulator.training.Architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Smoke test of the benchmark harness; no assertion on timings. */
class TrainingBenchmarkTest {

    @Test
    void reportsConsistentFigures() {
        Architecture architecture = Architecture.of(5, 6, 2, 8, 3);
        TrainingBenchmark.Result r = TrainingBenchmark.run(architecture, 3, 9, 7, 2, 1, 3);
        assertEquals(3 * architecture.flopsPerCell() * 9 * 7 * 3, r.flopsPerStep());
        assertTrue(r.minMs() <= r.medianMs() && r.medianMs() <= r.maxMs());
        assertEquals(3 / (r.medianMs() * 1e-3), r.samplesPerSecond(), 1e-9 * r.samplesPerSecond());
        assertTrue(r.medianGflops() > 0 && r.bestGflops() >= r.medianGflops());
        assertThrows(IllegalArgumentException.class, () -> TrainingBenchmark.run(architecture, 3, 9, 7, 2, 1, 0));
        System.out.println(r);
    }
}
