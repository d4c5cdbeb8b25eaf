package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;
import igm.physics.iceflow.EmulatorIceFlow;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;

/**
 * The acceptance test: IGM's f15 emulator on Aletsch at 100 m through {@link EmulatorIceFlow} equals an independent
 * forward pass written here with plain double loops, its own HDF5 reading of the weights, its own slopes and scaling.
 */
@Tag("regression")
class F15AletschTest {

    private static final double ARRHENIUS = 78;   // MPa⁻³ a⁻¹, temperate ice
    private static final double SLIDINGCO = 0;    // no sliding

    /** Aletsch geometry with rows j northwards. */
    record Geometry(int nx, int ny, double dx, double x0, double y0, double[] usurf, double[] thk) {
    }

    private static Geometry geometry;
    private static IceFlowResult emulated;
    private static double[][] reference;
    private static double[][] referenceSlope;
    private static long wholeGridFlops;
    private static long boxFlops;

    private static synchronized void compute() throws IOException {
        if (emulated != null) {
            return;
        }
        Path nc = TestData.require("aletsch/igm_geology_100m.nc");
        Path emulatorRoot = TestData.f15();
        geometry = readAletsch(nc);
        Geometry g = geometry;
        Grid2D grid = new Grid2D(g.nx, g.ny, g.dx, g.x0, g.y0);
        double[] a = new double[grid.size()];
        double[] c = new double[grid.size()];
        Arrays.fill(a, ARRHENIUS);
        Arrays.fill(c, SLIDINGCO);
        try (EmulatorIceFlow flow = EmulatorIceFlow.load(emulatorRoot, grid)) {
            emulated = flow.solve(new IceFlowInput(grid, g.thk, g.usurf, c, a));
            wholeGridFlops = flow.flopsPerCall(grid);
            boxFlops = flow.lastCallFlops();
            System.out.println(flow.describe());
        }
        reference = referenceForward(emulatorRoot.resolve("100"), g);
    }

