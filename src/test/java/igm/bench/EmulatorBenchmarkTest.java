package igm.bench;

import igm.emulator.ConvNet;
import igm.emulator.ConvNetTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Smoke test of the benchmark harness; no assertion on timings. */
class EmulatorBenchmarkTest {

    @Test
    void reportsConsistentFigures() {
        try (ConvNet net = ConvNetTest.randomNet(1, 5, 2, 3, 8, 6, 1)) {
            EmulatorBenchmark.Result r = EmulatorBenchmark.run(net, 13, 11, 2, 1, 3);
            assertEquals(net.flops(13, 11), r.flopsPerCall());
            assertTrue(r.minMs() <= r.medianMs() && r.medianMs() <= r.maxMs());
            assertTrue(r.medianGflops() > 0);
            boolean[] mask = new boolean[13 * 11];
            mask[5 * 13 + 6] = true;
            EmulatorBenchmark.Result masked = EmulatorBenchmark.run(net, 13, 11, mask, 1, 0, 1);
            assertTrue(masked.flopsPerCall() < r.flopsPerCall());
            System.out.println(r);
        }
    }
}
