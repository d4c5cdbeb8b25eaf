package igm.training;

import igm.InputException;
import igm.emulator.EmulatorManifest;
import igm.emulator.EmulatorTraining;
import igm.emulator.training.Architecture;
import igm.emulator.training.Checkpoint;
import igm.emulator.training.EpochRecord;
import igm.io.AtomicOutput;
import igm.io.LearningCurvePlotter;
import igm.physics.iceflow.blatter.BlatterEnergyLoss;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.physics.iceflow.blatter.PhysicsInformedTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Physics-informed pretraining of a Blatter–Pattyn emulator without solver data ({@code igm train} with
 * {@code train.loss: blatter_energy}; Jouvet &amp; Cordonnier 2023): a {@link PhysicsInformedNetwork} trained by Adam
 * on the Blatter–Pattyn energy of its own velocity ({@link PhysicsInformedTrainer}), on glacier geometries only.
 *
 * <p><b>Data.</b> The thickness and surface of every snapshot of the {@code igm generate} runs of
 * {@code train.data} ({@link GlacierGeometries}: glaciers grown by quick runs of a cheap instructor on synthetic
 * valleys and DEM windows). The valleys named by {@code train.validation_valleys} ({@code folder/valley}), or a
 * seeded share of them, are held out: none of their snapshots is trained on.
 *
 * <p><b>Epochs.</b> Epoch e draws {@code train.patches_per_snapshot} samples from every training snapshot, visited in
 * an order shuffled with (seed, e); sample i of epoch e is drawn by a generator seeded with (seed, e, i)
 * ({@link GlacierGeometries#draw}: a window with ice, a symmetry, a rate factor, a sliding coefficient). Batches of
 * {@code train.batch_size} samples go through the engine, one sample per thread, so the weights do not depend on the
 * thread count. The learning rate is {@code learning_rate · decay^(e−1)}.
 *
 * <p><b>Held-out set.</b> {@code train.held_out_states} snapshots of the held-out valleys, drawn with the seed, each
 * whole grid with its own symmetry, A and c, solved once by the converged {@code blatter} solver and cached in the
 * work folder ({@link HeldOutReference}). Before the first epoch and after every epoch the network's relative L1 of ū
 * and of the surface velocity and its energy gap on them are recorded.
 *
 * <p><b>Work folder.</b> After every epoch: a progress line, the learning curves ({@value #CURVE_CSV},
 * {@value #ENERGY_PNG}, {@value #HELD_OUT_PNG}) and a checkpoint ({@link Checkpoint}: weights, Adam's moments, epochs
 * done). A resumed training continues from it with the same parameters (only {@code train.epochs} may be raised) and
 * ends with the weights an uninterrupted one would have.
 *
 * <p><b>Result.</b> The emulator folder ({@link PhysicsInformedNetwork#write}) with the data summary and the held-out
 * scores in its manifest.
 */
public final class PhysicsInformedPretraining {

    /** The learning curves, one line per epoch (epoch 0: before training). */
    public static final String CURVE_CSV = "learning_curve.csv";
    /** The energy per unit area over the epochs. */
    public static final String ENERGY_PNG = "learning_curve_energy.png";
    /** The held-out errors over the epochs. */
    public static final String HELD_OUT_PNG = "learning_curve_held_out.png";

    private static final String CSV_HEADER = "epoch,samples,energy,gradient_norm,clipped_fraction,learning_rate,"
            + "seconds,held_out_relative_l1_ubar,held_out_relative_l1_ubar_sums,held_out_relative_l1_surface,"
            + "held_out_energy_gap,held_out_energy";

    private final PretrainingSettings settings;
    private final boolean resume;

    /**
     * One epoch: the mean energy per unit area of its steps (MPa m a⁻¹, NaN for epoch 0), the mean gradient norm
     * before clipping, the share of steps clipped, the learning rate, the seconds of its steps, and the held-out
     * scores after it.
     */
    public record Epoch(int epoch, long samples, double energy, double gradientNorm, double clippedFraction,
                        double learningRate, double seconds, double heldOutRelativeL1, double heldOutRelativeL1Sums,
                        double heldOutRelativeL1Surface, double heldOutEnergyGap, double heldOutEnergy) {

        private Epoch(int epoch, long samples, double energy, double gradientNorm, double clippedFraction,
                      double learningRate, double seconds, HeldOutReference.Scores s) {
            this(epoch, samples, energy, gradientNorm, clippedFraction, learningRate, seconds, s.relativeL1(),
                    s.relativeL1Sums(), s.relativeL1Surface(), s.energyGap(), s.energy());
        }

        String csv() {
            return String.format(Locale.ROOT, "%d,%d,%.10g,%.6g,%.4f,%.6g,%.3f,%.6g,%.6g,%.6g,%.6g,%.10g", epoch,
                    samples, energy, gradientNorm, clippedFraction, learningRate, seconds, heldOutRelativeL1,
                    heldOutRelativeL1Sums, heldOutRelativeL1Surface, heldOutEnergyGap, heldOutEnergy);
        }

        static Epoch parse(String line) {
            String[] f = line.split(",");
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                v[k] = Double.parseDouble(f[k]);
            }
            return new Epoch((int) v[0], (long) v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
        }
    }

    /**
     * What a pretraining produced.
     *
     * @param network the trained network
     * @param epochs  the learning curve, from epoch 0
     * @param seconds wall time of this call, s
     */
    public record Result(PhysicsInformedNetwork network, List<Epoch> epochs, double seconds) {
    }

    /** @param resume whether to continue from the checkpoint of the work folder, when there is one */
    public PhysicsInformedPretraining(PretrainingSettings settings, boolean resume) {
        this.settings = settings;
        this.resume = resume;
    }

    /**
     * Pretrains and writes the emulator folder, printing its progress to {@code out}.
     *
     * @throws InputException for data of several grid spacings or without ice, a bad held-out valley name, a starting
     *                        emulator or checkpoint of another shape, or a resume with other parameters
     */
    public Result run(PrintStream out) {
        long start = System.nanoTime();
        PretrainingSettings s = settings;
        List<GlacierGeometries.Geometry> all = GlacierGeometries.read(s.dataFolder(), out);
        double dx = all.getFirst().grid().dx();
        List<String> valleys = new ArrayList<>(new TreeSet<>(all.stream().map(GlacierGeometries.Geometry::valley)
                .toList()));
        List<String> held = heldOut(valleys);
        List<GlacierGeometries.Geometry> training = all.stream().filter(g -> !held.contains(g.valley())).toList();
        List<GlacierGeometries.Geometry> heldOut = all.stream().filter(g -> held.contains(g.valley())).toList();
        out.printf(Locale.ROOT, "igm train (blatter_energy): %d snapshot(s) of %d valley(s) in %s at %.0f m; held out:"
                + " %s%n", all.size(), valleys.size(), s.dataFolder(), dx, held.isEmpty() ? "none"
                : String.join(", ", held));
        PhysicsInformedNetwork network = network(dx, out);
        Architecture architecture = network.architecture();
        TrainingWorkFolder work = TrainingWorkFolder.prepare(s.workFolder(), s.resolvedParameters(), resume);
        GlacierGeometries.Draw draw = GlacierGeometries.Draw.of(s);
        List<BlatterProblem> heldOutProblems = new ArrayList<>();
        List<String> heldOutNames = new ArrayList<>();
        for (int index : heldOutIndices(heldOut.size())) {
            GlacierGeometries.Geometry g = heldOut.get(index);
            heldOutProblems.add(GlacierGeometries.draw(g, 0, draw, random(0, heldOutProblems.size())));
            heldOutNames.add(String.format(Locale.ROOT, "%s t=%.0f", g.run(), g.time()));
        }
        List<HeldOutReference.State> states = HeldOutReference.prepare(heldOutProblems, heldOutNames,
                network.options(), s.threads(), s.workFolder().resolve(HeldOutReference.FILE), out);
        int perEpoch = training.size() * s.patchesPerSnapshot();
        out.printf(Locale.ROOT, "network %s, %d levels; %d samples of %d×%d cells per epoch from %d snapshot(s); "
                        + "%d epoch(s), batch %d, learning rate %g (× %g per epoch), clip norm %g, %d thread(s); "
                        + "A in [%g, %g] MPa-3 a-1, c in [%g, %g] km MPa-3 a-1 (%.0f %% no slip); samples weighted: "
                        + "%s%n",
                architecture.describe(), network.levels(), perEpoch, s.patchSize(), s.patchSize(), training.size(),
                s.epochs(), s.batchSize(), s.learningRate(), s.learningRateDecay(), s.clipNorm(), s.threads(),
                s.rateFactorMin(), s.rateFactorMax(), s.slidingMin(), s.slidingMax(), 100 * s.noSlipFraction(),
                s.weighting().name().toLowerCase(Locale.ROOT));
        List<Epoch> epochs = new ArrayList<>();
        try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(network, s.threads(), s.clipNorm(),
                s.learningRate(), s.weighting())) {
            int done = resumeFrom(work, trainer, epochs, out);
            if (epochs.isEmpty()) {
                HeldOutReference.Scores before = HeldOutReference.score(network, trainer.engine(), states);
                epochs.add(new Epoch(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, before));
                report(epochs.getLast(), out);
            }
            for (int e = done + 1; e <= s.epochs(); e++) {
                epochs.add(epoch(e, trainer, training, draw, states, out));
                report(epochs.getLast(), out);
                writeCurves(epochs);
                new Checkpoint(architecture, s.seed(), e, network.parameters().clone(), trainer.optimiserState(),
                        records(epochs)).write(work.checkpointFile());
            }
        }
        writeCurves(epochs);
        writeEmulator(network, dx, all, training, held, states, epochs);
        double seconds = (System.nanoTime() - start) * 1e-9;
        Epoch last = epochs.getLast();
        out.printf(Locale.ROOT, "pretrained %d epoch(s) in %.1f s; held-out relative L1 of ū %.4f (surface %.4f), "
                        + "energy gap %.4g over %d state(s)%n", last.epoch(), seconds, last.heldOutRelativeL1(),
                last.heldOutRelativeL1Surface(), last.heldOutEnergyGap(), states.size());
        out.println("emulator written to " + s.emulatorFolder());
        return new Result(network, List.copyOf(epochs), seconds);
    }

    /** One epoch of Adam steps, then the held-out scores. */
    private Epoch epoch(int e, PhysicsInformedTrainer trainer, List<GlacierGeometries.Geometry> training,
                        GlacierGeometries.Draw draw, List<HeldOutReference.State> states, PrintStream out) {
        PretrainingSettings s = settings;
        double learningRate = s.learningRate() * Math.pow(s.learningRateDecay(), e - 1);
        List<Integer> order = new ArrayList<>(IntStream.range(0, training.size() * s.patchesPerSnapshot()).boxed()
                .toList());
        Collections.shuffle(order, new Random(s.seed() * 7_919L + e));
        long t0 = System.nanoTime();
        long lastLine = t0;
        double energy = 0;
        double norm = 0;
        int clipped = 0;
        int steps = 0;
        for (int first = 0; first < order.size(); first += s.batchSize()) {
            List<BlatterProblem> batch = new ArrayList<>();
            for (int i : order.subList(first, Math.min(order.size(), first + s.batchSize()))) {
                batch.add(GlacierGeometries.draw(training.get(i / s.patchesPerSnapshot()), s.patchSize(), draw,
                        random(e, i)));
            }
            energy += trainer.step(batch, learningRate) * batch.size();
            double g = trainer.lastGradientNorm();
            norm += g;
            clipped += g > s.clipNorm() ? 1 : 0;
            steps++;
            long now = System.nanoTime();
            if (now - lastLine > 60e9) {
                out.printf(Locale.ROOT, "  epoch %d: %d/%d samples, energy %.5g %s, %.0f s%n", e,
                        first + batch.size(), order.size(), energy / (first + batch.size()), energyUnit(),
                        (now - t0) * 1e-9);
                lastLine = now;
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new Epoch(e, order.size(), energy / order.size(), norm / steps, clipped / (double) steps, learningRate,
                seconds, HeldOutReference.score(trainer.network(), trainer.engine(), states));
    }

    /**
     * The unit of the training energy: MPa m a⁻¹, or the shallow-ice scale of each sample when the samples are
     * weighted (the held-out energy is always MPa m a⁻¹).
     */
    private String energyUnit() {
        return settings.weighting() == BlatterEnergyLoss.Weighting.NONE ? "MPa m/a" : "shallow-ice scales";
    }

    private void report(Epoch e, PrintStream out) {
        out.printf(Locale.ROOT, "epoch %4d: energy %.5g %s, held-out relative L1 ū %.4f (sums %.4f), surface "
                        + "%.4f, energy gap %.4g; gradient norm %.3g (%.0f %% clipped), %d samples in %.1f s "
                        + "(%.1f samples/s)%n", e.epoch(), e.energy(), energyUnit(), e.heldOutRelativeL1(),
                e.heldOutRelativeL1Sums(), e.heldOutRelativeL1Surface(), e.heldOutEnergyGap(), e.gradientNorm(),
                100 * e.clippedFraction(), e.samples(), e.seconds(), e.seconds() > 0 ? e.samples() / e.seconds() : 0);
    }

    /** Generator of sample i of epoch e (epoch 0: the held-out states). */
    private SplittableRandom random(int e, int i) {
        return new SplittableRandom(settings.seed() * 1_000_003L + e * 65_537L + i);
    }

    /** The held-out valleys: those named, or a seeded share. */
    private List<String> heldOut(List<String> valleys) {
        List<String> named = TrainingPipeline.namedValleys(settings.validationValleys(), valleys, settings.source());
        return named != null ? named
                : TrainingPipeline.heldOutValleys(valleys, settings.validationFraction(), settings.seed());
    }

    /** Which held-out snapshots are solved: a seeded choice of {@code train.held_out_states}, in snapshot order. */
    private List<Integer> heldOutIndices(int count) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, count).boxed().toList());
        Collections.shuffle(all, new Random(settings.seed() * 31L + 17));
        List<Integer> chosen = new ArrayList<>(all.subList(0, Math.min(count, settings.heldOutStates())));
        Collections.sort(chosen);
        return chosen;
    }

    /**
     * A new network drawn with the seed, or the weights and scales of {@code train.initial_emulator} (a folder of one
     * network, at whatever spacing it was trained, or of resolution sub-folders, the one nearest {@code dx}).
     */
    private PhysicsInformedNetwork network(double dx, PrintStream out) {
        PretrainingSettings s = settings;
        if (s.initialEmulator() == null) {
            double[] scales = PretrainingSettings.INPUT_SCALES;
            double slab = PretrainingSettings.SLAB_VELOCITY_SCALE;
            return PhysicsInformedNetwork.initialise(s.layers(), s.filters(), s.kernelSize(), s.slabVelocityInputs()
                            ? new double[] {scales[0], scales[1], scales[1], scales[2], scales[3], slab, slab}
                            : new double[] {scales[0], scales[1], scales[1], scales[2], scales[3]},
                    PretrainingSettings.VELOCITY_SCALE, s.options(), s.seed());
        }
        // a folder of one network may have been trained at another spacing: pretraining continues across spacings
        Path manifest = s.initialEmulator().resolve(EmulatorManifest.FILE_NAME);
        double spacing = Files.isRegularFile(manifest) ? EmulatorManifest.read(manifest).gridSpacing() : dx;
        PhysicsInformedNetwork initial = PhysicsInformedNetwork.load(s.initialEmulator(), spacing, s.options());
        Architecture a = initial.architecture();
        if (a.layers() != s.layers() || a.filters() != s.filters() || a.kernelSize() != s.kernelSize()
                || initial.levels() != s.options().levels()) {
            throw new InputException(s.parameterFile() + ": train.initial_emulator = " + s.initialEmulator()
                    + " is a network " + a.describe() + " with " + initial.levels() + " levels; the parameters ask "
                    + "for " + s.layers() + " layers of " + s.filters() + " filters " + s.kernelSize() + "×"
                    + s.kernelSize() + " and " + s.options().levels() + " levels (iceflow.blatter_levels)");
        }
        if (initial.slabVelocityInputs() && !s.slabVelocityInputs()) {
            throw new InputException(s.parameterFile() + ": train.initial_emulator = " + s.initialEmulator()
                    + " takes the slab velocity inputs " + PhysicsInformedNetwork.UVELSLAB + " and "
                    + PhysicsInformedNetwork.VVELSLAB + ", but train.slab_velocity_inputs = false; expected "
                    + "train.slab_velocity_inputs: true");
        }
        out.println("starting from the weights and scales of " + s.initialEmulator()
                + (s.slabVelocityInputs() && !initial.slabVelocityInputs()
                ? ", with the slab velocity inputs added (first-layer weights 0)" : ""));
        PhysicsInformedNetwork start = new PhysicsInformedNetwork(a, initial.parameters(), initial.inputs(),
                initial.velocityScale(), s.options());
        return s.slabVelocityInputs() ? start.withSlabVelocityInputs(PretrainingSettings.SLAB_VELOCITY_SCALE) : start;
    }

    /** Restores the network, the optimiser and the curve from the checkpoint when resuming; the epochs done. */
    private int resumeFrom(TrainingWorkFolder work, PhysicsInformedTrainer trainer, List<Epoch> epochs,
                           PrintStream out) {
        Path file = work.checkpointFile();
        if (!(resume && Files.isRegularFile(file))) {
            return 0;
        }
        Checkpoint c = Checkpoint.read(file);
        PhysicsInformedNetwork network = trainer.network();
        if (!c.architecture().equals(network.architecture())) {
            throw new InputException(file + ": a network " + c.architecture().describe() + ", the parameters ask for "
                    + network.architecture().describe());
        }
        System.arraycopy(c.parameters(), 0, network.parameters(), 0, c.parameters().length);
        trainer.restore(c.optimiser());
        try {
            List<String> lines = Files.readAllLines(settings.workFolder().resolve(CURVE_CSV));
            for (String line : lines.subList(1, lines.size())) {
                Epoch e = Epoch.parse(line);
                if (e.epoch() <= c.epochsDone()) {
                    epochs.add(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the learning curve of " + file.getParent(), e);
        }
        out.printf(Locale.ROOT, "resuming after epoch %d from %s%n", c.epochsDone(), file);
        return c.epochsDone();
    }

    /** The epochs as the checkpoint's records (validation loss: the held-out relative L1 of ū). */
    private static List<EpochRecord> records(List<Epoch> epochs) {
        List<EpochRecord> r = new ArrayList<>();
        for (Epoch e : epochs.subList(1, epochs.size())) {
            r.add(new EpochRecord(e.epoch(), (int) e.samples(), e.energy(), e.heldOutRelativeL1(), e.gradientNorm(),
                    e.clippedFraction(), e.seconds(), e.samples() / Math.max(1e-9, e.seconds()), 0));
        }
        return r;
    }

    private void writeCurves(List<Epoch> epochs) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        int n = epochs.size();
        double[] x = new double[n];
        Map<String, double[]> energy = new LinkedHashMap<>();
        Map<String, double[]> errors = new LinkedHashMap<>();
        boolean weighted = settings.weighting() != BlatterEnergyLoss.Weighting.NONE;
        energy.put("training samples (mean over the epoch)", new double[n]);
        if (!weighted) {
            energy.put("held-out states (network)", new double[n]);
        }
        for (String name : List.of("relative L1 of ū", "relative L1 of the surface velocity", "energy gap")) {
            errors.put(name, new double[n]);
        }
        for (int k = 0; k < n; k++) {
            Epoch e = epochs.get(k);
            csv.append(e.csv()).append('\n');
            x[k] = e.epoch();
            energy.get("training samples (mean over the epoch)")[k] = e.energy();
            if (!weighted) {
                energy.get("held-out states (network)")[k] = e.heldOutEnergy();
            }
            errors.get("relative L1 of ū")[k] = e.heldOutRelativeL1();
            errors.get("relative L1 of the surface velocity")[k] = e.heldOutRelativeL1Surface();
            errors.get("energy gap")[k] = e.heldOutEnergyGap();
        }
        Path folder = settings.workFolder();
        AtomicOutput.writeText(folder.resolve(CURVE_CSV), csv);
        LearningCurvePlotter.plot(folder.resolve(ENERGY_PNG), weighted ? "Energy / shallow-ice scale"
                : "Blatter–Pattyn energy per unit area", weighted
                ? "energy / shallow-ice scale" : "energy (MPa m/a)", false, x, energy);
        LearningCurvePlotter.plot(folder.resolve(HELD_OUT_PNG), "Held-out states against the converged solver",
                "relative error", true, x, errors);
    }

    private void writeEmulator(PhysicsInformedNetwork network, double dx, List<GlacierGeometries.Geometry> all,
                               List<GlacierGeometries.Geometry> training, List<String> held,
                               List<HeldOutReference.State> states, List<Epoch> epochs) {
        PretrainingSettings s = settings;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "thickness and surface of igm generate runs (no solver velocity): "
                + s.dataFolder().getFileName());
        data.put("valleys", new TreeSet<>(all.stream().map(GlacierGeometries.Geometry::valley).toList()).size());
        data.put("training_snapshots", training.size());
        data.put("held_out_valleys", String.join(", ", held));
        data.put("held_out_states", states.size());
        data.put("samples_per_epoch", training.size() * s.patchesPerSnapshot());
        data.put("patch_size", s.patchSize());
        data.put("rate_factor_range_mpa-3_a-1", List.of(s.rateFactorMin(), s.rateFactorMax()));
        data.put("sliding_range_km_mpa-3_a-1", List.of(s.slidingMin(), s.slidingMax()));
        data.put("no_slip_fraction", s.noSlipFraction());
        data.put("energy_weighting", s.weighting().name().toLowerCase(Locale.ROOT));
        data.put("slab_velocity_inputs", s.slabVelocityInputs());
        data.put("symmetries", s.augment() ? "the 8 rotations and reflections of the grid" : "none");
        data.put("learning_rate_decay", s.learningRateDecay());
        Epoch last = epochs.getLast();
        Map<String, Double> scores = new TreeMap<>();
        scores.put("training_energy", last.energy());
        if (!states.isEmpty()) {
            scores.put("held_out_relative_l1_ubar", last.heldOutRelativeL1());
            scores.put("held_out_relative_l1_ubar_sums", last.heldOutRelativeL1Sums());
            scores.put("held_out_relative_l1_surface", last.heldOutRelativeL1Surface());
            scores.put("held_out_energy_gap", last.heldOutEnergyGap());
            scores.put("held_out_energy", last.heldOutEnergy());
        }
        double finalTraining = Double.isFinite(last.energy()) ? last.energy() : 0;
        double finalValidation = Double.isFinite(last.heldOutEnergy()) ? last.heldOutEnergy() : finalTraining;
        EmulatorTraining t = new EmulatorTraining(last.epoch(), s.batchSize(), s.learningRate(), s.clipNorm(),
                PhysicsInformedNetwork.LOSS, finalTraining, finalValidation);
        network.write(s.emulatorFolder(), s.name(), "Blatter–Pattyn emulator pretrained on the energy of its own "
                + "velocity (physics-informed, no solver data) at " + Math.round(dx) + " m", dx, data, t, s.seed(),
                scores);
    }
}
