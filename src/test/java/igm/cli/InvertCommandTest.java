package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.inversion.InversionPipeline;
import igm.io.ClimateReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.GriddedInputWriter;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igm invert} on a small glacier whose velocity is a converged blatter solve: from no ice it writes
 * {@code inverted.nc} (an input {@code igm run} reads, with the modelled and observed velocity and the misfits), the
 * cost history and the maps, and reports the blatter check; bad inputs (observations on another grid, no observed
 * velocity, a mask without ice, thickness observed outside the mask, a negative uncertainty) give one clear error
 * each, exit code 1 and no {@code inverted.nc}.
 */
class InvertCommandTest {

    static final Path EMULATOR = Path.of("emulators/pinn-100m").toAbsolutePath();

    @TempDir
    Path dir;

    /**
     * A tongue in a valley (24 × 14 cells of 100 m), its surface velocity solved by blatter; thickness observed along
     * three cross profiles.
     */
    static Path glacier(Path file, Variant variant) {
        Grid2D g = new Grid2D(24, 14, 100, variant == Variant.SHIFTED ? 50 : 0, 0);
        int n = g.size();
        double[] bed = new double[n];
        double[] thickness = new double[n];
        double[] sliding = new double[n];
        double[] rate = new double[n];
        Arrays.fill(rate, 78);
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = g.index(i, j);
                double y = (j - 6.5) / 6.5;
                bed[k] = 3000 - 15 * i + 200 * y * y;
                double along = (i - 11.5) / 10.0;
                double r2 = along * along + (y / 0.8) * (y / 0.8);
                thickness[k] = r2 < 1 ? 150 * (1 - r2) : 0;
                sliding[k] = 4;
            }
        }
        double[] surface = new double[n];
        double[] mask = new double[n];
        double[] thkobs = new double[n];
        for (int k = 0; k < n; k++) {
            surface[k] = bed[k] + thickness[k];
            mask[k] = thickness[k] > 0 && variant != Variant.NO_ICE ? 1 : 0;
            int column = k % g.nx();
            thkobs[k] = thickness[k] > 0 && (column == 6 || column == 11 || column == 16) ? thickness[k] : Double.NaN;
        }
        BlatterOptions o = BlatterOptions.defaults().withLevels(10).withThreads(2).withTolerance(1e-8)
                .withMaxIterations(20000);
        BlatterSolution s = new BlatterPattynFlow(o).solve(PhysicsInformedNetwork.problem(g, thickness, surface,
                rate, sliding));
        double[] u = s.uLevel(9).clone();
        double[] v = s.vLevel(9).clone();
        for (int k = 0; k < n; k++) {
            if (thickness[k] == 0 || variant == Variant.NO_VELOCITY) {
                u[k] = Double.NaN;
                v[k] = Double.NaN;
            }
        }
        Map<FieldSpec, double[]> extra = new LinkedHashMap<>();
        extra.put(new FieldSpec("icemaskobs", "1", "glacier outline"), mask);
        extra.put(new FieldSpec("uvelsurfobs", "m year-1", "observed surface velocity along x"), u);
        extra.put(new FieldSpec("vvelsurfobs", "m year-1", "observed surface velocity along y"), v);
        extra.put(new FieldSpec("thkobs", "m", "observed thickness"), thkobs);
        double[] prior = new double[n];
        for (int k = 0; k < n; k++) {
            prior[k] = thickness[k] > 0 ? 1.2 * thickness[k] : Double.NaN;
        }
        extra.put(new FieldSpec("thk_prior", "m", "a prior thickness, 20 % too thick"), prior);
        GriddedInput input = new GriddedInput(g, surface.clone(), surface, new double[n], null, null, null, Map.of(),
                file);
        GriddedInputWriter.write(file, input, extra, Map.of("title", "twin glacier for igm invert"));
        return file;
    }

    /** The glacier as it is, on a grid shifted by half a cell, without observed velocity, or with an empty mask. */
    enum Variant { PLAIN, SHIFTED, NO_VELOCITY, NO_ICE }

    private CliRun invert(Path input, String... sets) throws IOException {
        Path params = dir.resolve("invert.yaml");
        Files.writeString(params, "input:\n  file: " + input + "\niceflow:\n  emulator: " + EMULATOR
                + "\n  threads: 2\noutput:\n  folder: " + dir.resolve("out") + "\n");
        List<String> args = new java.util.ArrayList<>(List.of("invert", params.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return CliRun.igm(args.toArray(String[]::new));
    }

    @Test
    void writesAnInputForIgmRunTheCostAndTheMaps() throws IOException {
        Path input = glacier(dir.resolve("twin.nc"), Variant.PLAIN);
        CliRun r = invert(input, "invert.iterations=120", "invert.holdout=0.34", "invert.prior_file=" + input,
                "invert.prior_thickness=thk_prior");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("prior thickness 'thk_prior'"), r.stdout());
        assertTrue(r.stdout().contains("the prior RMSE"), r.stdout());
        assertTrue(r.stdout().contains("withheld 1 of the 3 thickness profiles"), r.stdout());
        assertTrue(r.stdout().contains("withheld thickness ("), r.stdout());
        assertTrue(r.stdout().contains("converged blatter solve of the inverted state"), r.stdout());
        Path out = dir.resolve("out");
        GriddedInput inverted = GriddedInputReader.read(out.resolve(InversionPipeline.INVERTED));
        double volume = Arrays.stream(inverted.thickness()).sum();
        assertTrue(volume > 0, "the inverted glacier has ice");
        for (int k = 0; k < inverted.grid().size(); k++) {
            assertEquals(inverted.surface()[k], inverted.bed()[k] + inverted.thickness()[k], 1e-3, "usurf = topg + thk");
            if (inverted.iceMask()[k] == 0) {
                assertEquals(0, inverted.thickness()[k], "no ice outside the mask");
            }
            assertTrue(inverted.slidingCoefficient()[k] > 0);
        }
        for (String v : List.of("uvelsurf", "vvelsurf", "velsurf_mag", "velsurf_mag_blatter", "uvelsurfobs",
                "thkobs", "velsurf_misfit", "thk_misfit")) {
            assertTrue(ClimateReader.hasVariable(out.resolve(InversionPipeline.INVERTED), v, "inverted"), v);
        }
        List<String> cost = Files.readAllLines(out.resolve(InversionPipeline.COST_CSV));
        assertEquals(121, cost.size(), "a header and one line per iteration");
        String summary = Files.readString(out.resolve(InversionPipeline.SUMMARY));
        assertTrue(summary.contains("| withheld thickness, inverted: RMSE, bias |"), summary);
        assertTrue(summary.contains("| withheld thickness, prior (invert.prior_file): RMSE, bias |"), summary);
        for (String png : List.of(InversionPipeline.COST_PNG, "inversion_speed_observed.png",
                "inversion_speed_modelled.png", "inversion_speed_difference.png", "inversion_thickness.png",
                "inversion_sliding.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }

    @Test
    void badInputsGiveOneClearErrorEach() throws IOException {
        Path input = glacier(dir.resolve("twin.nc"), Variant.PLAIN);
        check(invert(input, "invert.observations_file=" + glacier(dir.resolve("shifted.nc"), Variant.SHIFTED)),
                "does not cover the model grid");
        check(invert(glacier(dir.resolve("none.nc"), Variant.NO_VELOCITY)),
                "have no finite value inside the glacier mask");
        check(invert(glacier(dir.resolve("empty.nc"), Variant.NO_ICE)), "has no cell above 0.5");
        check(invert(input, "invert.thickness_observations=usurf"), "outside the glacier mask");
        check(invert(input, "invert.velocity_uncertainty=-1"), "invert.velocity_uncertainty");
    }

    /** Observations on a grid offset by half a cell are refused cell for cell, and read when interpolated. */
    @Test
    void observationsOnAnOffsetGridAreInterpolatedWhenAsked() throws IOException {
        Path input = glacier(dir.resolve("twin.nc"), Variant.PLAIN);
        Path shifted = glacier(dir.resolve("shifted.nc"), Variant.SHIFTED);
        // the velocity and outline only: interpolated thickness profiles reach past the interpolated outline's edge,
        // which is refused as for any thickness observed outside the outline
        CliRun r = invert(input, "invert.observations_file=" + shifted, "invert.observations_interpolated=true",
                "invert.thickness_observations=", "invert.iterations=30");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("with observed surface velocity"), r.stdout());
        assertTrue(Files.exists(dir.resolve("out").resolve(InversionPipeline.INVERTED)));
    }

    private void check(CliRun r, String expected) {
        assertEquals(1, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains(expected), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), "one line: " + r.stderr());
        assertFalse(Files.exists(dir.resolve("out").resolve(InversionPipeline.INVERTED)), "no inverted.nc");
    }
}
