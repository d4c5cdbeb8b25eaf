package igm.verification;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.WeertmanSliding;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ISMIP-HOM experiment E (Pattyn et al. 2008): the Haut Glacier d'Arolla flowline (5 km, ice-free at both ends, the
 * surface falling along +x) with the Blatter–Pattyn solver, A = 100 MPa⁻³ a⁻¹. E1: no slip everywhere; E2: zero
 * basal traction where the table's slip flag is 1 (2200–2500 m), no slip elsewhere. The geometry is the published
 * table at 100 m ({@code igm/verification/ismip-hom/arolla100.dat}); finer grids interpolate bed and surface linearly
 * and take the slip flag of the nearest table point. Small runs: the table's 51 points, 10 levels; full runs: 201
 * points (25 m), 16 levels. The free-slip patch is a Weertman law with an infinite coefficient (zero drag).
 */
public final class IsmipHomArollaCase implements VerificationCase {

    /** The table as read: rows of x (m), bed (m), surface (m), slip flag. */
    static double[][] table() {
        try (InputStream in = IsmipHomArollaCase.class.getResourceAsStream("ismip-hom/arolla100.dat")) {
            if (in == null) {
                throw new InputException("the resource igm/verification/ismip-hom/arolla100.dat is missing");
            }
            List<double[]> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                rows.add(Arrays.stream(line.split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
            return rows.toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "ismip-hom-e";
    }

    @Override
    public String description() {
        return "ISMIP-HOM experiment E (Pattyn et al. 2008): Haut Glacier d'Arolla flowline, no slip (E1) and with a"
                + " zero-traction patch (E2), Blatter–Pattyn surface velocity";
    }

    /**
     * The problem on {@code points} equally spaced points over the 5 km table.
     *
     * @param points    grid points, ≥ 2
     * @param slipPatch E2 (true) or E1
     * @throws InputException when there are fewer than 2 points
     */
    public static BlatterProblem problem(int points, boolean slipPatch) {
        if (points < 2) {
            throw new InputException("the Arolla flowline needs at least 2 points, got " + points);
        }
        double[][] t = table();
        double x0 = t[0][0];
        double length = t[t.length - 1][0] - x0;
        double dx = length / (points - 1);
        Grid2D g = new Grid2D(points, 1, dx, x0, 0);
        double[] bed = new double[points];
        double[] h = new double[points];
        double[] a = new double[points];
        double[] c = new double[points];
        double step = t[1][0] - t[0][0];
        for (int i = 0; i < points; i++) {
            double x = g.x(i);
            double f = Math.min((x - x0) / step, t.length - 1.0);
            int k = Math.min((int) Math.floor(f), t.length - 2);
            double w = f - k;
            bed[i] = (1 - w) * t[k][1] + w * t[k + 1][1];
            double surface = (1 - w) * t[k][2] + w * t[k + 1][2];
            h[i] = Math.max(0, surface - bed[i]);
            a[i] = 100;
            int nearest = (int) Math.round(f);
            c[i] = slipPatch && t[nearest][3] == 1 ? Double.POSITIVE_INFINITY : 0;
        }
        return new BlatterProblem(g, bed, h, a, new WeertmanSliding(c), false, 0, 0);
    }

    @Override
    public VerificationReport run(boolean full, Path outputFolder) {
        int points = full ? 201 : 51;
        int levels = full ? 16 : 10;
        VerificationReport.Builder report = new VerificationReport.Builder(name(),
                "ISMIP-HOM E (Haut Glacier d'Arolla), " + points + " points, " + levels + " levels",
                "experiment", "max surface speed (m/a)", "at x/L", "mean surface speed over the ice (m/a)",
                "iterations", "seconds");
        List<SurfaceProfile> profiles = new ArrayList<>();
        for (boolean slip : new boolean[]{false, true}) {
            String label = slip ? "E2" : "E1";
            BlatterProblem p = problem(points, slip);
            BlatterPattynFlow flow = new BlatterPattynFlow(BlatterOptions.defaults().withLevels(levels)
                    .withTolerance(1e-6));
            BlatterSolution s = flow.solve(p);
            Grid2D g = p.grid();
            double length = (g.nx() - 1) * g.dx();
            double[] xHat = new double[g.nx()];
            double[] yHat = new double[g.nx()];
            double[] vx = s.uLevel(s.levels() - 1);
            double[] vy = s.vLevel(s.levels() - 1);
            double sum = 0;
            int ice = 0;
            for (int i = 0; i < g.nx(); i++) {
                xHat[i] = (g.x(i) - g.xOrigin()) / length;
                if (p.thickness()[i] > 0) {
                    sum += Math.hypot(vx[i], vy[i]);
                    ice++;
                }
            }
            SurfaceProfile prof = new SurfaceProfile(label, xHat, yHat, vx, vy);
            profiles.add(prof);
            report.row(label, prof.maxSpeed(), prof.argMax(), sum / ice, s.report().nonlinearIterations(),
                    s.report().seconds());
            if (outputFolder != null) {
                prof.writeCsv(outputFolder.resolve("ismip-hom").resolve(slip ? "e2.csv" : "e1.csv"));
            }
        }
        if (outputFolder != null) {
            SurfaceProfile.plot(outputFolder.resolve("ismip-hom").resolve("e.png"),
                    "ISMIP-HOM E (Haut Glacier d'Arolla): surface velocity (Blatter–Pattyn)", profiles);
        }
        report.note("x/L = x / 5000 m; the ice flows towards +x");
        return report.build();
    }
}
