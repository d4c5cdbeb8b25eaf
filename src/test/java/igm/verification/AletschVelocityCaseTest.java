package igm.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
