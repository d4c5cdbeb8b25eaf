package igm.cli;

import igm.emulator.EmulatorWriter;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.training.PhysicsInformedPretraining;
import igm.training.PretrainingSettings;
import igm.training.TrainingPipeline;
import igm.training.TrainingSettings;
import igm.training.TrainingWorkFolder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igm train PARAMS.yaml [--set key=value ...] [--resume]}: trains a CNN emulator on the instructor runs of
 * {@code igm generate} ({@link TrainingPipeline}) and writes it as an emulator folder ({@link EmulatorWriter}).
 *
 * <p>The runs are those of {@code train.data} and of its sub-folders; {@code train.validation_fraction} of the
 * valleys (or those named by {@code train.validation_valleys}) are held out for validation;
 * {@code train.patches_per_snapshot} patches of {@code train.patch_size}² cells are cut from each snapshot. After
 * every epoch a line is printed, and the learning curves and a checkpoint are written in {@code train.work_folder}
 * ({@link TrainingWorkFolder}); {@code --resume} continues from it with the same parameters (only
 * {@code train.epochs} may be raised) and gives the network an uninterrupted training would have given. The
 * fidelity on the held-out runs goes to the manifest's validation scores.
 *
 * <p>With {@code train.loss: blatter_energy} the network is instead pretrained on the Blatter–Pattyn energy of its own
 * velocity ({@link PhysicsInformedPretraining}): {@code train.data} then gives only glacier geometries, and the
 * held-out relative L1 is measured against converged {@code blatter} solves.
 */
@Command(name = "train", description = "Train a CNN emulator on instructor runs (from igm generate), or "
        + "physics-informed on the Blatter–Pattyn energy of their geometries (train.loss: blatter_energy), and write "
        + "it as an emulator folder.")
public final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set train.epochs=20 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "continue the training from the checkpoint in train.work_folder")
    boolean resume;

    @Override
    public Integer call() {
        Parameters p = ParameterFile.load(parameterFile, overrides);
        if (PretrainingSettings.requested(p)) {
            new PhysicsInformedPretraining(PretrainingSettings.from(p, parameterFile), resume).run(System.out);
        } else {
            new TrainingPipeline(TrainingSettings.from(p, parameterFile), resume).run(System.out);
        }
        return 0;
    }
}
