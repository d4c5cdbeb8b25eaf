package igm.evaluation;

import static igm.evaluation.EvaluationPipeline.DIFFERENCE_PNG;
import static igm.evaluation.EvaluationPipeline.TIMESERIES_CSV;
import static igm.evaluation.EvaluationPipeline.TIMESERIES_PNG;

import igm.emulator.EmulatorArchitecture;
import igm.emulator.EmulatorManifest;
import igm.emulator.data.Fidelity;
import igm.io.AtomicOutput;
import igm.io.GriddedInput;
import igm.io.MapPlotter;
import igm.io.TimeSeriesPlotter;
import igm.params.Parameters;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.simulation.GlacierState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeSet;

/**
 * The sections of {@code evaluation.md} ({@link EvaluationPipeline}), appended to the report's Markdown text, and
 * the figures and table of the glacier comparison.
 */
final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * Table 1 analog: per emulator its shape, its fidelity over the sliding coefficients it was trained on and its
     * time per call; then the cold solve of each instructor.
     *
     * @param fid            emulator name → sliding coefficient → fidelity
     * @param callSeconds    emulator name → median time per call, s
     * @param instructorCold instructor name → time of one cold solve, s
     * @param initial        the state the calls were timed on
     */
    static void table1(StringBuilder md, List<EmulatorCandidate> candidates, Map<String, Map<Double, Fidelity>> fid,
                       Map<String, Double> callSeconds, Map<String, Double> instructorCold, GlacierState initial) {
        md.append("## Table 1 analog: fidelity on held-out glaciers and time per call\n\n");
        md.append("Fidelity over every snapshot of the evaluation runs of the emulator's instructor whose sliding "
                + "coefficient was in its training data; relative L1 = Σ|ū_emulator − ū_instructor| / "
                + "Σ|ū_instructor| over the cells where |ū_instructor| > 10 m/a (paper eq. 7), L1 the mean "
                + "|ū_emulator − ū_instructor| there. Time per call on the ")
                .append(initial.grid().nx()).append("×").append(initial.grid().ny())
                .append(" grid of the evaluation glacier (median).\n\n");
        md.append("| emulator | instructor | N_lay | N_feat | N_ker | parameters | epochs | L1 (m/a) | relative L1 | "
                + "fidelity | cells | time per call (ms) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (EmulatorCandidate c : candidates) {
            EmulatorArchitecture a = c.manifest().architecture();
            Fidelity f = c.trained(fid.get(c.name()));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s | %s | %s | %d | %.1f |%n",
                    c.name(), c.manifest().instructor().name(), a.hiddenLayers(), a.filters(), a.kernelSize(),
                    EmulatorArchitecture.parameterCount(a.hiddenLayers(), a.filters(), a.kernelSize(), a.inputs(),
                            a.outputs()), c.manifest().training().epochs(),
                    f.cells() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", f.l1()),
                    f.cells() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * f.relativeL1()),
                    f.cells() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * (1 - f.relativeL1())),
                    f.cells(), 1e3 * callSeconds.get(c.name())));
        }
        md.append('\n');
        if (!instructorCold.isEmpty()) {
            md.append("For comparison, one cold solve of the instructor on the same state: ");
            List<String> parts = new ArrayList<>();
            instructorCold.forEach((m, s) -> parts.add(String.format(Locale.ROOT, "%s %.0f ms", m, 1e3 * s)));
            md.append(String.join(", ", parts)).append(".\n\n");
        }
    }

    /**
     * Table 2 analog: the fidelity of every emulator for each sliding coefficient of the evaluation runs, marked where
     * the emulator was not trained on it.
     */
    static void table2(StringBuilder md, List<EmulatorCandidate> candidates, Map<String, Map<Double, Fidelity>> fid,
                       TreeSet<Double> allSliding) {
        md.append("## Table 2 analog: fidelity by sliding coefficient\n\n");
        md.append("Relative L1 (L1 in m/a) on the evaluation runs of each sliding coefficient c (km MPa⁻³ a⁻¹); "
                + "*interp.*: a value the emulator was not trained on.\n\n");
        StringBuilder header = new StringBuilder("| c |");
        StringBuilder rule = new StringBuilder("|---|");
        for (EmulatorCandidate c : candidates) {
            header.append(' ').append(c.name()).append(" |");
            rule.append("---|");
        }
        md.append(header).append('\n').append(rule).append('\n');
        for (double slide : allSliding) {
            md.append(String.format(Locale.ROOT, "| %s |", format(slide)));
            for (EmulatorCandidate c : candidates) {
                Fidelity f = fid.get(c.name()).get(slide);
                String mark = c.trainedSliding().contains(slide) ? "" : " *interp.*";
                md.append(f == null || f.cells() == 0 ? " – |" : String.format(Locale.ROOT, " %.1f %% (%.2f)%s |",
                        100 * f.relativeL1(), f.l1(), mark));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /**
     * The section of one physics-informed emulator: eq. 7 of ū and of the surface velocity against the converged
     * blatter solve, beside Σ|Δ|/Σ|u|, and the energy gap, frozen and after the warm-up on each state.
     *
     * @param result the comparison, or null when there was no state to compare on
     */
    static void physicsInformed(StringBuilder md, String name, EmulatorManifest manifest, String states,
                                PhysicsInformedFidelity.Result result) {
        EmulatorArchitecture a = manifest.architecture();
        md.append(String.format(Locale.ROOT, "## Physics-informed emulator %s against the converged blatter solve%n%n"
                        + "`%s` (%d×%d, N_ker %d, %d parameters, %s levels) was trained on the Blatter–Pattyn energy, "
                        + "not on solver data. States: %s.%n%n", name, name, a.hiddenLayers(), a.filters(),
                a.kernelSize(), a.parameters(), manifest.instructor().settings()
                        .getOrDefault(PhysicsInformedNetwork.LEVELS_KEY, "?"), states));
        if (result == null) {
            md.append("No held-out blatter state at its grid spacing: nothing measured.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "Over %d state(s); relative L1 is the paper's eq. 7 (mean over the cells"
                + " where |u_solver|₁ > 10 m/a of |u − u_solver|₁ / |u_solver|₁), Σ|Δ|₁/Σ|u|₁ over the same cells"
                + " beside it; energy gap (E_network − E_solver)/|E_solver|, mean over the states. The warm-up: %d"
                + " Adam iterations on each state (learning rate %g) from the frozen network. Reference solves took"
                + " %.1f s in all.%n%n", result.states(), result.warmupIterations(), result.learningRate(),
                result.solverSeconds()));
        md.append("| network | relative L1 of ū (eq. 7) | Σ ratio | relative L1 of u_s (eq. 7) | Σ ratio | L1 of ū (m/a)"
                + " | cells | energy gap | time (s) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int phase = 0; phase < 2; phase++) {
            PhysicsInformedFidelity.Figures f = phase == 0 ? result.frozen() : result.warmedUp();
            md.append(String.format(Locale.ROOT, "| %s | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.2f | %d | %.2e |"
                            + " %.1f |%n", phase == 0 ? "frozen" : "after " + result.warmupIterations()
                            + " iterations", 100 * f.depthAveraged().value(), 100 * f.depthAveraged().ratioOfSums(),
                    100 * f.surface().value(), 100 * f.surface().ratioOfSums(), f.depthAveraged().l1(),
                    f.depthAveraged().cells(), f.energyGap(), f.seconds()));
        }
        md.append('\n');
    }

    /** {@code name} with {@code suffix} before its extension. */
    private static String suffixed(String name, String suffix) {
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + suffix + name.substring(dot);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Table 4 / Figure 14 analog: the instructor's run {@code a} against the emulator's run {@code b} on the glacier
     * of {@code p}; writes the time-series figure and table and the map of the thickness difference to
     * {@code reports}.
     */
    static void glacierComparison(StringBuilder md, Parameters p, Path reports, GlacierRun a, GlacierRun b,
                                  EmulatorManifest manifest, GriddedInput input) {
        glacierComparison(md, p, reports, a, b, manifest, input, "", "");
    }

    /**
     * As {@link #glacierComparison(StringBuilder, Parameters, Path, GlacierRun, GlacierRun, EmulatorManifest,
     * GriddedInput)}, with {@code variant} added to the section's title and {@code fileSuffix} to the names of its
     * figures and table (before the extension), so that several emulator runs can be compared with one instructor
     * run in one report.
     */
    static void glacierComparison(StringBuilder md, Parameters p, Path reports, GlacierRun a, GlacierRun b,
                                  EmulatorManifest manifest, GriddedInput input, String variant,
                                  String fileSuffix) {
        double[] ha = a.thickness();
        double[] hb = b.thickness();
        int n = 0;
        double[] difference = new double[ha.length];
        double[] either = new double[ha.length];
        double largest = 0;
        for (int k = 0; k < ha.length; k++) {
            difference[k] = hb[k] - ha[k];
            either[k] = Math.max(ha[k], hb[k]);
            if (either[k] > 0) {
                n++;
                largest = Math.max(largest, Math.abs(difference[k]));
            }
        }
        double rmse = rmse(ha, hb);
        double midRmse = rmse(a.midThickness(), b.midThickness());
        int m = Math.min(a.times().length, b.times().length);
        int worst = 0;
        for (int k = 0; k < m; k++) {
            if (Math.abs(b.volume()[k] - a.volume()[k]) > Math.abs(b.volume()[worst] - a.volume()[worst])) {
                worst = k;
            }
        }
        String glacier = p.string("run.name");
        md.append("## Table 4 / Figure 14 analog: ").append(glacier).append(", instructor against emulator")
                .append(variant).append("\n\n");
        md.append(String.format(Locale.ROOT, "%s (%s, never used in training), %.0f → %.0f, the same SMB; instructor "
                        + "%s, emulator `%s` (%d×%d, N_ker %d). Thickness RMSE at the end over the cells with ice in "
                        + "either run: **%.1f m** (largest difference %.0f m, %d cells); half-way, in %.0f: %.1f m. "
                        + "The largest volume difference: %+.3f km³ (%+.1f %% of the instructor's %.3f km³) in %.0f.%n%n",
                glacier, input.source().getFileName(), p.number("time.start"), p.number("time.end"),
                a.label(), manifest.name(), manifest.architecture().hiddenLayers(),
                manifest.architecture().filters(), manifest.architecture().kernelSize(), rmse, largest, n,
                0.5 * (p.number("time.start") + p.number("time.end")), midRmse,
                b.volume()[worst] - a.volume()[worst], 100 * (b.volume()[worst] / a.volume()[worst] - 1),
                a.volume()[worst], a.times()[worst]));
        md.append("| model | wall time (s) | time in ice flow | time steps | ice-flow solves | final volume (km³) | "
                + "final area (km²) | speed-up |\n|---|---|---|---|---|---|---|---|\n");
        for (GlacierRun r : List.of(a, b)) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f %% | %d | %d | %.4f | %.3f | %s |%n", r.label(),
                    r.wallSeconds(), 100 * r.iceFlowSeconds() / r.wallSeconds(), r.steps(), r.solves(),
                    r.volume()[r.volume().length - 1], r.area()[r.area().length - 1],
                    r == a ? "1" : String.format(Locale.ROOT, "%.1f× (ice flow alone %.1f×)",
                            a.wallSeconds() / b.wallSeconds(), a.iceFlowSeconds() / b.iceFlowSeconds())));
        }
        md.append(String.format(Locale.ROOT, "%nPer ice-flow call: instructor %.1f ms per solve (%d solves), emulator "
                        + "%.1f ms per call (%d calls).%n%n", 1e3 * a.iceFlowSeconds() / Math.max(1, a.solves()),
                a.solves(), 1e3 * b.iceFlowSeconds() / Math.max(1, b.solves()), b.solves()));
        trackingTable(md, a, b);
        md.append("![").append(glacier).append(" time series](").append(suffixed(TIMESERIES_PNG, fileSuffix))
                .append(")\n\n");
        md.append("![thickness difference](").append(suffixed(DIFFERENCE_PNG, fileSuffix)).append(")\n\n");
        writeTimeSeries(reports, glacier, a, b, m, fileSuffix);
        double range = Math.max(1, Math.ceil(largest / 10) * 10);
        MapPlotter.plotDifference(reports.resolve(suffixed(DIFFERENCE_PNG, fileSuffix)), input.grid(), difference, b.surface(), either,
                String.format(Locale.ROOT, "Thickness, emulator − instructor, year %.0f (RMSE %.1f m)",
                        p.number("time.end"), rmse), "m", range);
    }

    /** The figure and the table of the first {@code m} values of both runs' time series. */
    private static void writeTimeSeries(Path reports, String glacier, GlacierRun a, GlacierRun b, int m,
                                        String fileSuffix) {
        double[] t = a.times().length <= b.times().length ? a.times() : b.times();
        TimeSeriesPlotter.plotShared(reports.resolve(suffixed(TIMESERIES_PNG, fileSuffix)), glacier + ": " + a.label() + " and "
                + b.label(), t, List.of(
                shared("Ice volume", "km³", a, b, a.volume(), b.volume(), m),
                shared("Glacierised area", "km²", a, b, a.area(), b.area(), m),
                shared("Mean surface speed", "m/a", a, b, a.meanSpeed(), b.meanSpeed(), m)));
        StringBuilder csv = new StringBuilder("time,volume_instructor_km3,volume_emulator_km3,area_instructor_km2,"
                + "area_emulator_km2,mean_speed_instructor_m_per_a,mean_speed_emulator_m_per_a\n");
        for (int k = 0; k < m; k++) {
            csv.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f,%.5f,%.5f,%.3f,%.3f%n", t[k], a.volume()[k],
                    b.volume()[k], a.area()[k], b.area()[k], a.meanSpeed()[k], b.meanSpeed()[k]));
        }
        AtomicOutput.writeText(reports.resolve(suffixed(TIMESERIES_CSV, fileSuffix)), csv);
    }

    /**
     * Every tracking time: the thickness RMSE between the runs, their volumes, and the emulator's fidelity on the
     * instructor's state of that time (its error without the drift of its own run).
     */
    private static void trackingTable(StringBuilder md, GlacierRun a, GlacierRun b) {
        int m = Math.min(a.tracked().size(), b.tracked().size());
        if (m == 0) {
            return;
        }
        double worst = -1;
        double worstTime = Double.NaN;
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < m; k++) {
            GlacierRun.Tracked x = a.tracked().get(k);
            GlacierRun.Tracked y = b.tracked().get(k);
            double r = rmse(x.thickness(), y.thickness());
            if (r > worst) {
                worst = r;
                worstTime = x.time();
            }
            rows.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.3f | %.3f | %.1f %% | %.2f | %.1f | %.1f |%n",
                    x.time(), r, x.volume(), y.volume(), 100 * x.relativeL1(), x.l1(),
                    x.instructorSpeed(), x.emulatorSpeed()));
        }
        md.append(String.format(Locale.ROOT, "Over time (the largest thickness RMSE of these years: **%.1f m** in "
                + "%.0f). The last four columns put the emulator on the instructor's own state of that year, free of "
                + "the drift of its own run: its relative L1 and L1 against the instructor's ū, and both mean |ū| over "
                + "the ice.%n%n", worst, worstTime));
        md.append("| year | thickness RMSE (m) | volume, instructor (km³) | volume, emulator (km³) | relative L1 on the "
                + "instructor's state | L1 (m/a) | mean \\|ū\\|, instructor (m/a) | mean \\|ū\\|, emulator (m/a) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        md.append(rows).append('\n');
    }

    /** Root-mean-square difference over the cells with ice in either field, m; NaN when either is missing. */
    private static double rmse(double[] a, double[] b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > 0 || b[k] > 0) {
                sum += (a[k] - b[k]) * (a[k] - b[k]);
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    private static TimeSeriesPlotter.SharedPanel shared(String label, String units, GlacierRun a, GlacierRun b,
                                                        double[] va, double[] vb, int m) {
        SequencedMap<String, double[]> series = new LinkedHashMap<>();
        series.put(a.label(), Arrays.copyOf(va, m));
        series.put(b.label(), Arrays.copyOf(vb, m));
        return new TimeSeriesPlotter.SharedPanel(label, units, series);
    }
}
