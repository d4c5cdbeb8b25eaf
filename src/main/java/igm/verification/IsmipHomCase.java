package igm.verification;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.LinearSliding;
import igm.physics.iceflow.SlidingLaw;
import igm.physics.iceflow.WeertmanSliding;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ISMIP-HOM experiments A–D (Pattyn et al. 2008, The Cryosphere 2, 95–108) with the Blatter–Pattyn solver: periodic
 * domains of side L, A = 1e-16 Pa⁻³ a⁻¹ (100 MPa⁻³ a⁻¹), n = 3, ρ = 910 kg m⁻³, g = 9.81 m s⁻², ω = 2π/L:
 * <ul>
 *   <li>A: s = −x tan 0.5°, b = s − 1000 + 500 sin(ωx) sin(ωy), no slip;</li>
 *   <li>B: as A with b = s − 1000 + 500 sin(ωx), a flowline (ny = 1);</li>
 *   <li>C: s = −x tan 0.1°, b = s − 1000, linear sliding β² = 1000 + 1000 sin(ωx) sin(ωy) Pa a m⁻¹;</li>
 *   <li>D: C's geometry with β² = 1000 + 1000 sin(ωx), a flowline.</li>
 * </ul>
 * The grid points sit at x = i·L/N (i = 0 … N − 1) and likewise in y, so that the line y = L/4 of A and C is the row
 * j = N/4; the profile written is the surface velocity along that line (A, C) or along the flowline (B, D). Small
 * runs (CI): N = 20 (3D) or 40 (flowline), L = 10 and 80 km (A, B) or 20 and 80 km (C, D), 10 levels. Full runs: N =
 * 40 (3D) or 160 (flowline), all six L, 16 levels.
 */
public final class IsmipHomCase implements VerificationCase {

    /** The four periodic experiments. */
    public enum Experiment {
        /** 3D bumpy bed, no slip. */
        A,
        /** Flowline bumpy bed, no slip. */
        B,
        /** 3D flat bed, varying linear sliding. */
        C,
        /** Flowline flat bed, varying linear sliding. */
        D;

        boolean flowline() {
            return this == B || this == D;
        }

        boolean sliding() {
            return this == C || this == D;
        }
    }

    /** The domain sizes of ISMIP-HOM, km. */
    private static final int[] LENGTHS_KM = {5, 10, 20, 40, 80, 160};

    private final Experiment experiment;

    /** The case of one experiment. */
    public IsmipHomCase(Experiment experiment) {
        this.experiment = experiment;
    }

    /** The four cases A–D. */
    public static List<IsmipHomCase> all() {
        List<IsmipHomCase> cases = new ArrayList<>();
        for (Experiment e : Experiment.values()) {
            cases.add(new IsmipHomCase(e));
        }
        return cases;
    }

    @Override
    public String name() {
        return "ismip-hom-" + experiment.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return "ISMIP-HOM experiment " + experiment + " (Pattyn et al. 2008): Blatter–Pattyn surface velocity on "
                + (experiment.flowline() ? "a periodic flowline" : "a periodic 3D domain")
                + (experiment.sliding() ? " with linear sliding" : " with no slip");
    }

