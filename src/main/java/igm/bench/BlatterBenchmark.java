package igm.bench;

import igm.physics.iceflow.blatter.BlatterOperator;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.solver.LbfgsOptions;

import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputOptions;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.SolverReport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints the cost of Blatter–Pattyn solves on the bundled Aletsch example (160×225 at 100 m, A = 78 MPa⁻³ a⁻¹,
 * no slip unless a sliding coefficient is given): a cold solve, then warm solves after a small thickness change
 * (±0.5% of the thickness, alternately), each with its iterations and time, the solver error against a solve to
 * tolerance 1e-9, and the time of one energy-and-gradient evaluation (with and without the column blocks).
 *
 * <p>Usage: {@code BlatterBenchmark [path/to/aletsch.nc] [levels] [threads] [sliding c] [L-BFGS memory]};
 * defaults {@code examples/aletsch/aletsch.nc}, 10, the available processors, 0, the default memory.
 */
public final class BlatterBenchmark {

    private BlatterBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/aletsch/aletsch.nc");
        int levels = args.length > 1 ? Integer.parseInt(args[1]) : BlatterOptions.DEFAULT_LEVELS;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        double c = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        int history = args.length > 4 ? Integer.parseInt(args[4]) : LbfgsOptions.DEFAULT_HISTORY;
        GriddedInput in = GriddedInputReader.read(InputOptions.of(file));
        int n = in.grid().size();
        double[] sliding = new double[n];
        Arrays.fill(sliding, c);
        double[] a = new double[n];
        Arrays.fill(a, 78);
        double[] h = in.thickness().clone();
        double[] s = in.surface().clone();
        long ice = Arrays.stream(h).filter(v -> v > BlatterProblem.MIN_ICE_THICKNESS).count();
        System.out.printf(Locale.ROOT, "Aletsch %s, %d ice columns, %d levels, %d threads, c = %g%n", in.grid(), ice,
                levels, threads, c);
        BlatterOptions o = new BlatterOptions(levels, BlatterOptions.DEFAULT_REGULARISATION, threads,
                LbfgsOptions.defaults().withHistory(history).withThreads(threads));
        BlatterPattynFlow flow = new BlatterPattynFlow(o);
        IceFlowResult r = flow.solve(new IceFlowInput(in.grid(), h, s, sliding, a));
        print("cold", flow.lastReport(), r);
        double warmSeconds = 0;
        long warmEvaluations = 0;
        for (int rep = 0; rep < 4; rep++) {
            double[] h2 = h.clone();
            double[] s2 = s.clone();
            for (int k = 0; k < n; k++) {
                double dh = 0.01 * h[k] * (rep % 2 == 0 ? -1 : 1) * 0.5;
                h2[k] = h[k] + dh;
                s2[k] = s[k] + dh;
            }
            r = flow.solve(new IceFlowInput(in.grid(), h2, s2, sliding, a));
            print("warm", flow.lastReport(), r);
            warmSeconds += flow.lastReport().seconds();
            warmEvaluations += flow.lastReport().linearIterations();
        }
        flow.forgetWarmStart();
        r = flow.solve(new IceFlowInput(in.grid(), h, s, sliding, a));
        print("cold again", flow.lastReport(), r);
        BlatterPattynFlow tight = new BlatterPattynFlow(o.withTolerance(1e-9));
        IceFlowResult exact = tight.solve(new IceFlowInput(in.grid(), h, s, sliding, a));
        double worst = 0;
        double top = 0;
        for (int k = 0; k < n; k++) {
            worst = Math.max(worst, Math.hypot(r.uSurface()[k] - exact.uSurface()[k],
                    r.vSurface()[k] - exact.vSurface()[k]));
            top = Math.max(top, Math.hypot(exact.uSurface()[k], exact.vSurface()[k]));
        }
        System.out.printf(Locale.ROOT, "solver error of the cold solve at tolerance %g: max |Δu_s| = %.3g m/a"
                + " (%.2g of the largest speed; reference: tolerance 1e-9, %d iterations)%n", o.solver().tolerance(), worst,
                worst / top, tight.lastReport().nonlinearIterations());
        BlatterProblem p = new BlatterProblem(in.grid(), subtract(s, h), h, a,
                new igm.physics.iceflow.WeertmanSliding(sliding), false, 0, 0);
        BlatterOperator op = new BlatterOperator(p, o);
        double[] x = new double[2 * op.n];
        int m = flow.lastSolution().u().length;
        double[] full = new double[2 * m];
        System.arraycopy(flow.lastSolution().u(), 0, full, 0, m);
        System.arraycopy(flow.lastSolution().v(), 0, full, m, m);
        op.gather(full, x);
        double[] g = new double[2 * op.n];
        double[] prec = new double[4 * op.n];
        double[] perEvaluation = new double[2];
        for (boolean withPrec : new boolean[]{false, true}) {
            for (int w = 0; w < 5; w++) {
                op.evaluate(x, g, withPrec ? prec : null);
            }
            int reps = 20;
            long t0 = System.nanoTime();
            for (int w = 0; w < reps; w++) {
                op.evaluate(x, g, withPrec ? prec : null);
            }
            double ms = (System.nanoTime() - t0) * 1e-6 / reps;
            perEvaluation[withPrec ? 1 : 0] = ms;
            System.out.printf(Locale.ROOT, "energy + gradient%s: %.2f ms (%d active elements, %.1f ns per element)%n",
                    withPrec ? " + preconditioner" : "", ms, op.activeElements(), ms * 1e6 / op.activeElements());
        }
        // the column blocks are rebuilt at one evaluation in four
        double evaluationSeconds = warmEvaluations * (0.75 * perEvaluation[0] + 0.25 * perEvaluation[1]) * 1e-3;
        System.out.printf(Locale.ROOT, "where the time of the 4 warm solves goes: %.2f s in all, about %.2f s (%.0f%%) in"
                        + " %d energy-and-gradient evaluations, the rest in the L-BFGS vector operations, the column"
                        + " solves and the set-up%n", warmSeconds, evaluationSeconds,
                100 * evaluationSeconds / warmSeconds, warmEvaluations);
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k] - b[k];
        }
        return out;
    }

    private static void print(String what, SolverReport rep, IceFlowResult r) {
        double max = Arrays.stream(r.surfaceSpeed()).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-10s %6.2f s, %4d iterations, %5d evaluations, residual %.2e, converged %s;"
                        + " max surface speed %.1f m/a%n", what, rep.seconds(), rep.nonlinearIterations(),
                rep.linearIterations(), rep.residual(), rep.converged(), max);
    }
}
