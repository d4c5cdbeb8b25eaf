package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.Emulator;
import igm.emulator.data.Fidelity;
import igm.emulator.data.MeanRelativeError;
import igm.emulator.training.GradientEngine;
import igm.io.InstructorRunData;
import igm.io.InstructorSnapshotReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The shipped physics-informed emulator {@code emulators/pinn-100m}, pretrained without solver data, against the
 * converged {@code blatter} solver on a glacier it never saw: the three states of the held-out synthetic valley bundled
 * in the test resources (another seed than any geometry of the pretraining), whose stored velocities are those of the
 * {@code blatter} solver with its default settings (the same energy: 10 levels; {@code ShippedEmulatorsTest} checks
 * that the solver gives them again). The bound is the figure measured when it was shipped, rounded up: the frozen
 * target of 10 % is not reached by the four-stage pretraining ({@code reports/training/pinn-100m-stage-*}). The
 * resolution layout {@code emulators/pinn} serves 100 m ({@code pinn-100m}) and 200 m.
 */
class ShippedPhysicsInformedEmulatorTest {

    /**
     * The per-cell relative L1 of ū measured at shipping (0.1268; 0.1171 as a ratio of sums; stage 3, without the slab
     * velocity inputs: 0.1584; stage 1 alone: 0.1647), rounded up.
     */
    private static final double BOUND = 0.13;

    @Test
    void pretrainedEmulatorAgainstTheConvergedSolverOnAHeldOutGlacier() {
        InstructorRunData run = InstructorSnapshotReader.read(Path.of("src/test/resources/igm/emulator")
                .resolve("heldout-blatter.nc"));
        assertEquals("blatter", run.metadata().get("instructor"));
        PhysicsInformedNetwork net = PhysicsInformedNetwork.load(Path.of("emulators/pinn-100m"), 100,
                BlatterOptions.defaults().withThreads(2));
        assertEquals(BlatterOptions.DEFAULT_LEVELS, net.levels());
        MeanRelativeError perCell = new MeanRelativeError();
        Fidelity sums = new Fidelity();
        try (GradientEngine engine = new GradientEngine(net.architecture(), 2)) {
            for (int s = 0; s < run.snapshots(); s++) {
                BlatterProblem p = PhysicsInformedNetwork.problem(run.grid(), run.field("thk", s),
                        run.field("usurf", s), run.field("arrhenius", s), run.field("slidingco", s));
                BlatterSolution v = net.velocity(engine, p, null);
                perCell.add(run.field("ubar", s), run.field("vbar", s), v.ubar(), v.vbar());
                sums.add(run.field("ubar", s), run.field("vbar", s), v.ubar(), v.vbar());
            }
        }
        System.out.printf(Locale.ROOT, "pinn-100m on the held-out valley: relative L1 of ū %.4f (mean of per-cell "
                + "ratios), %.4f (ratio of sums), L1 %.2f m/a over %d cells%n", perCell.value(), sums.relativeL1(),
                sums.l1(), perCell.cells());
        assertTrue(perCell.cells() > 1000, "cells above 10 m/a: " + perCell.cells());
        assertTrue(perCell.value() <= BOUND, "relative L1 " + perCell.value());
    }

    @Test
    void theResolutionLayoutPicksTheNetworkOfTheGridSpacing() throws IOException {
        Path layout = Path.of("emulators/pinn");
        for (double dx : new double[] {100, 200}) {
            try (Emulator e = Emulator.load(layout, dx, 1)) {
                assertEquals(dx, e.manifest().orElseThrow().gridSpacing());
                assertTrue(PhysicsInformedNetwork.isPhysicsInformed(e));
            }
        }
        assertArrayEquals(Files.readAllBytes(Path.of("emulators/pinn-100m/model.h5")),
                Files.readAllBytes(layout.resolve("100/model.h5")), "pinn/100 is pinn-100m");
    }
}
