package igm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.EmulatorManifest;
import igm.instruct.GenerationPipeline;
import igm.instruct.GenerationSettings;
import igm.params.ParameterFile;
import igm.params.ParameterRegistry;
import igm.params.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation and training pipelines called without the command line: two tiny synthetic valleys, one epoch of a
 * small network; each pipeline prints to the stream it is given and writes its folder.
 */
class TrainingPipelineTest {

    @TempDir
    Path dir;

    private Parameters parameters(String yaml) {
        return ParameterFile.load(ParameterRegistry.standard(), yaml, "test.yaml", dir, List.of());
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generationAndTrainingRunWithoutTheCommandLine() {
        Parameters g = parameters("""
                run:
                  seed: 3
                generate:
                  folder: gen
                  dx: 200
                  synthetic_valleys: 2
                  valley_cells: [40, 48]
                  sliding_coefficients: [0]
                  advance_years: 10
                  retreat_years: 10
                  snapshot_interval: 4
                  parallel_runs: 1
                iceflow:
                  method: sia
                """);
        GenerationSettings generation = GenerationSettings.from(g);
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        new GenerationPipeline(g, generation, false).run(generation.runs(), new PrintStream(generated, true,
                StandardCharsets.UTF_8));
        assertTrue(text(generated).contains("done: 2 run(s) finished"), text(generated));
        assertTrue(Files.isRegularFile(dir.resolve("gen").resolve(GenerationPipeline.INDEX_FILE)));

        Parameters t = parameters("""
                run:
                  seed: 5
                train:
                  data: gen
                  emulator: emulator
                  work_folder: work
                  layers: 1
                  filters: 4
                  epochs: 1
                  batch_size: 8
                  patch_size: 16
                  patches_per_snapshot: 1
                  validation_fraction: 0.5
                """);
        ByteArrayOutputStream trained = new ByteArrayOutputStream();
        new TrainingPipeline(TrainingSettings.from(t, dir.resolve("test.yaml")), false).run(new PrintStream(trained,
                true, StandardCharsets.UTF_8));
        String out = text(trained);
        assertTrue(out.startsWith("igm train: 2 run(s) of 2 valley(s)"), out);
        assertTrue(out.contains("epoch    1: training loss"), out);
        assertTrue(out.contains("emulator written to " + dir.resolve("emulator")), out);
        EmulatorManifest m = EmulatorManifest.read(dir.resolve("emulator").resolve(EmulatorManifest.FILE_NAME));
        assertEquals(1, m.training().epochs());
        assertEquals("emulator", m.name());
        assertTrue(Files.isRegularFile(dir.resolve("work").resolve(TrainingWorkFolder.CHECKPOINT_FILE)));
    }
}