    /**
     * The benchmark problem at domain size L on N points per side (N divisible by 4).
     *
     * @param lengthKm L, km, &gt; 0
     * @param points   N, a positive multiple of 4
     * @throws InputException when L is not positive or N not a positive multiple of 4
     */
    public BlatterProblem problem(double lengthKm, int points) {
        if (!(lengthKm > 0) || !Double.isFinite(lengthKm)) {
            throw new InputException("ISMIP-HOM domain length must be positive, got " + lengthKm + " km");
        }
        if (points < 4 || points % 4 != 0) {
            throw new InputException("ISMIP-HOM points per side must be a positive multiple of 4 (so that y = L/4"
                    + " is a grid row), got " + points);
        }
        double length = lengthKm * 1000;
        int nx = points;
        int ny = experiment.flowline() ? 1 : points;
        Grid2D g = new Grid2D(nx, ny, length / points, 0, 0);
        double omega = 2 * Math.PI / length;
        int n = g.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        double[] a = new double[n];
        double[] beta2 = new double[n];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = g.index(i, j);
                double sx = Math.sin(omega * g.x(i));
                double sy = experiment.flowline() ? 1 : Math.sin(omega * g.y(j));
                double bump = experiment.sliding() ? 0 : 500 * sx * sy;
                h[k] = 1000 - bump;
                bed[k] = -h[k];
                a[k] = 100;
                beta2[k] = 1000 + 1000 * sx * sy;
            }
        }
        SlidingLaw law = experiment.sliding() ? LinearSliding.ofPascal(beta2) : new WeertmanSliding(new double[n]);
        double slope = Math.tan(Math.toRadians(experiment.sliding() ? 0.1 : 0.5));
        return new BlatterProblem(g, bed, h, a, law, true, -slope, 0);
    }

    /** The surface-velocity profile of a solution: the row y = L/4 (3D) or the flowline. */
    public static double[][] profile(BlatterSolution s) {
        Grid2D g = s.grid();
        int row = g.ny() == 1 ? 0 : g.ny() / 4;
        int top = s.levels() - 1;
        double length = g.nx() * g.dx();
        double[][] out = new double[4][g.nx()];
        for (int i = 0; i < g.nx(); i++) {
            out[0][i] = g.x(i) / length;
            out[1][i] = g.ny() == 1 ? 0 : g.y(row) / length;
            out[2][i] = s.u(i, row, top);
            out[3][i] = s.v(i, row, top);
        }
        return out;
    }

    /** Solves at one L with the given points and levels, to a solver tolerance of 1e-6. */
    public BlatterSolution solve(double lengthKm, int points, int levels) {
        BlatterPattynFlow flow = new BlatterPattynFlow(BlatterOptions.defaults().withLevels(levels)
                .withTolerance(1e-6));
        return flow.solve(problem(lengthKm, points));
    }

    @Override
    public VerificationReport run(boolean full, Path outputFolder) {
        int[] lengths = full ? LENGTHS_KM : experiment.sliding() ? new int[]{20, 80} : new int[]{10, 80};
        int points = full ? (experiment.flowline() ? 160 : 40) : (experiment.flowline() ? 40 : 20);
        int levels = full ? 16 : 10;
        VerificationReport.Builder report = new VerificationReport.Builder(name(),
                "ISMIP-HOM " + experiment + ", " + (experiment.flowline() ? points + " points" : points + "×" + points)
                        + ", " + levels + " levels",
                "L (km)", "max surface speed (m/a)", "at x/L", "mean surface speed (m/a)", "iterations",
                "seconds");
        List<SurfaceProfile> profiles = new ArrayList<>();
        for (int lengthKm : lengths) {
            BlatterSolution s = solve(lengthKm, points, levels);
            double[][] p = profile(s);
            SurfaceProfile prof = new SurfaceProfile("L = " + lengthKm + " km", p[0], p[1], p[2], p[3]);
            profiles.add(prof);
            report.row(lengthKm, prof.maxSpeed(), prof.argMax(), prof.meanSpeed(),
                    s.report().nonlinearIterations(), s.report().seconds());
            if (outputFolder != null) {
                prof.writeCsv(outputFolder.resolve("ismip-hom").resolve(String.format(Locale.ROOT, "%s_L%03d.csv",
                        experiment.name().toLowerCase(Locale.ROOT), lengthKm)));
            }
        }
        if (outputFolder != null) {
            SurfaceProfile.plot(outputFolder.resolve("ismip-hom").resolve(
                    experiment.name().toLowerCase(Locale.ROOT) + ".png"),
                    "ISMIP-HOM " + experiment + ": surface velocity (Blatter–Pattyn)", profiles);
        }
        if (experiment == Experiment.A) {
            report.note("published (full-Stokes ensemble mean, Pattyn et al. 2008): L = 80 km peaks at about 87 m/a"
                    + " near x/L = 0.75");
        }
        if (experiment == Experiment.C) {
            report.note("published (full-Stokes ensemble mean, Pattyn et al. 2008): L = 20 km peaks at about 19 m/a");
        }
        report.note("profiles along " + (experiment.flowline() ? "the flowline" : "y = L/4")
                + "; solver tolerance 1e-6 (relative quasi-Newton step)");
        return report.build();
    }
}
