package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.data.Fidelity;
import igm.io.InstructorRunData;
import igm.io.InstructorSnapshotReader;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.EmulatorIceFlow;
import igm.physics.iceflow.HybridIceFlow;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.iceflow.ShallowShelfFlow;
import igm.physics.iceflow.blatter.BlatterOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulator library of {@code emulators/}: every folder loads with a manifest that agrees with its files, the
 * bundled example runs the Blatter–Pattyn-instructed one, and the Blatter–Pattyn- and hybrid-instructed ones are
 * within the paper's fidelity (relative L1 ≤ 10 %) of their instructor on a glacier they never saw: three states of a
 * held-out synthetic valley (another seed than the training's), bundled in the test resources, solved here again by
 * the instructor.
 */
class ShippedEmulatorsTest {

    private static final Path LIBRARY = Path.of("emulators");
    private static final Path HELD_OUT = Path.of("src/test/resources/igm/emulator");

    @Test
    void everyShippedEmulatorLoadsWithItsManifest() throws IOException {
        List<Path> folders;
        try (Stream<Path> s = Files.list(LIBRARY)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(folders.size() >= 2, "at least a hybrid- and a blatter-instructed emulator: " + folders);
        boolean hybrid = false;
        boolean blatter = false;
        for (Path f : folders) {
            try (Emulator e = Emulator.load(f, 100, 1)) {
                EmulatorManifest m = e.manifest().orElseThrow(() -> new AssertionError(f + " has no manifest"));
                assertEquals(100, m.gridSpacing(), f.toString());
                assertFalse(m.validationScores().isEmpty(), f.toString());
                hybrid |= m.instructor().name().equals("hybrid");
                blatter |= m.instructor().name().equals("blatter");
            }
        }
        assertTrue(hybrid && blatter, "instructed by hybrid and by blatter: " + folders);
    }

    @Test
    void theExampleRunsTheBlatterInstructedEmulator() {
        Parameters p = ParameterFile.load(Path.of("examples/aletsch/params.yaml"), List.of());
        assertEquals("emulator", p.string("iceflow.method"));
        Path folder = p.path("iceflow.emulator");
        try (Emulator e = Emulator.load(folder, 100, 1)) {
            assertEquals("blatter", e.manifest().orElseThrow().instructor().name());
        }
    }

    @ParameterizedTest
    @CsvSource({"blatter-100m, heldout-blatter.nc, blatter", "blatter-100m-8x32, heldout-blatter.nc, blatter",
            "hybrid-100m, heldout-hybrid.nc, hybrid"})
    void theEmulatorIsWithinTenPercentOfItsInstructorOnAHeldOutGlacier(String emulatorName, String file,
                                                                       String instructorName) {
        InstructorRunData run = InstructorSnapshotReader.read(HELD_OUT.resolve(file));
        assertEquals(instructorName, run.metadata().get("instructor"));
        IceFlowModel instructor = instructorName.equals("blatter")
                ? new BlatterPattynFlow(BlatterOptions.defaults().withThreads(2))
                : new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow());
        Fidelity fidelity = new Fidelity();
        try (EmulatorIceFlow emulator = EmulatorIceFlow.load(LIBRARY.resolve(emulatorName), run.grid())) {
            for (int s = 0; s < run.snapshots(); s++) {
                IceFlowInput in = new IceFlowInput(run.grid(), run.field("thk", s), run.field("usurf", s),
                        run.field("slidingco", s), run.field("arrhenius", s));
                IceFlowResult truth = instructor.solve(in);
                IceFlowResult emulated = emulator.solve(in);
                Fidelity stored = new Fidelity().add(run.field("ubar", s), run.field("vbar", s), truth.ubar(),
                        truth.vbar());
                assertTrue(stored.relativeL1() < 0.01, "the solver gives the stored instructor answer again: "
                        + stored.relativeL1());
                fidelity.add(truth.ubar(), truth.vbar(), emulated.ubar(), emulated.vbar());
            }
        }
        assertTrue(fidelity.cells() > 1000, "cells above 10 m/a: " + fidelity.cells());
        assertTrue(fidelity.relativeL1() <= 0.10, "relative L1 " + fidelity.relativeL1() + ", L1 " + fidelity.l1()
                + " m/a over " + fidelity.cells() + " cells");
    }
}
