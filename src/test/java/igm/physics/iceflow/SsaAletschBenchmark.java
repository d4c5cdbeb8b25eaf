package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A measured figure, not a test: one SSA and one hybrid diagnostic solve on the Aletsch example grid
 * (examples/aletsch/aletsch.nc, 160×225 cells of 100 m) with c = 5 km MPa⁻³ a⁻¹ and A = 78 MPa⁻³ a⁻¹, cold and then
 * warm (after adding 1 m of ice everywhere there is ice), with the solver's iterations, final relative change and
 * seconds. Each figure is the median of several repetitions after a JIT warm-up.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:<deps>
 * igm.physics.iceflow.SsaAletschBenchmark [threads [picard]]}
 */
public final class SsaAletschBenchmark {

    private SsaAletschBenchmark() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        boolean newton = args.length < 2 || !args[1].equals("picard");
        Path file = Path.of("examples/aletsch/aletsch.nc");
        if (!Files.exists(file)) {
            System.err.println("run from the repository root: " + file + " not found");
            return;
        }
        GriddedInput data = GriddedInputReader.read(file);
        Grid2D grid = data.grid();
        int n = grid.size();
        double[] c = new double[n];
        double[] a = new double[n];
        Arrays.fill(c, 5);
        Arrays.fill(a, 78);
        IceFlowInput first = new IceFlowInput(grid, data.thickness(), data.surface(), c, a);
        double[] h = data.thickness().clone();
        double[] s = data.surface().clone();
        int ice = 0;
        for (int k = 0; k < n; k++) {
            if (h[k] > 0) {
                h[k] += 1;
                s[k] += 1;
                ice++;
            }
        }
        IceFlowInput second = new IceFlowInput(grid, h, s, c, a);
        System.out.printf(Locale.ROOT, "Aletsch %s, %d ice cells, %d threads, %s%n", grid, ice, threads,
                newton ? "Newton" : "Picard");
        ShallowShelfFlow.Options options = ShallowShelfFlow.Options.defaults().withThreads(threads)
                .withNewton(newton);
        for (int rep = 0; rep < 2; rep++) { // JIT warm-up
            run(new ShallowShelfFlow(options), first, second, false);
        }
        int reps = 5;
        for (String model : new String[]{"ssa", "hybrid"}) {
            double[][] times = new double[2][reps];
            SolverReport[] last = new SolverReport[2];
            double maxSpeed = 0;
            for (int rep = 0; rep < reps; rep++) {
                IterativeIceFlow flow = model.equals("ssa") ? new ShallowShelfFlow(options)
                        : new HybridIceFlow(new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, threads),
                        new ShallowShelfFlow(options));
                long t0 = System.nanoTime();
                IceFlowResult r = flow.solve(first);
                times[0][rep] = (System.nanoTime() - t0) * 1e-9;
                last[0] = flow.lastReport();
                t0 = System.nanoTime();
                flow.solve(second);
                times[1][rep] = (System.nanoTime() - t0) * 1e-9;
                last[1] = flow.lastReport();
                maxSpeed = Arrays.stream(r.depthAveragedSpeed()).max().orElse(0);
            }
            for (int w = 0; w < 2; w++) {
                double[] t = times[w].clone();
                Arrays.sort(t);
                SolverReport rep = last[w];
                System.out.printf(Locale.ROOT, "%-6s %-4s: %3d nonlinear, %6d CG, change %.2e, converged %s,"
                                + " %.3f s (median of %d; min %.3f, max %.3f); max |ū| %.1f m/a%n", model,
                        w == 0 ? "cold" : "warm", rep.nonlinearIterations(), rep.linearIterations(), rep.residual(),
                        rep.converged(), t[reps / 2], reps, t[0], t[reps - 1], maxSpeed);
            }
        }
    }

    private static void run(ShallowShelfFlow ssa, IceFlowInput first, IceFlowInput second, boolean print) {
        ssa.solve(first);
        ssa.solve(second);
        if (print) {
            System.out.println(ssa.lastReport());
        }
    }
}
