package igm.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.io.TinyNetcdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Aletsch velocity cross-check runs and gives sane figures (skipped without the shared data). */
@Tag("verification")
class AletschVelocityCaseTest {

    @Test
    void runsAndGivesSaneFigures(@TempDir Path out) throws Exception {
        AletschVelocityCase c = new AletschVelocityCase();
        Assumptions.assumeTrue(c.dataAvailable(), "Aletsch data not found, skipping: " + c.dataFile());
        VerificationReport report = c.run(false, out);
        System.out.println(report.toMarkdown());
        assertTrue(Files.readAllLines(out.resolve(AletschVelocityCase.NAME + ".csv")).size() >= 2);
        for (String map : List.of("observed", "sia")) {
            assertTrue(Files.size(out.resolve(AletschVelocityCase.NAME + "-" + map + ".png")) > 1000, map);
        }
        List<String> sia = report.rows().stream().filter(r -> r.get(0).equals("sia")).findFirst().orElseThrow();
        int cells = Integer.parseInt(sia.get(1));
        double vectorError = Double.parseDouble(sia.get(2));
        double observed = Double.parseDouble(sia.get(4));
        double modelled = Double.parseDouble(sia.get(5));
        assertTrue(cells > 1000, "compared cells: " + cells);
        // Aletsch flows at tens to a few hundred m/a: a sane mean observed speed, and a model within a factor 10.
        assertTrue(observed > 5 && observed < 500, "mean observed speed " + observed);
        assertTrue(Double.isFinite(modelled) && modelled > observed / 10 && modelled < observed * 10,
                "mean SIA speed " + modelled + " vs observed " + observed);
        assertTrue(Double.isFinite(vectorError) && vectorError > 0 && vectorError < 10 * observed,
                "SIA velocity MAE " + vectorError);
        // The SIA flows down the surface gradient, as the glacier does: a wrong axis or sign would give ~90° or more.
        double direction = Double.parseDouble(sia.get(7));
        assertTrue(direction < 45, "SIA direction error " + direction + "°");
    }

    @Test
    void missingDataIsReportedAsSkipped() {
        AletschVelocityCase c = new AletschVelocityCase(Path.of("no", "such", "file.nc"),
                AletschVelocityCase.defaultModels(), 0);
        VerificationReport report = c.run(false, null);
        assertEquals(0, report.rows().size());
        assertTrue(report.notes().getFirst().startsWith("skipped: data file not found"), report.notes().toString());
    }

    @Test
    void aModelThatCannotBeBuiltIsSkippedWithItsReason() {
        AletschVelocityCase probe = new AletschVelocityCase();
        Assumptions.assumeTrue(probe.dataAvailable(), "Aletsch data not found, skipping: " + probe.dataFile());
        Map<String, java.util.function.Function<igm.grid.Grid2D, igm.physics.iceflow.IceFlowModel>> models =
                new LinkedHashMap<>();
        models.put("broken", g -> {
            throw new igm.InputException("no weights here");
        });
        VerificationReport report = new AletschVelocityCase(probe.dataFile(), models, 0).run(false, null);
        assertEquals(0, report.rows().size());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("broken skipped: no weights here")),
                report.notes().toString());
    }

    /** A 3 × 2 glacier with observed velocities u = {@code east} and v = {@code north} (rows north first). */
    private static Path tinyGlacier(Path file, double[][] east, String eastUnits, double[][] north,
                                    String northUnits) throws Exception {
        TinyNetcdf nc = TinyNetcdf.withCoordinates(new double[] {0, 100, 200}, new double[] {100, 0})
                .field("usurf", new double[][] {{3000, 2990, 2980}, {2950, 2940, 2930}})
                .field("thk", new double[][] {{100, 120, 80}, {90, 110, 70}})
                .field("uvelsurfobs", east).field("vvelsurfobs", north);
        if (eastUnits != null) {
            nc.attribute("uvelsurfobs", "units", eastUnits);
        }
        if (northUnits != null) {
            nc.attribute("vvelsurfobs", "units", northUnits);
        }
        return nc.write(file);
    }

    @Test
    void observedVelocitiesInOtherUnitsReadAsTheSameInMetresPerYear(@TempDir Path dir) throws Exception {
        double year = 365.242198781 * 86400;
        double[][] u = {{10, 20, 30}, {40, 50, 60}};
        double[][] v = {{-5, 0, 5}, {15, 25, 35}};
        double[][] uSeconds = new double[2][3];
        double[][] vKilometres = new double[2][3];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                uSeconds[r][c] = u[r][c] / year;
                vKilometres[r][c] = v[r][c] / 1000;
            }
        }
        AletschVelocityCase.Observed perYear = new AletschVelocityCase(tinyGlacier(dir.resolve("a.nc"), u, "m a-1",
                v, null), Map.of(), 0).observed();
        AletschVelocityCase.Observed other = new AletschVelocityCase(tinyGlacier(dir.resolve("s.nc"), uSeconds,
                "m s-1", vKilometres, "km a-1"), Map.of(), 0).observed();
        assertArrayEquals(new double[] {40, 50, 60, 10, 20, 30}, perYear.uObs(), 1e-4);
        assertArrayEquals(perYear.uObs(), other.uObs(), 1e-4);
        assertArrayEquals(perYear.vObs(), other.vObs(), 1e-4);
    }

    @Test
    void observedVelocitiesInUnitsOfAnotherKindAreRefused(@TempDir Path dir) throws Exception {
        double[][] zero = new double[2][3];
        Path file = tinyGlacier(dir.resolve("m.nc"), zero, "m", zero, null);
        InputException e = assertThrows(InputException.class,
                () -> new AletschVelocityCase(file, Map.of(), 0).observed());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'uvelsurfobs'")
                && e.getMessage().contains("'m'") && e.getMessage().contains("not a velocity"), e.getMessage());
    }
}
