package igm.training;

import igm.InputException;
import igm.emulator.Emulator;
import igm.emulator.EmulatorField;
import igm.emulator.EmulatorManifest;
import igm.emulator.EmulatorWriter;
import igm.emulator.data.ChannelLayout;
import igm.emulator.data.FieldScales;
import igm.emulator.data.Fidelity;
import igm.emulator.data.PatchSampler;
import igm.emulator.data.PatchSet;
import igm.emulator.data.Snapshot;
import igm.emulator.training.Architecture;
import igm.emulator.training.Checkpoint;
import igm.emulator.training.DataSelection;
import igm.emulator.training.TrainableNetwork;
import igm.emulator.training.Trainer;
import igm.io.InstructorRunFile;
import igm.io.InstructorRunTree;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains a CNN emulator on the instructor runs of {@code igm generate} and writes it as an emulator folder
 * ({@link EmulatorWriter}).
 *
 * <p><b>Data.</b> Every {@code *.nc} run file of the data folder and of its sub-folders (one per
 * {@code igm generate}) is read ({@link InstructorRunTree}). The valleys (all runs of a valley, with every sliding
 * coefficient) are split with the seed: a share {@link TrainingSettings#validationFraction} is held out (or the
 * valleys named by {@link TrainingSettings#validationValleys}), so that validation measures glaciers the network
 * never saw. The scales are the typical values of the training snapshots ({@link FieldScales}); a number of patches
 * is cut from each snapshot around its ice ({@link PatchSampler}), the draws of snapshot s of run r seeded by
 * (seed, r, s).
 *
 * <p><b>Training.</b> {@link Trainer} with the paper's Adam, L1 loss, gradient clipping, batches and augmentation;
 * optionally the data selection of the paper first ({@link DataSelection}), then the remaining epochs on the kept
 * runs. After every epoch a line is printed and the learning curves and a checkpoint are written to the work folder
 * ({@link TrainingWorkFolder}); a resumed training continues from that checkpoint with the same settings (only the
 * number of epochs may be raised) and gives the network an uninterrupted training would have given.
 *
 * <p><b>Result.</b> The fidelity on the held-out runs (every snapshot, whole grids, the depth-averaged velocity where
 * the instructor's speed exceeds 10 m a⁻¹: {@link EmulatorFidelity}) goes to the manifest's validation scores with
 * the final losses ({@link TrainingManifest}), and the emulator folder is written atomically.
 */
public final class TrainingPipeline {

    private final TrainingSettings settings;
    private final boolean resume;
    private final ChannelLayout layout = ChannelLayout.standard();

    /** The runs, split by valley into training and validation runs. */
    record Split(List<InstructorRunFile> runs, List<InstructorRunFile> training,
                 List<InstructorRunFile> validation) {
    }

    /** The network to start from ({@code null}: random weights) and the scales of the inputs and outputs. */
    private record Start(TrainableNetwork network, List<EmulatorField> inputs, List<EmulatorField> outputs) {
    }

    /** The patches of every run by run id, and those of the training and of the validation runs together. */
    record Patches(Map<String, PatchSet> byRun, PatchSet training, PatchSet validation, int size) {
    }

    /** A trainer ready for its next epoch, the patches it trains on, and whether the data selection comes first. */
    private record Begin(Trainer trainer, PatchSet pool, boolean selection) {
    }

    /**
     * @param resume whether to continue from the checkpoint of the work folder, when there is one
     */
    public TrainingPipeline(TrainingSettings settings, boolean resume) {
        this.settings = settings;
        this.resume = resume;
    }

    /**
     * Trains and writes the emulator folder, printing its progress to {@code out}.
     *
     * @throws InputException for runs of different grid spacings, a bad valley name, no patch with ice, a starting
     *                        emulator or checkpoint of another shape or other fields, or a resume that cannot continue
     */
    public void run(PrintStream out) {
        List<InstructorRunFile> runs = InstructorRunTree.read(settings.dataFolder(), "train.data", out);
        double dx = gridSpacing(runs);
        Split split = split(runs, out);
        Start start = start(split.training(), dx, out);
        out.println("scales: " + describe(start.inputs()) + " → " + describe(start.outputs()));
        PatchSampler sampler = new PatchSampler(layout, start.inputs(), start.outputs(), settings.patchSize());
        Patches patches = patches(split, sampler);
        Architecture architecture = settings.architecture();
        out.printf(Locale.ROOT, "patches: %d training, %d validation (%d×%d cells); network %s; %d epoch(s), "
                        + "batch %d, learning rate %g (× %g per epoch), clip norm %g, %d thread(s)%n",
                patches.training().count(), patches.validation().count(), sampler.size(), sampler.size(),
                architecture.describe(), settings.epochs(), settings.options().batchSize(),
                settings.options().learningRate(), settings.options().learningRateDecay(),
                settings.options().clipNorm(), settings.threads());

        TrainingWorkFolder work = TrainingWorkFolder.prepare(settings.workFolder(), settings.resolvedParameters(),
                resume);
        Begin begin = begin(start, patches, work, out);
        long startTime = System.nanoTime();
        try (Trainer t = begin.trainer()) {
            List<DataSelection.Decision> decisions = new ArrayList<>();
            PatchSet pool = begin.selection() ? select(t, split, patches, work, decisions, out) : begin.pool();
            while (t.epochsDone() < settings.epochs()) {
                work.epochDone(t, t.epoch(pool, patches.validation()), out);
            }
            double seconds = (System.nanoTime() - startTime) * 1e-9;
            finish(t, start, split, pool, patches, decisions, dx, seconds, out);
        }
    }

    /**
     * Measures the trained network (final losses, fidelity on the validation runs), writes the emulator folder
     * with its manifest and prints the outcome.
     */
    private void finish(Trainer t, Start start, Split split, PatchSet pool, Patches patches,
                        List<DataSelection.Decision> decisions, double dx, double seconds, PrintStream out) {
        TrainableNetwork network = t.network();
        Map<String, Double> scores = new TreeMap<>();
        double finalTraining = t.loss(pool);
        scores.put("training_loss", finalTraining);
        if (patches.validation().count() > 0) {
            scores.put("validation_loss", t.loss(patches.validation()));
        }
        Fidelity fidelity = EmulatorFidelity.onRuns(network, start.inputs(), start.outputs(), dx, split.validation(),
                layout, settings.threads());
        if (fidelity.cells() > 0) {
            scores.put("relative_l1", fidelity.relativeL1());
            scores.put("l1_m_per_a", fidelity.l1());
            scores.put("fidelity", 1 - fidelity.relativeL1());
            scores.put("cells", (double) fidelity.cells());
        }
        EmulatorManifest manifest = TrainingManifest.create(settings, t, network, finalTraining, scores, split, pool,
                patches, decisions, dx, start.inputs(), start.outputs());
        EmulatorWriter.write(settings.emulatorFolder(), network.toLayers(), settings.architecture().leakyAlpha(),
                manifest);
        out.printf(Locale.ROOT, "trained %d epoch(s) in %.1f s; held-out fidelity: relative L1 %.4f, L1 %.2f m/a "
                        + "over %d cells (|u| > %.0f m/a)%n", t.epochsDone(), seconds, fidelity.relativeL1(),
                fidelity.l1(), fidelity.cells(), fidelity.threshold());
        out.println("emulator written to " + settings.emulatorFolder());
    }

    /** The grid spacing of the runs, m, which must be one. */
    private static double gridSpacing(List<InstructorRunFile> runs) {
        double dx = runs.get(0).data().grid().dx();
        for (InstructorRunFile r : runs) {
            if (Math.abs(r.data().grid().dx() - dx) > 1e-6 * dx) {
                throw new InputException(r.data().file() + ": grid spacing " + r.data().grid().dx() + " m, but "
                        + runs.get(0).data().file() + " has " + dx + " m; an emulator is trained for one spacing");
            }
        }
        return dx;
    }

    /** Holds out the named valleys, or a share of them drawn with the seed, with all their runs. */
    private Split split(List<InstructorRunFile> runs, PrintStream out) {
        List<String> valleys = new ArrayList<>(new TreeSet<>(runs.stream().map(InstructorRunFile::valley).toList()));
        List<String> named = namedValidationValleys(valleys);
        List<String> held = named != null ? named
                : heldOutValleys(valleys, settings.validationFraction(), settings.seed());
        List<InstructorRunFile> trainingRuns = runs.stream().filter(r -> !held.contains(r.valley())).toList();
        List<InstructorRunFile> validationRuns = runs.stream().filter(r -> held.contains(r.valley())).toList();
        out.printf(Locale.ROOT, "igm train: %d run(s) of %d valley(s) in %s; %d valley(s) held out for validation "
                + "(%s)%n", runs.size(), valleys.size(), settings.dataFolder(), held.size(), String.join(", ", held));
        return new Split(runs, trainingRuns, validationRuns);
    }

    /** The valleys named by {@link TrainingSettings#validationValleys}, sorted; null when there is none. */
    private List<String> namedValidationValleys(List<String> valleys) {
        return namedValleys(settings.validationValleys(), valleys, settings.source());
    }

    /**
     * The valleys named in {@code text} ({@code train.validation_valleys}: names separated by commas), sorted; null
     * when it is blank.
     *
     * @param source where the parameters came from, for messages
     * @throws InputException for a name that is not among {@code valleys}, or when every valley is named
     */
    static List<String> namedValleys(String text, List<String> valleys, String source) {
        if (text.strip().isEmpty()) {
            return null;
        }
        TreeSet<String> held = new TreeSet<>();
        for (String name : text.strip().split(",")) {
            String v = name.strip();
            if (!valleys.contains(v)) {
                throw new InputException(source + ": train.validation_valleys names '" + v + "', which is "
                        + "not a valley of train.data; its valleys are " + String.join(", ", valleys));
            }
            held.add(v);
        }
        if (held.size() == valleys.size()) {
            throw new InputException(source + ": train.validation_valleys = " + text.strip() + " holds out every "
                    + "valley; expected at least one valley left for training");
        }
        return List.copyOf(held);
    }

    /** A share of the valleys, at least one when there are two or more and the share is positive. */
    static List<String> heldOutValleys(List<String> valleys, double fraction, long seed) {
        if (fraction <= 0 || valleys.size() < 2) {
            return List.of();
        }
        List<String> shuffled = new ArrayList<>(valleys);
        Collections.shuffle(shuffled, new Random(seed));
        int n = Math.max(1, Math.min(valleys.size() - 1, (int) Math.round(fraction * valleys.size())));
        return List.copyOf(new TreeSet<>(shuffled.subList(0, n)));
    }

    /**
     * The starting network and scales: those of the initial emulator (a fine-tuning: its weights hold only with the
     * scales it was trained with), else random weights (drawn later) and the typical values of the training runs.
     */
    private Start start(List<InstructorRunFile> trainingRuns, double dx, PrintStream out) {
        Path initialFolder = settings.initialEmulator();
        if (initialFolder == null) {
            List<EmulatorField> scales = FieldScales.typical(sampleSnapshots(trainingRuns), layout.names());
            return new Start(null, scales.subList(0, layout.inputs().size()),
                    scales.subList(layout.inputs().size(), scales.size()));
        }
        Architecture architecture = settings.architecture();
        TrainableNetwork initial;
        List<EmulatorField> inScales;
        List<EmulatorField> outScales;
        try (Emulator e = Emulator.load(initialFolder, dx, settings.threads())) {
            initial = TrainableNetwork.fromLayers(e.network().layers(), e.network().leakyAlpha());
            inScales = e.inputs();
            outScales = e.outputs();
        }
        if (!initial.architecture().describe().equals(architecture.describe())) {
            throw new InputException(settings.parameterFile() + ": train.initial_emulator = " + initialFolder
                    + " is a network " + initial.architecture().describe() + ", the parameters ask for "
                    + architecture.describe());
        }
        // the same shape; the LeakyReLU slope as the parameters say (the file holds it as a float)
        initial = TrainableNetwork.of(architecture, initial.parameters());
        if (!inScales.stream().map(EmulatorField::name).toList().equals(layout.inputs())
                || !outScales.stream().map(EmulatorField::name).toList().equals(layout.outputs())) {
            throw new InputException(settings.parameterFile() + ": train.initial_emulator = " + initialFolder
                    + " has fields " + describe(inScales) + " → " + describe(outScales) + "; expected "
                    + layout.inputs() + " → " + layout.outputs());
        }
        out.println("starting from the weights and scales of " + initialFolder);
        return new Start(initial, inScales, outScales);
    }

    private Snapshot snapshot(InstructorRunFile r, int s) {
        Map<String, double[]> fields = new HashMap<>();
        for (String name : layout.names()) {
            fields.put(name, r.data().field(name, s));
        }
        return new Snapshot(r.id(), r.data().times()[s], r.data().grid(), fields);
    }

    /** At most about 400 snapshots spread over the runs, for the typical values. */
    private List<Snapshot> sampleSnapshots(List<InstructorRunFile> runs) {
        int total = runs.stream().mapToInt(r -> r.data().snapshots()).sum();
        int stride = Math.max(1, (total + 399) / 400);
        List<Snapshot> out = new ArrayList<>();
        int k = 0;
        for (InstructorRunFile r : runs) {
            for (int s = 0; s < r.data().snapshots(); s++, k++) {
                if (k % stride == 0) {
                    out.add(snapshot(r, s));
                }
            }
        }
        return out;
    }

    /** The patches of every run, in the order of all runs, and their union over the training and validation runs. */
    private Patches patches(Split split, PatchSampler sampler) {
        Map<String, PatchSet> byRun = new LinkedHashMap<>();
        for (int k = 0; k < split.runs().size(); k++) {
            byRun.put(split.runs().get(k).id(), patches(split.runs().get(k), k, sampler));
        }
        PatchSet training = new PatchSet(layout, sampler.size());
        for (InstructorRunFile r : split.training()) {
            training = training.union(byRun.get(r.id()));
        }
        PatchSet validation = new PatchSet(layout, sampler.size());
        for (InstructorRunFile r : split.validation()) {
            validation = validation.union(byRun.get(r.id()));
        }
        if (training.count() == 0) {
            throw new InputException(settings.dataFolder() + ": the training runs give no patch with ice");
        }
        return new Patches(byRun, training, validation, sampler.size());
    }

    private PatchSet patches(InstructorRunFile r, int runIndex, PatchSampler sampler) {
        PatchSet set = new PatchSet(layout, sampler.size());
        long seed = settings.seed();
        for (int s = 0; s < r.data().snapshots(); s++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + runIndex * 65_537L + s);
            set.addAll(sampler.sample(snapshot(r, s), settings.patchesPerSnapshot(), random));
        }
        return set;
    }

    /**
     * The trainer: resumed from the work folder's checkpoint (after a data selection, on the runs it kept), else new
     * from the starting network or from random weights drawn with the seed.
     */
    private Begin begin(Start start, Patches patches, TrainingWorkFolder work, PrintStream out) {
        Path checkpointFile = work.checkpointFile();
        Architecture architecture = settings.architecture();
        if (!(resume && Files.isRegularFile(checkpointFile))) {
            return new Begin(new Trainer(start.network() != null ? start.network()
                    : TrainableNetwork.initialise(architecture, settings.seed()), settings.options()),
                    patches.training(), settings.selection());
        }
        Checkpoint c = Checkpoint.read(checkpointFile);
        if (!c.architecture().equals(architecture)) {
            throw new InputException(checkpointFile + ": a network " + c.architecture().describe()
                    + ", the parameters ask for " + architecture.describe());
        }
        Trainer trainer = Trainer.resume(c, settings.options());
        out.printf(Locale.ROOT, "resuming after epoch %d from %s%n", c.epochsDone(), checkpointFile);
        if (!settings.selection()) {
            return new Begin(trainer, patches.training(), false);
        }
        Path table = work.selectionFile();
        if (!Files.isRegularFile(table)) {
            throw new InputException(checkpointFile + " was written during the data selection, which cannot "
                    + "resume half-way; run again without --resume");
        }
        PatchSet pool = new PatchSet(layout, patches.size());
        for (String id : work.keptRuns()) {
            PatchSet s = patches.byRun().get(id);
            if (s == null) {
                throw new InputException(table + " keeps run " + id + ", which " + settings.dataFolder() + " lacks");
            }
            pool = pool.union(s);
        }
        return new Begin(trainer, pool, false);
    }

    /** The data selection of the paper on the training runs; returns the patches of the kept runs. */
    private PatchSet select(Trainer t, Split split, Patches patches, TrainingWorkFolder work,
                            List<DataSelection.Decision> decisions, PrintStream out) {
        List<DataSelection.Run> candidates = new ArrayList<>();
        for (InstructorRunFile r : split.training()) {
            candidates.add(new DataSelection.Run(r.id(), r.maxVolume(), patches.byRun().get(r.id())));
        }
        DataSelection.Result result = DataSelection.select(t, candidates, settings.selectionEpochs(),
                patches.validation(), e -> work.epochDone(t, e, out), d -> {
                    decisions.add(d);
                    out.printf(Locale.ROOT, "selection: %s (max volume %.4f km³) %s%s%n", d.source(),
                            d.maxVolume() / 1e9, d.kept() ? "kept" : "left out",
                            Double.isNaN(d.testLoss()) ? "" : String.format(Locale.ROOT,
                                    ": test loss %.5f vs training loss %.5f", d.testLoss(), d.trainingLoss()));
                });
        PatchSet pool = result.pool();
        work.writeSelection(decisions);
        out.printf(Locale.ROOT, "selection kept %d of %d run(s), %d patches%n", result.kept().size(),
                candidates.size(), pool.count());
        return pool;
    }

    /** The fields with their scales, e.g. {@code thk/92.0000, ubar/160.000}. */
    static String describe(List<EmulatorField> fields) {
        StringBuilder sb = new StringBuilder();
        for (EmulatorField f : fields) {
            sb.append(sb.isEmpty() ? "" : ", ").append(f.name()).append('/').append(String.format(Locale.ROOT, "%g",
                    f.scale()));
        }
        return sb.toString();
    }
}
