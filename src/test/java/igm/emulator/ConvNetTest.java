package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class ConvNetTest {

    /** A network of nLay k×k convolutions with nFeat filters and LeakyReLU, then a 1×1 to cout, random weights. */
    public static ConvNet randomNet(long seed, int cin, int nLay, int k, int nFeat, int cout, int threads) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ConvLayer> layers = new ArrayList<>();
        int c = cin;
        for (int l = 0; l < nLay; l++) {
            layers.add(randomLayer(random, k, c, nFeat, true));
            c = nFeat;
        }
        layers.add(randomLayer(random, 1, c, cout, false));
        return new ConvNet(layers, 0.01, threads);
    }

    private static ConvLayer randomLayer(SplittableRandom random, int k, int cin, int cout, boolean leaky) {
        float[] w = new float[k * k * cin * cout];
        double scale = Math.sqrt(2.0 / (k * k * cin));
        for (int t = 0; t < w.length; t++) {
            w[t] = (float) (random.nextDouble(-1, 1) * scale * 1.7);
        }
        float[] b = new float[cout];
        for (int t = 0; t < cout; t++) {
            b[t] = (float) random.nextDouble(-0.1, 0.1);
        }
        return new ConvLayer(k, cin, cout, w, b, leaky);
    }

    static float[] randomInput(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int t = 0; t < n; t++) {
            x[t] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}×{1}, cin {2}, {3} layers {4}×{4}, {5} filters, cout {6}, {7} thread(s)")
    @CsvSource({
            "1, 1, 5, 3, 3, 7, 6, 1",
            "1, 1, 5, 3, 3, 20, 6, 2",
            "3, 5, 5, 3, 3, 7, 6, 2",
            "3, 5, 2, 3, 5, 20, 3, 1",
            "17, 9, 5, 3, 3, 20, 6, 2",
            "17, 9, 3, 5, 3, 7, 1, 1",
            "33, 31, 5, 3, 5, 20, 6, 2",
            "33, 31, 5, 5, 3, 32, 6, 2",
            "33, 31, 1, 3, 3, 33, 17, 1",
            "12, 40, 4, 3, 3, 48, 40, 2",
    })
    void vectorisedMatchesScalar(int nx, int ny, int cin, int nLay, int k, int nFeat, int cout, int threads) {
        try (ConvNet net = randomNet(nx * 1000L + ny + nFeat, cin, nLay, k, nFeat, cout, threads)) {
            float[] input = randomInput(7 + nx, nx * ny * cin);
            float[] expected = net.forwardReference(input, nx, ny);
            float[] actual = net.forward(input, nx, ny);
            assertEquals(expected.length, actual.length);
            double maxAbs = 0;
            for (float v : expected) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            assertTrue(maxAbs > 0, "degenerate test network");
            for (int t = 0; t < expected.length; t++) {
                assertEquals(expected[t], actual[t], 1e-5 * maxAbs + 1e-6 * Math.abs(expected[t]),
                        "value " + t + " of " + expected.length);
            }
            float[] again = net.forward(input, nx, ny);
            for (int t = 0; t < expected.length; t++) {
                assertEquals(actual[t], again[t], 0.0, "second call differs at " + t);
            }
        }
    }

    @Test
    void reusedBuffersAcrossSizesGiveSameResults() {
        try (ConvNet net = randomNet(3, 5, 3, 3, 20, 6, 2)) {
            float[] small = randomInput(1, 4 * 3 * 5);
            float[] first = net.forward(small, 4, 3);
            net.forward(randomInput(2, 9 * 7 * 5), 9, 7);
            float[] second = net.forward(small, 4, 3);
            for (int t = 0; t < first.length; t++) {
                assertEquals(first[t], second[t], 0.0);
            }
        }
    }

    @Test
    void flopCountAndRadius() {
        try (ConvNet net = randomNet(1, 5, 16, 3, 32, 6, 1)) {
            assertEquals(2L * (9 * 5 * 32 + 15 * 9 * 32 * 32 + 32 * 6), net.flopsPerCell());
            assertEquals(16, net.receptiveRadius());
            assertEquals(net.flopsPerCell() * 244 * 179, net.flops(244, 179));
        }
    }

    @Test
    void rejectsMismatchedChannelsAndBadInput() {
        ConvLayer a = new ConvLayer(3, 2, 4, new float[3 * 3 * 2 * 4], new float[4], true);
        ConvLayer b = new ConvLayer(1, 5, 1, new float[5], new float[1], false);
        assertThrows(IllegalArgumentException.class, () -> new ConvNet(List.of(a, b), 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvLayer(2, 1, 1, new float[4], new float[1], true));
        try (ConvNet net = new ConvNet(List.of(a), 0.01, 1)) {
            assertThrows(IllegalArgumentException.class, () -> net.forward(new float[7], 2, 2));
        }
    }

    @ParameterizedTest(name = "masked {0}×{1}, {2} layers {3}×{3}, {4} thread(s)")
    @CsvSource({
            "1, 1, 3, 3, 1",
            "3, 5, 3, 3, 2",
            "17, 9, 3, 5, 2",
            "40, 33, 5, 3, 2",
            "61, 47, 4, 3, 1",
    })
    void maskedPassEqualsWholeGridAtMaskCells(int nx, int ny, int nLay, int k, int threads) {
        try (ConvNet net = randomNet(nx + 31L * ny, 5, nLay, k, 20, 6, threads)) {
            float[] input = randomInput(nx * 7L + ny, nx * ny * 5);
            boolean[] mask = new boolean[nx * ny];
            SplittableRandom random = new SplittableRandom(nx + ny);
            int cx = nx / 2;
            int cy = ny / 3;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double r = Math.hypot(i - cx, 1.7 * (j - cy));
                    mask[j * nx + i] = r < Math.max(1, nx / 5.0) || random.nextDouble() < 0.01;
                }
            }
            float[] whole = net.forward(input, nx, ny);
            long wholeFlops = net.lastCallFlops();
            assertEquals(net.flops(nx, ny), wholeFlops);
            float[] masked = net.forward(input, nx, ny, mask);
            assertTrue(net.lastCallFlops() <= wholeFlops);
            int cout = net.outputChannels();
            for (int cell = 0; cell < nx * ny; cell++) {
                for (int c = 0; c < cout; c++) {
                    float expected = mask[cell] ? whole[cell * cout + c] : 0f;
                    assertEquals(expected, masked[cell * cout + c], 0.0, "cell " + cell + " channel " + c);
                }
            }
            float[] wholeAgain = net.forward(input, nx, ny);
            for (int t = 0; t < whole.length; t++) {
                assertEquals(whole[t], wholeAgain[t], 0.0, "whole-grid pass after a masked one differs at " + t);
            }
        }
    }
}