    @Test
    void emulatorEqualsIndependentScalarForwardPass() throws IOException {
        compute();
        double maxSpeed = 0;
        for (double s : emulated.surfaceSpeed()) {
            maxSpeed = Math.max(maxSpeed, s);
        }
        double[][] actual = {emulated.uBase(), emulated.vBase(), emulated.ubar(), emulated.vbar(),
                emulated.uSurface(), emulated.vSurface()};
        double maxDiff = 0;
        for (int k = 0; k < 6; k++) {
            for (int cell = 0; cell < actual[k].length; cell++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[k][cell] - reference[k][cell]));
                if (geometry.thk[cell] == 0) {
                    assertEquals(0.0, actual[k][cell], 0.0, "velocity outside the ice at " + cell);
                }
            }
        }
        System.out.printf("f15 Aletsch: max surface speed %.1f m/a, max |emulator - reference| %.3g m/a,"
                + " flop %.2f G on the ice box vs %.2f G whole grid%n", maxSpeed, maxDiff, boxFlops / 1e9,
                wholeGridFlops / 1e9);
        assertTrue(maxSpeed > 0);
        assertTrue(maxDiff <= 1e-4 * maxSpeed, "max difference " + maxDiff + " exceeds 1e-4 × " + maxSpeed);
    }

    @Test
    void iceFlowsDownhillAtPlausibleSpeed() throws IOException {
        compute();
        double[] speed = emulated.depthAveragedSpeed();
        int fast = 0;
        int downhill = 0;
        double maxSpeed = 0;
        for (int cell = 0; cell < speed.length; cell++) {
            if (geometry.thk[cell] > 0) {
                maxSpeed = Math.max(maxSpeed, speed[cell]);
            }
            if (geometry.thk[cell] > 0 && speed[cell] > 10) {
                fast++;
                double dot = emulated.ubar()[cell] * referenceSlope[0][cell]
                        + emulated.vbar()[cell] * referenceSlope[1][cell];
                if (dot < 0) {
                    downhill++;
                }
            }
        }
        double fraction = downhill / (double) fast;
        System.out.printf("f15 Aletsch: max depth-averaged speed %.1f m/a; %d of %d cells faster than 10 m/a"
                + " flow downhill (%.1f %%)%n", maxSpeed, downhill, fast, 100 * fraction);
        assertTrue(fast > 100, "too few moving cells: " + fast);
        assertTrue(fraction > 0.9, "only " + fraction + " of the moving cells flow downhill");
        assertTrue(maxSpeed > 20 && maxSpeed < 1500, "implausible max speed " + maxSpeed + " m/a");
    }

    /** Reads usurf, thk, x, y; checks the spacing and flips rows if y descends, so that j runs north. */
    static Geometry readAletsch(Path nc) {
        try (HdfFile hdf = new HdfFile(nc)) {
            double[] x = doubles(hdf.getDatasetByPath("x").getDataFlat());
            double[] y = doubles(hdf.getDatasetByPath("y").getDataFlat());
            int nx = x.length;
            int ny = y.length;
            double dx = x[1] - x[0];
            assertTrue(dx > 0, "x must increase");
            for (int i = 1; i < nx; i++) {
                assertEquals(dx, x[i] - x[i - 1], 1e-3 * dx, "uneven x spacing at " + i);
            }
            boolean flip = y[1] < y[0];
            for (int j = 1; j < ny; j++) {
                assertEquals(dx, Math.abs(y[j] - y[j - 1]), 1e-3 * dx, "uneven y spacing at " + j);
            }
            Dataset usurfSet = hdf.getDatasetByPath("usurf");
            assertEquals(List.of(ny, nx), List.of(usurfSet.getDimensions()[0], usurfSet.getDimensions()[1]));
            double[] usurf = rows(doubles(usurfSet.getDataFlat()), nx, ny, flip);
            double[] thk = rows(doubles(hdf.getDatasetByPath("thk").getDataFlat()), nx, ny, flip);
            int ice = 0;
            for (int k = 0; k < thk.length; k++) {
                assertTrue(thk[k] >= 0 && thk[k] < 1500, "thk out of range: " + thk[k]);
                assertTrue(usurf[k] > 0 && usurf[k] < 5000, "usurf out of range: " + usurf[k]);
                ice += thk[k] > 0 ? 1 : 0;
            }
            assertTrue(ice > 1000, "expected a glacier, got " + ice + " ice cells");
            return new Geometry(nx, ny, dx, x[0], flip ? y[ny - 1] : y[0], usurf, thk);
        }
    }

    private static double[] rows(double[] values, int nx, int ny, boolean flip) {
        if (!flip) {
            return values;
        }
        double[] out = new double[values.length];
        for (int j = 0; j < ny; j++) {
            System.arraycopy(values, (ny - 1 - j) * nx, out, j * nx, nx);
        }
        return out;
    }

    private static double[] doubles(Object data) {
        if (data instanceof double[] d) {
            return d;
        }
        float[] f = (float[]) data;
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k];
        }
        return d;
    }

    private static Map<String, Double> scales(Path file) throws IOException {
        Map<String, Double> map = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                map.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return map;
    }

    /**
     * Outputs in fieldout.dat order, m/a: plain loops in double precision on the whole grid, weights read by layer
     * name (conv2d, conv2d_1, ...) from model_weights.
     */
    static double[][] referenceForward(Path dir, Geometry g) throws IOException {
        int nx = g.nx;
        int ny = g.ny;
        int n = nx * ny;
        double[] dsdx = new double[n];
        double[] dsdy = new double[n];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int il = Math.max(i - 1, 0);
                int ir = Math.min(i + 1, nx - 1);
                int jl = Math.max(j - 1, 0);
                int jr = Math.min(j + 1, ny - 1);
                dsdx[j * nx + i] = (g.usurf[j * nx + ir] - g.usurf[j * nx + il]) / ((ir - il) * g.dx);
                dsdy[j * nx + i] = (g.usurf[jr * nx + i] - g.usurf[jl * nx + i]) / ((jr - jl) * g.dx);
            }
        }
        referenceSlope = new double[][] {dsdx, dsdy};
        Map<String, Double> in = scales(dir.resolve("fieldin.dat"));
        Map<String, Double> out = scales(dir.resolve("fieldout.dat"));
        int cin = in.size();
        double[] act = new double[n * cin];
        int c = 0;
        for (Map.Entry<String, Double> e : in.entrySet()) {
            for (int k = 0; k < n; k++) {
                double v = switch (e.getKey()) {
                    case "thk" -> g.thk[k];
                    case "slopsurfx" -> dsdx[k];
                    case "slopsurfy" -> dsdy[k];
                    case "arrhenius" -> ARRHENIUS;
                    case "slidingco" -> SLIDINGCO;
                    default -> throw new AssertionError("unexpected input " + e.getKey());
                };
                act[k * cin + c] = v / e.getValue();
            }
            c++;
        }
        List<float[]> kernels = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        try (HdfFile hdf = new HdfFile(dir.resolve("model.h5"))) {
            Group weights = (Group) hdf.getChild("model_weights");
            for (int l = 0; ; l++) {
                String name = l == 0 ? "conv2d" : "conv2d_" + l;
                if (!weights.getChildren().containsKey(name)) {
                    break;
                }
                Dataset kernel = hdf.getDatasetByPath("model_weights/" + name + "/" + name + "/kernel:0");
                kernels.add((float[]) kernel.getDataFlat());
                biases.add((float[]) hdf.getDatasetByPath("model_weights/" + name + "/" + name + "/bias:0")
                        .getDataFlat());
                shapes.add(kernel.getDimensions());
            }
        }
        assertEquals(17, kernels.size(), "f15 has 16 hidden convolutions and a 1×1 output");
        for (int l = 0; l < kernels.size(); l++) {
            int[] s = shapes.get(l);
            int k = s[0];
            int r = k / 2;
            int ci = s[2];
            int co = s[3];
            assertEquals(cin, ci, "channels into layer " + l);
            float[] w = kernels.get(l);
            float[] b = biases.get(l);
            double[] next = new double[n * co];
            double[] sum = new double[co];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    for (int o = 0; o < co; o++) {
                        sum[o] = b[o];
                    }
                    for (int dy = 0; dy < k; dy++) {
                        int jj = j + dy - r;
                        if (jj < 0 || jj >= ny) {
                            continue;
                        }
                        for (int dx = 0; dx < k; dx++) {
                            int ii = i + dx - r;
                            if (ii < 0 || ii >= nx) {
                                continue;
                            }
                            int p = (jj * nx + ii) * ci;
                            int q = (dy * k + dx) * ci * co;
                            for (int cc = 0; cc < ci; cc++) {
                                double v = act[p + cc];
                                int qq = q + cc * co;
                                for (int o = 0; o < co; o++) {
                                    sum[o] += v * w[qq + o];
                                }
                            }
                        }
                    }
                    boolean last = l == kernels.size() - 1;
                    for (int o = 0; o < co; o++) {
                        double v = sum[o];
                        next[(j * nx + i) * co + o] = !last && v < 0 ? 0.01 * v : v;
                    }
                }
            }
            act = next;
            cin = co;
        }
        double[][] result = new double[out.size()][n];
        int k = 0;
        for (double scale : out.values()) {
            for (int cell = 0; cell < n; cell++) {
                result[k][cell] = g.thk[cell] > 0 ? act[cell * cin + k] * scale : 0;
            }
            k++;
        }
        assertEquals(List.of("uvelbase", "vvelbase", "ubar", "vbar", "uvelsurf", "vvelsurf"),
                List.copyOf(out.keySet()), "the test compares outputs in this order");
        return result;
    }
}
