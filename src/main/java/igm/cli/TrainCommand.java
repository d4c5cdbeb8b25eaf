package igm.cli;

import igm.InputException;
import igm.Version;
import igm.emulator.Emulator;
import igm.emulator.EmulatorArchitecture;
import igm.emulator.EmulatorField;
import igm.emulator.EmulatorInstructor;
import igm.emulator.EmulatorManifest;
import igm.emulator.EmulatorTraining;
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
import igm.emulator.training.EpochRecord;
import igm.emulator.training.TrainableNetwork;
import igm.emulator.training.Trainer;
import igm.emulator.training.TrainingOptions;
import igm.io.AtomicOutput;
import igm.io.InstructorRunData;
import igm.io.InstructorSnapshotReader;
import igm.io.LearningCurvePlotter;
import igm.params.ParameterFile;
import igm.params.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igm train PARAMS.yaml [--set key=value ...] [--resume]}: trains a CNN emulator on the instructor runs of
 * {@code igm generate} and writes it as an emulator folder ({@link EmulatorWriter}).
 *
 * <p><b>Data.</b> Every {@code *.nc} run file of {@code train.data} and of its sub-folders (one per
 * {@code igm generate}) is read ({@link #readRunTree}). The valleys (all runs of a valley, with
 * every sliding coefficient) are split with the seed: a share {@code train.validation_fraction} is held out (or the
 * valleys named by {@code train.validation_valleys}), so that
 * validation measures glaciers the network never saw. The scales are the typical values of the training snapshots
 * ({@link FieldScales}); {@code train.patches_per_snapshot} patches of {@code train.patch_size}² cells are cut from
 * each snapshot around its ice ({@link PatchSampler}), the draws of snapshot s of run r seeded by (seed, r, s).
 *
 * <p><b>Training.</b> {@link Trainer} with the paper's Adam, L1 loss, gradient clipping, batches and augmentation;
 * optionally the data selection of the paper first ({@link DataSelection}), then the remaining epochs on the kept
 * runs. After every epoch a line is printed, {@code learning_curve.csv} and {@code learning_curve.png} are rewritten
 * and a checkpoint is written in {@code train.work_folder}; {@code --resume} continues from it with the same
 * parameters (only {@code train.epochs} may be raised) and gives the network an uninterrupted training would have
 * given.
 *
 * <p><b>Result.</b> The fidelity on the held-out runs (every snapshot, whole grids, the depth-averaged velocity where
 * the instructor's speed exceeds 10 m a⁻¹: {@link Fidelity}) goes to the manifest's validation scores with the final
 * losses, and the emulator folder is written atomically.
 */
@Command(name = "train", description = "Train a CNN emulator on instructor runs (from igm generate) and write it as an "
        + "emulator folder.")
public final class TrainCommand implements Callable<Integer> {

    static final String CHECKPOINT_FILE = "checkpoint.bin";
    static final String CURVE_CSV = "learning_curve.csv";
    static final String CURVE_PNG = "learning_curve.png";
    static final String SELECTION_CSV = "selection.csv";
    static final String PARAMETER_FILE = "params.yaml";

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set train.epochs=20 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "continue the training from the checkpoint in train.work_folder")
    boolean resume;

    /** One run file, read. */
    record RunData(String id, String valley, double maxVolume, InstructorRunData data) {

        /** The description of the run's valley (its metadata {@code valley_parameters}), empty when absent. */
        String valleyParameters() {
            return data.metadata().getOrDefault("valley_parameters", "");
        }

        /**
         * What makes the valley the same valley: its description with the DEM named by its file name only, so that
         * a window of the same DEM read from another checkout or working copy (another absolute path) is the same
         * window.
         */
        String valleyIdentity() {
            return DEM_FOLDER.matcher(valleyParameters()).replaceFirst("dem=");
        }
    }

    /** The folder part of a {@code dem=PATH} entry of a valley description. */
    private static final Pattern DEM_FOLDER = Pattern.compile("dem=[^;]*[/\\\\]");

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Parameters p = ParameterFile.load(parameterFile, overrides);
        long seed = p.integer("run.seed");
        Path dataFolder = required(p, "train.data");
        Path emulatorFolder = required(p, "train.emulator");
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
        int epochs = p.integer("train.epochs");
        TrainingOptions options = new TrainingOptions(p.integer("train.batch_size"), p.number("train.learning_rate"),
                p.number("train.clip_norm"), p.bool("train.augment"), seed, threads,
                p.number("train.learning_rate_decay"));

        List<RunData> runs = readRunTree(dataFolder, "train.data", out);
        double dx = runs.get(0).data().grid().dx();
        for (RunData r : runs) {
            if (Math.abs(r.data().grid().dx() - dx) > 1e-6 * dx) {
                throw new InputException(r.data().file() + ": grid spacing " + r.data().grid().dx() + " m, but "
                        + runs.get(0).data().file() + " has " + dx + " m; an emulator is trained for one spacing");
            }
        }
        List<String> valleys = new ArrayList<>(new TreeSet<>(runs.stream().map(RunData::valley).toList()));
        List<String> named = namedValidationValleys(p, valleys);
        List<String> held = named != null ? named
                : heldOutValleys(valleys, p.number("train.validation_fraction"), seed);
        List<RunData> trainingRuns = runs.stream().filter(r -> !held.contains(r.valley())).toList();
        List<RunData> validationRuns = runs.stream().filter(r -> held.contains(r.valley())).toList();
        out.printf(Locale.ROOT, "igm train: %d run(s) of %d valley(s) in %s; %d valley(s) held out for validation "
                + "(%s)%n", runs.size(), valleys.size(), dataFolder, held.size(), String.join(", ", held));

        Path initialFolder = p.path("train.initial_emulator");
        TrainableNetwork initial = null;
        List<EmulatorField> inScales;
        List<EmulatorField> outScales;
        if (initialFolder != null) {
            // fine-tuning: the starting network's weights hold only with the scales it was trained with
            try (Emulator e = Emulator.load(initialFolder, dx, threads)) {
                initial = TrainableNetwork.fromLayers(e.network().layers(), e.network().leakyAlpha());
                inScales = e.inputs();
                outScales = e.outputs();
            }
            if (!initial.architecture().describe().equals(architecture.describe())) {
                throw new InputException(parameterFile + ": train.initial_emulator = " + initialFolder
                        + " is a network " + initial.architecture().describe() + ", the parameters ask for "
                        + architecture.describe());
            }
            // the same shape; the LeakyReLU slope as the parameters say (the file holds it as a float)
            initial = TrainableNetwork.of(architecture, initial.parameters());
            if (!inScales.stream().map(EmulatorField::name).toList().equals(layout.inputs())
                    || !outScales.stream().map(EmulatorField::name).toList().equals(layout.outputs())) {
                throw new InputException(parameterFile + ": train.initial_emulator = " + initialFolder + " has fields "
                        + describe(inScales) + " → " + describe(outScales) + "; expected " + layout.inputs() + " → "
                        + layout.outputs());
            }
            out.println("starting from the weights and scales of " + initialFolder);
        } else {
            List<EmulatorField> scales = FieldScales.typical(sampleSnapshots(trainingRuns, layout), layout.names());
            inScales = scales.subList(0, layout.inputs().size());
            outScales = scales.subList(layout.inputs().size(), scales.size());
        }
        out.println("scales: " + describe(inScales) + " → " + describe(outScales));
        PatchSampler sampler = new PatchSampler(layout, inScales, outScales, p.integer("train.patch_size"));
        int perSnapshot = p.integer("train.patches_per_snapshot");
        Map<String, PatchSet> patchesByRun = new LinkedHashMap<>();
        for (int k = 0; k < runs.size(); k++) {
            patchesByRun.put(runs.get(k).id(), patches(runs.get(k), k, sampler, layout, perSnapshot, seed));
        }
        PatchSet training = new PatchSet(layout, sampler.size());
        for (RunData r : trainingRuns) {
            training = training.union(patchesByRun.get(r.id()));
        }
        PatchSet validation = new PatchSet(layout, sampler.size());
        for (RunData r : validationRuns) {
            validation = validation.union(patchesByRun.get(r.id()));
        }
        if (training.count() == 0) {
            throw new InputException(dataFolder + ": the training runs give no patch with ice");
        }
        out.printf(Locale.ROOT, "patches: %d training, %d validation (%d×%d cells); network %s; %d epoch(s), "
                        + "batch %d, learning rate %g (× %g per epoch), clip norm %g, %d thread(s)%n", training.count(),
                validation.count(), sampler.size(), sampler.size(), architecture.describe(), epochs,
                options.batchSize(), options.learningRate(), options.learningRateDecay(), options.clipNorm(), threads);

        prepareWork(work, p);
        Path checkpointFile = work.resolve(CHECKPOINT_FILE);
        Trainer trainer;
        List<DataSelection.Decision> decisions = new ArrayList<>();
        PatchSet pool = training;
        boolean selection = p.bool("train.selection");
        if (resume && Files.isRegularFile(checkpointFile)) {
            Checkpoint c = Checkpoint.read(checkpointFile);
            if (!c.architecture().equals(architecture)) {
                throw new InputException(checkpointFile + ": a network " + c.architecture().describe()
                        + ", the parameters ask for " + architecture.describe());
            }
            trainer = Trainer.resume(c, options);
            out.printf(Locale.ROOT, "resuming after epoch %d from %s%n", c.epochsDone(), checkpointFile);
            if (selection) {
                Path table = work.resolve(SELECTION_CSV);
                if (!Files.isRegularFile(table)) {
                    throw new InputException(checkpointFile + " was written during the data selection, which cannot "
                            + "resume half-way; run again without --resume");
                }
                List<String> kept = keptRuns(table);
                pool = new PatchSet(layout, sampler.size());
                for (String id : kept) {
                    PatchSet s = patchesByRun.get(id);
                    if (s == null) {
                        throw new InputException(table + " keeps run " + id + ", which " + dataFolder + " lacks");
                    }
                    pool = pool.union(s);
                }
                selection = false;
            }
        } else {
            trainer = new Trainer(initial != null ? initial : TrainableNetwork.initialise(architecture, seed), options);
        }
        long start = System.nanoTime();
        try (trainer) {
            final Trainer t = trainer;
            if (selection) {
                List<DataSelection.Run> candidates = new ArrayList<>();
                for (RunData r : trainingRuns) {
                    candidates.add(new DataSelection.Run(r.id(), r.maxVolume(), patchesByRun.get(r.id())));
                }
                PatchSet v = validation;
                DataSelection.Result result = DataSelection.select(t, candidates, p.integer("train.selection_epochs"),
                        v, e -> afterEpoch(t, e, work, out), d -> {
                            decisions.add(d);
                            out.printf(Locale.ROOT, "selection: %s (max volume %.4f km³) %s%s%n", d.source(),
                                    d.maxVolume() / 1e9, d.kept() ? "kept" : "left out",
                                    Double.isNaN(d.testLoss()) ? "" : String.format(Locale.ROOT,
                                            ": test loss %.5f vs training loss %.5f", d.testLoss(),
                                            d.trainingLoss()));
                        });
                pool = result.pool();
                writeSelection(work.resolve(SELECTION_CSV), decisions);
                out.printf(Locale.ROOT, "selection kept %d of %d run(s), %d patches%n", result.kept().size(),
                        candidates.size(), pool.count());
            }
            while (t.epochsDone() < epochs) {
                afterEpoch(t, t.epoch(pool, validation), work, out);
            }
            double seconds = (System.nanoTime() - start) * 1e-9;
            TrainableNetwork network = t.network();
            Map<String, Double> scores = new TreeMap<>();
            List<EpochRecord> history = t.history();
            EpochRecord last = history.get(history.size() - 1);
            double finalTraining = t.loss(pool);
            scores.put("training_loss", finalTraining);
            if (validation.count() > 0) {
                scores.put("validation_loss", t.loss(validation));
            }
            Fidelity fidelity = fidelity(network, inScales, outScales, dx, validationRuns, layout, threads);
            if (fidelity.cells() > 0) {
                scores.put("relative_l1", fidelity.relativeL1());
                scores.put("l1_m_per_a", fidelity.l1());
                scores.put("fidelity", 1 - fidelity.relativeL1());
                scores.put("cells", (double) fidelity.cells());
            }
            Map<String, Object> dataSummary = dataSummary(runs, trainingRuns, validationRuns, pool, validation,
                    decisions, perSnapshot, sampler.size(), dataFolder, options.learningRateDecay(),
                    initialFolder == null ? null : relativeToWorkingDirectory(initialFolder));
            String name = p.string("train.name").isBlank() ? emulatorFolder.getFileName().toString()
                    : p.string("train.name");
            RunData first = runs.get(0);
            EmulatorManifest manifest = EmulatorManifest.create(name, "CNN ice-flow emulator instructed by "
                            + instructorName(first) + ", trained by igm train", dx, inScales, outScales,
                    EmulatorArchitecture.of(network.toLayers(), architecture.leakyAlpha()),
                    new EmulatorInstructor(instructorName(first), instructorSettings(first)), dataSummary,
                    new EmulatorTraining(t.epochsDone(), options.batchSize(), options.learningRate(),
                            options.clipNorm(), "l1", last.trainingLoss(),
                            Double.isNaN(last.validationLoss()) ? finalTraining : last.validationLoss()),
                    seed, scores);
            EmulatorWriter.write(emulatorFolder, network.toLayers(), architecture.leakyAlpha(), manifest);
            out.printf(Locale.ROOT, "trained %d epoch(s) in %.1f s; held-out fidelity: relative L1 %.4f, L1 %.2f m/a "
                            + "over %d cells (|u| > %.0f m/a)%n", t.epochsDone(), seconds, fidelity.relativeL1(),
                    fidelity.l1(), fidelity.cells(), fidelity.threshold());
            out.println("emulator written to " + emulatorFolder);
        }
        return 0;
    }

    private static Path required(Parameters p, String key) {
        return p.requiredPath(key, "igm train");
    }

    /**
     * The runs of {@code root} and of its direct sub-folders (one folder per {@code igm generate}), sub-folders first,
     * in name order. Runs are grouped into valleys by their valley name, so two generations of one instructor must not
     * give one name to different valleys (a later generation with the same seed takes other valley numbers,
     * {@code generate.first_valley}, or repeats the same valleys with other sliding coefficients; a DEM window is
     * compared by the DEM's file name, {@link RunData#valleyIdentity}), and no run may appear twice.
     *
     * @throws InputException when the folder is missing or holds no run, or for a repeated run or valley name
     */
    static List<RunData> readRunTree(Path root, String key, PrintStream out) {
        if (!Files.isDirectory(root)) {
            throw new InputException(key + ": folder of instructor runs not found: " + root);
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).sorted().forEach(folders::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        folders.add(root);
        List<RunData> runs = new ArrayList<>();
        for (Path f : folders) {
            if (hasRuns(f)) {
                runs.addAll(readRuns(f, key, out));
            }
        }
        if (runs.isEmpty()) {
            throw new InputException(key + ": " + root + " and its sub-folders hold no instructor run (*.nc from igm "
                    + "generate)");
        }
        Map<String, RunData> byId = new HashMap<>();
        Map<String, RunData> byValley = new HashMap<>();
        for (RunData r : runs) {
            // runs of different instructors may share valley names and run ids (evaluate reads them together)
            String instructor = instructorName(r) + "/";
            RunData valley = byValley.putIfAbsent(instructor + r.valley(), r);
            if (valley != null && !valley.valleyIdentity().equals(r.valleyIdentity())) {
                throw new InputException(key + ": " + valley.data().file() + " and " + r.data().file() + " both "
                        + "name their valley '" + r.valley() + "' but describe different valleys; give a later "
                        + "generation with the same seed other valley numbers (generate.first_valley)");
            }
            RunData same = byId.putIfAbsent(instructor + r.id(), r);
            if (same != null) {
                throw new InputException(key + ": run " + r.id() + " appears twice: " + same.data().file() + " and "
                        + r.data().file() + "; expected each run once");
            }
        }
        return runs;
    }

    private static boolean hasRuns(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".nc"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Every run file ({@code *.nc}) of the folder named by parameter {@code key}, runs without ice skipped. */
    static List<RunData> readRuns(Path folder, String key, PrintStream out) {
        if (!Files.isDirectory(folder)) {
            throw new InputException(key + ": folder of instructor runs not found: " + folder);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".nc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new InputException(key + ": " + folder + " holds no instructor run (*.nc from igm generate)");
        }
        List<RunData> runs = new ArrayList<>();
        for (Path f : files) {
            InstructorRunData d = InstructorSnapshotReader.read(f);
            if (d.snapshots() == 0) {
                out.println("skipping " + f.getFileName() + ": no snapshot with ice");
                continue;
            }
            Map<String, String> m = d.metadata();
            String id = m.getOrDefault("run_id", f.getFileName().toString());
            String valley = m.getOrDefault("valley", id);
            double maxVolume;
            try {
                maxVolume = Double.parseDouble(m.getOrDefault("ice_volume_max_m3", "NaN"));
            } catch (NumberFormatException e) {
                maxVolume = Double.NaN;
            }
            if (!Double.isFinite(maxVolume)) {
                throw new InputException(f + ": attribute ice_volume_max_m3 is missing or not a number");
            }
            runs.add(new RunData(id, valley, maxVolume, d));
        }
        if (runs.isEmpty()) {
            throw new InputException(key + ": no run in " + folder + " has a snapshot with ice");
        }
        return runs;
    }

    /** The valleys named by {@code train.validation_valleys}, sorted; null when it is empty. */
    private static List<String> namedValidationValleys(Parameters p, List<String> valleys) {
        String text = p.string("train.validation_valleys").strip();
        if (text.isEmpty()) {
            return null;
        }
        TreeSet<String> held = new TreeSet<>();
        for (String name : text.split(",")) {
            String v = name.strip();
            if (!valleys.contains(v)) {
                throw new InputException(p.source() + ": train.validation_valleys names '" + v + "', which is not a "
                        + "valley of train.data; its valleys are " + String.join(", ", valleys));
            }
            held.add(v);
        }
        if (held.size() == valleys.size()) {
            throw new InputException(p.source() + ": train.validation_valleys = " + text + " holds out every valley; "
                    + "expected at least one valley left for training");
        }
        return List.copyOf(held);
    }

    /** A share of the valleys, at least one when there are two or more and the share is positive. */
    static List<String> heldOutValleys(List<String> valleys, double fraction, long seed) {
        if (fraction <= 0 || valleys.size() < 2) {
            return List.of();
        }
        List<String> shuffled = new ArrayList<>(valleys);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        int n = Math.max(1, Math.min(valleys.size() - 1, (int) Math.round(fraction * valleys.size())));
        return List.copyOf(new TreeSet<>(shuffled.subList(0, n)));
    }

    private static Snapshot snapshot(RunData r, int s, ChannelLayout layout) {
        Map<String, double[]> fields = new HashMap<>();
        for (String name : layout.names()) {
            fields.put(name, r.data().field(name, s));
        }
        return new Snapshot(r.id(), r.data().times()[s], r.data().grid(), fields);
    }

    /** At most about 400 snapshots spread over the runs, for the typical values. */
    private static List<Snapshot> sampleSnapshots(List<RunData> runs, ChannelLayout layout) {
        int total = runs.stream().mapToInt(r -> r.data().snapshots()).sum();
        int stride = Math.max(1, (total + 399) / 400);
        List<Snapshot> out = new ArrayList<>();
        int k = 0;
        for (RunData r : runs) {
            for (int s = 0; s < r.data().snapshots(); s++, k++) {
                if (k % stride == 0) {
                    out.add(snapshot(r, s, layout));
                }
            }
        }
        return out;
    }

    private static PatchSet patches(RunData r, int runIndex, PatchSampler sampler, ChannelLayout layout, int count,
                                    long seed) {
        PatchSet set = new PatchSet(layout, sampler.size());
        for (int s = 0; s < r.data().snapshots(); s++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + runIndex * 65_537L + s);
            set.addAll(sampler.sample(snapshot(r, s, layout), count, random));
        }
        return set;
    }

    private static Fidelity fidelity(TrainableNetwork network, List<EmulatorField> in, List<EmulatorField> out,
                                     double dx, List<RunData> runs, ChannelLayout layout, int threads) {
        Fidelity total = new Fidelity();
        if (runs.isEmpty()) {
            return total;
        }
        try (Emulator emulator = Emulator.of(network.toConvNet(threads), in, out, dx)) {
            for (RunData r : runs) {
                total.add(fidelity(emulator, r, layout));
            }
        }
        return total;
    }

    /** The emulator's fidelity on every snapshot of one run, whole grids (the emulator's inputs are the layout's). */
    static Fidelity fidelity(Emulator emulator, RunData r, ChannelLayout layout) {
        Fidelity total = new Fidelity();
        int u = layout.outputs().indexOf("ubar");
        int v = layout.outputs().indexOf("vbar");
        for (int s = 0; s < r.data().snapshots(); s++) {
            double[][] fields = new double[layout.inputs().size()][];
            for (int c = 0; c < fields.length; c++) {
                fields[c] = r.data().field(layout.inputs().get(c), s);
            }
            double[] h = r.data().field(ChannelLayout.THICKNESS, s);
            boolean[] mask = new boolean[h.length];
            for (int k = 0; k < h.length; k++) {
                mask[k] = h[k] > 0;
            }
            double[][] predicted = emulator.predict(r.data().grid(), fields, mask);
            total.add(r.data().field("ubar", s), r.data().field("vbar", s), predicted[u], predicted[v]);
        }
        return total;
    }

    private static void afterEpoch(Trainer t, EpochRecord e, Path work, PrintStream out) {
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
        AtomicOutput.writeText(work.resolve(CURVE_CSV), csv);
        LearningCurvePlotter.plot(work.resolve(CURVE_PNG), "Learning curves", x, train, valid);
        t.checkpoint().write(work.resolve(CHECKPOINT_FILE));
    }

    private void prepareWork(Path work, Parameters p) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create train.work_folder " + work, e);
        }
        Path params = work.resolve(PARAMETER_FILE);
        String text = "# igm train, " + Version.full() + "\n" + p.toResolvedYaml();
        if (resume && Files.isRegularFile(params)) {
            try {
                String before = Files.readString(params);
                if (!comparable(before).equals(comparable(text))) {
                    throw new InputException("--resume: the parameters differ from those of the training in " + work
                            + " (" + params + "); resume with the same parameters or start afresh");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + params, e);
            }
        }
        AtomicOutput.writeText(params, text);
    }

    /** The parameters text without comments and without train.epochs, which a resumed training may raise. */
    private static String comparable(String text) {
        return text.lines().filter(l -> !l.startsWith("#") && !l.trim().startsWith("epochs:"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static void writeSelection(Path file, List<DataSelection.Decision> decisions) {
        StringBuilder csv = new StringBuilder("run_id,ice_volume_max_km3,test_loss,training_loss,kept\n");
        for (DataSelection.Decision d : decisions) {
            csv.append(String.format(Locale.ROOT, "%s,%.6f,%.8g,%.8g,%b%n", d.source(), d.maxVolume() / 1e9,
                    d.testLoss(), d.trainingLoss(), d.kept()));
        }
        AtomicOutput.writeText(file, csv);
    }

    private static List<String> keptRuns(Path table) {
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

    static String instructorName(RunData r) {
        return r.data().metadata().getOrDefault("instructor", "unknown");
    }

    private static Map<String, String> instructorSettings(RunData r) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : List.of("rate_factor", "advance_years", "retreat_years", "ela_quantiles",
                "snapshot_interval_years", "cfl", "snapshot_velocities")) {
            String v = r.data().metadata().get(key);
            if (v != null) {
                settings.put(key, v);
            }
        }
        String params = r.data().metadata().get("parameters");
        if (params != null) {
            try {
                com.fasterxml.jackson.databind.JsonNode iceflow = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                        .readTree(params).path("iceflow");
                iceflow.fields().forEachRemaining(e -> {
                    if (!e.getValue().asText().isBlank()) {
                        settings.put("iceflow." + e.getKey(), e.getValue().asText());
                    }
                });
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InputException(r.data().file() + ": attribute 'parameters' is not valid YAML: "
                        + e.getOriginalMessage());
            }
        }
        return settings;
    }

    private static Map<String, Object> dataSummary(List<RunData> runs, List<RunData> trainingRuns,
                                                   List<RunData> validationRuns, PatchSet pool, PatchSet validation,
                                                   List<DataSelection.Decision> decisions, int perSnapshot,
                                                   int patchSize, Path folder, double learningRateDecay,
                                                   String initialEmulator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folder", folder.getFileName().toString());
        m.put("runs", (long) runs.size());
        m.put("training_runs", trainingRuns.stream().map(RunData::id).toList());
        m.put("validation_runs", validationRuns.stream().map(RunData::id).toList());
        m.put("snapshots", (long) runs.stream().mapToInt(r -> r.data().snapshots()).sum());
        m.put("training_patches", (long) pool.count());
        m.put("validation_patches", (long) validation.count());
        m.put("patch_size", (long) patchSize);
        m.put("patches_per_snapshot", (long) perSnapshot);
        m.put("learning_rate_decay", learningRateDecay);
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

    /** {@code path} relative to the working directory when it lies inside it (as the manifests record it), else all. */
    private static String relativeToWorkingDirectory(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    private static String describe(List<EmulatorField> fields) {
        StringBuilder sb = new StringBuilder();
        for (EmulatorField f : fields) {
            sb.append(sb.isEmpty() ? "" : ", ").append(f.name()).append('/').append(String.format(Locale.ROOT, "%g",
                    f.scale()));
        }
        return sb.toString();
    }
}
