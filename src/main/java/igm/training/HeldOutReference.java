package igm.training;

import igm.InputException;
import igm.emulator.data.Fidelity;
import igm.emulator.data.MeanRelativeError;
import igm.emulator.training.GradientEngine;
import igm.io.AtomicOutput;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.blatter.BlatterOperator;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The held-out states of a physics-informed pretraining with their converged {@code blatter} solutions, and the
 * network's scores on them.
 *
 * <p>The reference solves ({@link BlatterPattynFlow} from rest, the pretraining's {@link BlatterOptions}: its levels
 * and regularisation, a tight tolerance) are cached in a file of the work folder with a fingerprint of the problems and
 * the solver settings: a later training on the same states reads them back instead of solving again.
 *
 * <p>Scores ({@link #score}), over every state together: the relative L1 of ū as a mean of per-cell ratios
 * ({@link MeanRelativeError}, cells where |ū_ref|₁ &gt; 10 m a⁻¹) and as a ratio of sums ({@link Fidelity}); the same
 * mean for the surface velocity; the energy gap (ΣE_net − ΣE_ref) / |ΣE_ref| of the states' energies together (≥ 0 up
 * to the reference's tolerance: the reference minimises E; a ratio of sums, so that a nearly still state with an
 * energy close to 0 does not swamp it); and the mean energy per unit area of the network's velocity.
 */
final class HeldOutReference {

    /** The cache file in the work folder. */
    static final String FILE = "held_out_reference.bin";

    private static final String MAGIC = "IGMHELD";
    private static final int VERSION = 1;

    /**
     * A held-out state and its reference.
     *
     * @param name          where it comes from ({@code valley run t=…})
     * @param problem       the problem
     * @param ubar          reference depth-averaged u, m a⁻¹
     * @param vbar          reference depth-averaged v
     * @param uSurface      reference surface u
     * @param vSurface      reference surface v
     * @param energyPerArea the reference's energy per unit area, MPa m a⁻¹
     * @param iterations    quasi-Newton iterations of the reference solve
     * @param converged     whether it met its tolerance
     */
    record State(String name, BlatterProblem problem, double[] ubar, double[] vbar, double[] uSurface,
                 double[] vSurface, double energyPerArea, int iterations, boolean converged) {
    }

    /**
     * The network's scores on the states.
     *
     * @param relativeL1        mean per-cell relative L1 of ū
     * @param relativeL1Sums    relative L1 of ū as a ratio of sums
     * @param relativeL1Surface mean per-cell relative L1 of the surface velocity
     * @param energyGap         (ΣE_net − ΣE_ref) / |ΣE_ref|
     * @param energy            mean energy per unit area of the network's velocity, MPa m a⁻¹
     * @param cells             cells counted for ū
     */
    record Scores(double relativeL1, double relativeL1Sums, double relativeL1Surface, double energyGap,
                  double energy, long cells) {

        static final Scores NONE = new Scores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    private HeldOutReference() {
    }

    /**
     * The states with their references, read from {@code cacheFile} when it holds those of the same problems and
     * settings, else solved (printing a line per state) and written to it.
     *
     * @param threads threads of each reference solve
     */
    static List<State> prepare(List<BlatterProblem> problems, List<String> names, BlatterOptions options,
                               int threads, Path cacheFile, PrintStream out) {
        long fingerprint = fingerprint(problems, options);
        List<State> cached = read(cacheFile, fingerprint, problems, names);
        if (cached != null) {
            out.printf(Locale.ROOT, "held-out reference: %d state(s) read from %s%n", cached.size(), cacheFile);
            return cached;
        }
        List<State> states = new ArrayList<>();
        BlatterOptions o = options.withThreads(threads);
        for (int k = 0; k < problems.size(); k++) {
            BlatterProblem p = problems.get(k);
            BlatterSolution s = new BlatterPattynFlow(o).solve(p);
            int top = s.levels() - 1;
            State state = new State(names.get(k), p, s.ubar(), s.vbar(), s.uLevel(top), s.vLevel(top),
                    new BlatterOperator(p, o).energyPerArea(s.u(), s.v()), s.report().nonlinearIterations(),
                    s.report().converged());
            states.add(state);
            out.printf(Locale.ROOT, "held-out reference %d/%d: %s, %d×%d, A %.1f, c %.1f: %d iterations%s, "
                            + "max |ū| %.1f m/a, %.1f s%n", k + 1, problems.size(), state.name(), p.grid().nx(),
                    p.grid().ny(), p.rateFactor()[0], slidingCoefficient(p), state.iterations(),
                    state.converged() ? "" : " (NOT converged)", maxSpeed(s.ubar(), s.vbar()), s.report().seconds());
        }
        write(cacheFile, fingerprint, states);
        return states;
    }

    /** The network's scores on the states (engine: one for the network's architecture). */
    static Scores score(PhysicsInformedNetwork network, GradientEngine engine, List<State> states) {
        if (states.isEmpty()) {
            return Scores.NONE;
        }
        MeanRelativeError depthAveraged = new MeanRelativeError();
        MeanRelativeError surface = new MeanRelativeError();
        Fidelity sums = new Fidelity();
        double networkEnergy = 0;
        double reference = 0;
        double energy = 0;
        BlatterOptions o = network.options().withThreads(engine.threads());
        for (State s : states) {
            BlatterSolution v = network.velocity(engine, s.problem(), null);
            int top = v.levels() - 1;
            depthAveraged.add(s.ubar(), s.vbar(), v.ubar(), v.vbar());
            sums.add(s.ubar(), s.vbar(), v.ubar(), v.vbar());
            surface.add(s.uSurface(), s.vSurface(), v.uLevel(top), v.vLevel(top));
            double e = new BlatterOperator(s.problem(), o).energyPerArea(v.u(), v.v());
            energy += e / states.size();
            double area = s.problem().grid().size() * s.problem().grid().dx() * s.problem().grid().dx();
            networkEnergy += e * area;
            reference += s.energyPerArea() * area;
        }
        return new Scores(depthAveraged.value(), sums.relativeL1(), surface.value(),
                (networkEnergy - reference) / Math.abs(reference), energy,
                depthAveraged.cells());
    }

    static double slidingCoefficient(BlatterProblem p) {
        return p.weertmanCoefficient()[0];
    }

    private static double maxSpeed(double[] u, double[] v) {
        double m = 0;
        for (int k = 0; k < u.length; k++) {
            m = Math.max(m, Math.hypot(u[k], v[k]));
        }
        return m;
    }

    /** A hash of the problems' fields and of the solver settings that shape the reference. */
    private static long fingerprint(List<BlatterProblem> problems, BlatterOptions o) {
        long h = 1125899906842597L;
        h = mix(h, o.levels());
        h = mix(h, o.regularisation());
        h = mix(h, o.solver().tolerance());
        h = mix(h, o.solver().maxIterations());
        for (BlatterProblem p : problems) {
            h = mix(h, p.grid().nx());
            h = mix(h, p.grid().ny());
            h = mix(h, p.grid().dx());
            for (double[] f : new double[][] {p.bed(), p.thickness(), p.rateFactor()}) {
                for (double x : f) {
                    h = mix(h, x);
                }
            }
            h = mix(h, slidingCoefficient(p));
        }
        return h;
    }

    private static long mix(long h, double x) {
        return 31 * h + Double.doubleToLongBits(x);
    }

    private static void write(Path file, long fingerprint, List<State> states) {
        AtomicOutput.write(file, partial -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(partial)))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(fingerprint);
                out.writeInt(states.size());
                for (State s : states) {
                    for (double[] f : new double[][] {s.ubar(), s.vbar(), s.uSurface(), s.vSurface()}) {
                        out.writeInt(f.length);
                        for (double x : f) {
                            out.writeDouble(x);
                        }
                    }
                    out.writeDouble(s.energyPerArea());
                    out.writeInt(s.iterations());
                    out.writeBoolean(s.converged());
                }
            }
        });
    }

    /** The cached states, or null when the file is absent or holds other problems or settings. */
    private static List<State> read(Path file, long fingerprint, List<BlatterProblem> problems, List<String> names) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new InputException(file + " is not a held-out reference file of this version; remove it");
            }
            if (in.readLong() != fingerprint || in.readInt() != problems.size()) {
                return null;
            }
            List<State> states = new ArrayList<>();
            for (int k = 0; k < problems.size(); k++) {
                double[][] f = new double[4][];
                for (int c = 0; c < 4; c++) {
                    f[c] = new double[in.readInt()];
                    for (int i = 0; i < f[c].length; i++) {
                        f[c][i] = in.readDouble();
                    }
                }
                states.add(new State(names.get(k), problems.get(k), f[0], f[1], f[2], f[3], in.readDouble(),
                        in.readInt(), in.readBoolean()));
            }
            return states;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
