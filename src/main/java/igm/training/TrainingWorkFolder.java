package igm.training;

import igm.InputException;
import igm.Version;
import igm.emulator.training.Checkpoint;
import igm.emulator.training.DataSelection;
import igm.emulator.training.EpochRecord;
import igm.emulator.training.Trainer;
import igm.io.AtomicOutput;
import igm.io.LearningCurvePlotter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The work folder of a training ({@code train.work_folder}): the parameters it was started with, the learning curves
 * and the checkpoint rewritten after every epoch, and the table of the data selection. Every file is written
 * atomically.
 */
public final class TrainingWorkFolder {

    /** The trainer's state after the last epoch ({@link Checkpoint}). */
    public static final String CHECKPOINT_FILE = "checkpoint.bin";
    /** The learning curves, one line per epoch. */
    public static final String CURVE_CSV = "learning_curve.csv";
    /** The learning curves, plotted. */
    public static final String CURVE_PNG = "learning_curve.png";
    /** The decisions of the data selection, one line per run. */
    public static final String SELECTION_CSV = "selection.csv";
    /** The resolved parameters of the training and the program version. */
    public static final String PARAMETER_FILE = "params.yaml";

    private final Path folder;

    private TrainingWorkFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Creates the folder and writes the parameters into it; a resumed training must have the parameters of the
     * training it continues, except {@code train.epochs}.
     *
     * @param resolvedParameters the resolved parameters as YAML
     * @throws InputException when resuming with other parameters
     */
    public static TrainingWorkFolder prepare(Path folder, String resolvedParameters, boolean resume) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create train.work_folder " + folder, e);
        }
        Path params = folder.resolve(PARAMETER_FILE);
        String text = "# igm train, " + Version.full() + "\n" + resolvedParameters;
        if (resume && Files.isRegularFile(params)) {
            try {
                String before = Files.readString(params);
                if (!comparable(before).equals(comparable(text))) {
                    throw new InputException("--resume: the parameters differ from those of the training in " + folder
                            + " (" + params + "); resume with the same parameters or start afresh");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + params, e);
            }
        }
        AtomicOutput.writeText(params, text);
        return new TrainingWorkFolder(folder);
    }

    /** The parameters text without comments and without train.epochs, which a resumed training may raise. */
    private static String comparable(String text) {
        return text.lines().filter(l -> !l.startsWith("#") && !l.trim().startsWith("epochs:"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** The checkpoint file of the folder (it may not exist). */
    public Path checkpointFile() {
        return folder.resolve(CHECKPOINT_FILE);
    }

    /** The selection table of the folder (it may not exist). */
    public Path selectionFile() {
        return folder.resolve(SELECTION_CSV);
    }

    /**
     * After an epoch: prints its line, rewrites the learning curves from the trainer's history and writes the
     * checkpoint.
     */
    public void epochDone(Trainer t, EpochRecord e, PrintStream out) {
        out.printf(Locale.ROOT, "epoch %4d: training loss %.5f, validation loss %.5f, gradient norm %.3g "
                        + "(%.0f %% clipped), %d samples in %.1f s (%.0f samples/s, %.0f GFLOP/s)%n", e.epoch(),
                e.trainingLoss(), e.validationLoss(), e.gradientNorm(), 100 * e.clippedFraction(), e.samples(),
                e.seconds(), e.samplesPerSecond(), e.gflops());
        List<EpochRecord> h = t.history();
        StringBuilder csv = new StringBuilder("epoch,samples,training_loss,validation_loss,gradient_norm,"
                + "clipped_fraction,seconds,samples_per_second,gflops\n");
        double[] x = new double[h.size()];
        double[] train = new double[h.size()];
        double[] valid = new double[h.size()];
        for (int k = 0; k < h.size(); k++) {
            EpochRecord r = h.get(k);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.8g,%.8g,%.6g,%.4f,%.3f,%.2f,%.2f%n", r.epoch(),
                    r.samples(), r.trainingLoss(), r.validationLoss(), r.gradientNorm(), r.clippedFraction(),
                    r.seconds(), r.samplesPerSecond(), r.gflops()));
            x[k] = r.epoch();
            train[k] = r.trainingLoss();
            valid[k] = r.validationLoss();
        }
        AtomicOutput.writeText(folder.resolve(CURVE_CSV), csv);
        LearningCurvePlotter.plot(folder.resolve(CURVE_PNG), "Learning curves", x, train, valid);
        t.checkpoint().write(checkpointFile());
    }

    /** Writes the decisions of the data selection. */
    public void writeSelection(List<DataSelection.Decision> decisions) {
        StringBuilder csv = new StringBuilder("run_id,ice_volume_max_km3,test_loss,training_loss,kept\n");
        for (DataSelection.Decision d : decisions) {
            csv.append(String.format(Locale.ROOT, "%s,%.6f,%.8g,%.8g,%b%n", d.source(), d.maxVolume() / 1e9,
                    d.testLoss(), d.trainingLoss(), d.kept()));
        }
        AtomicOutput.writeText(selectionFile(), csv);
    }

    /** The runs the selection table keeps, in its order. */
    public List<String> keptRuns() {
        Path table = selectionFile();
        try {
            List<String> kept = new ArrayList<>();
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] parts = line.split(",");
                if (parts.length == 5 && parts[4].trim().equals("true")) {
                    kept.add(parts[0]);
                }
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
    }
}
