package igm.training;

import igm.emulator.EmulatorArchitecture;
import igm.emulator.EmulatorField;
import igm.emulator.EmulatorInstructor;
import igm.emulator.EmulatorManifest;
import igm.emulator.EmulatorTraining;
import igm.emulator.data.PatchSet;
import igm.emulator.training.DataSelection;
import igm.emulator.training.EpochRecord;
import igm.emulator.training.TrainableNetwork;
import igm.emulator.training.Trainer;
import igm.io.InstructorRunFile;
import igm.io.WorkingDirectory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest of an emulator trained by {@link TrainingPipeline}: what it was trained on, how, and how well. */
final class TrainingManifest {

    private TrainingManifest() {
    }

    /**
     * The manifest of the trained network: its instructor (that of the first run), scales, shape, training data,
     * training settings with the last epoch's losses, seed and validation scores.
     *
     * @param finalTraining the loss of the final network on the training patches
     * @param scores        the validation scores, name → value
     * @param pool          the patches trained on last (after a data selection, those of the kept runs)
     * @param dx            grid spacing, m
     */
    static EmulatorManifest create(TrainingSettings settings, Trainer t, TrainableNetwork network,
                                   double finalTraining, Map<String, Double> scores, TrainingPipeline.Split split,
                                   PatchSet pool, TrainingPipeline.Patches patches,
                                   List<DataSelection.Decision> decisions, double dx, List<EmulatorField> inScales,
                                   List<EmulatorField> outScales) {
        List<EpochRecord> history = t.history();
        EpochRecord last = history.get(history.size() - 1);
        Path initialFolder = settings.initialEmulator();
        Map<String, Object> dataSummary = dataSummary(settings, split, pool, patches.validation(), decisions,
                patches.size(), initialFolder == null ? null : WorkingDirectory.relative(initialFolder));
        InstructorRunFile first = split.runs().get(0);
        return EmulatorManifest.create(settings.name(), "CNN ice-flow emulator instructed by "
                        + first.instructor() + ", trained by igm train", dx, inScales, outScales,
                EmulatorArchitecture.of(network.toLayers(), settings.architecture().leakyAlpha()),
                new EmulatorInstructor(first.instructor(), first.instructorSettings()), dataSummary,
                new EmulatorTraining(t.epochsDone(), settings.options().batchSize(), settings.options().learningRate(),
                        settings.options().clipNorm(), "l1", last.trainingLoss(),
                        Double.isNaN(last.validationLoss()) ? finalTraining : last.validationLoss()),
                settings.seed(), scores);
    }

    private static Map<String, Object> dataSummary(TrainingSettings settings, TrainingPipeline.Split split,
                                                   PatchSet pool, PatchSet validation,
                                                   List<DataSelection.Decision> decisions, int patchSize,
                                                   String initialEmulator) {
        List<InstructorRunFile> runs = split.runs();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folder", settings.dataFolder().getFileName().toString());
        m.put("runs", (long) runs.size());
        m.put("training_runs", split.training().stream().map(InstructorRunFile::id).toList());
        m.put("validation_runs", split.validation().stream().map(InstructorRunFile::id).toList());
        m.put("snapshots", (long) runs.stream().mapToInt(r -> r.data().snapshots()).sum());
        m.put("training_patches", (long) pool.count());
        m.put("validation_patches", (long) validation.count());
        m.put("patch_size", (long) patchSize);
        m.put("patches_per_snapshot", (long) settings.patchesPerSnapshot());
        m.put("learning_rate_decay", settings.options().learningRateDecay());
        if (initialEmulator != null) {
            m.put("initial_emulator", initialEmulator);
        }
        m.put("sliding_coefficients", runs.stream().map(r -> r.data().metadata().getOrDefault("sliding_coefficient",
                "?")).distinct().sorted().toList());
        if (!decisions.isEmpty()) {
            m.put("selection_kept", decisions.stream().filter(DataSelection.Decision::kept)
                    .map(DataSelection.Decision::source).toList());
        }
        return m;
    }
}
