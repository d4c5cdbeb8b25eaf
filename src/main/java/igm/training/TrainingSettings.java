package igm.training;

import igm.InputException;
import igm.emulator.data.ChannelLayout;
import igm.emulator.training.Architecture;
import igm.emulator.training.TrainingOptions;
import igm.params.Parameters;

import java.nio.file.Path;

/**
 * The settings of a training of an emulator ({@code igm train}), read once from the {@code train.*} and
 * {@code run.seed} parameters.
 *
 * @param parameterFile         the parameter file, for messages
 * @param source                where the parameters came from (file and overrides), for messages
 * @param resolvedParameters    the resolved parameters as YAML, written to the work folder
 * @param seed                  master seed ({@code run.seed}): the valley split, the patches, the first weights and
 *                              the batches
 * @param dataFolder            folder of instructor runs ({@code train.data}, absolute)
 * @param emulatorFolder        emulator folder to write ({@code train.emulator}, absolute)
 * @param workFolder            folder of the learning curves, the selection table and the checkpoint
 *                              ({@code train.work_folder}, absolute)
 * @param threads               threads of the training (the parameter's 0 resolved to the available processors)
 * @param architecture          the network's shape (inputs and outputs of {@link ChannelLayout#standard()})
 * @param epochs                epochs in all, data selection included
 * @param options               Adam, batches, clipping, augmentation and learning-rate decay
 * @param validationValleys     the valleys held out by name, separated by commas ({@code train.validation_valleys}),
 *                              blank for a share of them
 * @param validationFraction    share of the valleys held out when none is named
 * @param initialEmulator       emulator folder whose weights and scales the training starts from (absolute), or
 *                              {@code null} to start from random weights
 * @param patchSize             width and height of a patch, cells
 * @param patchesPerSnapshot    patches cut from each snapshot
 * @param selection             whether the data selection of the paper runs first
 * @param selectionEpochs       epochs after each run added by the data selection
 * @param name                  the emulator's name in its manifest ({@code train.name}, else the folder's name)
 */
public record TrainingSettings(Path parameterFile, String source, String resolvedParameters, long seed,
                               Path dataFolder, Path emulatorFolder, Path workFolder, int threads,
                               Architecture architecture, int epochs, TrainingOptions options,
                               String validationValleys, double validationFraction, Path initialEmulator,
                               int patchSize, int patchesPerSnapshot, boolean selection, int selectionEpochs,
                               String name) {

    /**
     * Reads the settings.
     *
     * @param parameterFile the file {@code p} was loaded from, named in messages
     * @throws InputException when {@code train.data}, {@code train.emulator} or {@code train.work_folder} is empty,
     *                        or for an even kernel width
     */
    public static TrainingSettings from(Parameters p, Path parameterFile) {
        long seed = p.integer("run.seed");
        Path dataFolder = p.requiredPath("train.data", "igm train");
        Path emulatorFolder = p.requiredPath("train.emulator", "igm train");
        Path work = p.requiredPath("train.work_folder", "igm train");
        int threads = p.integer("train.threads") == 0 ? Runtime.getRuntime().availableProcessors()
                : p.integer("train.threads");
        ChannelLayout layout = ChannelLayout.standard();
        Architecture architecture = Architecture.of(layout.inputs().size(), layout.outputs().size(),
                p.integer("train.layers"), p.integer("train.filters"), p.integer("train.kernel"));
        if (architecture.kernelSize() % 2 == 0) {
            throw new InputException(parameterFile + ": train.kernel = " + architecture.kernelSize()
                    + "; expected an odd width");
        }
        TrainingOptions options = new TrainingOptions(p.integer("train.batch_size"), p.number("train.learning_rate"),
                p.number("train.clip_norm"), p.bool("train.augment"), seed, threads,
                p.number("train.learning_rate_decay"));
        String name = p.string("train.name").isBlank() ? emulatorFolder.getFileName().toString()
                : p.string("train.name");
        return new TrainingSettings(parameterFile, p.source(), p.toResolvedYaml(), seed, dataFolder, emulatorFolder,
                work, threads, architecture, p.integer("train.epochs"), options,
                p.string("train.validation_valleys"), p.number("train.validation_fraction"),
                p.path("train.initial_emulator"), p.integer("train.patch_size"),
                p.integer("train.patches_per_snapshot"), p.bool("train.selection"),
                p.integer("train.selection_epochs"), name);
    }
}
