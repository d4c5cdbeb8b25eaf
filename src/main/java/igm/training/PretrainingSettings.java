package igm.training;

import igm.InputException;
import igm.params.Parameters;
import igm.physics.iceflow.blatter.BlatterEnergyLoss;
import igm.physics.iceflow.blatter.BlatterOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The settings of a physics-informed pretraining ({@code igm train} with {@code train.loss: blatter_energy}), read
 * once from the {@code train.*}, {@code iceflow.blatter_*} and {@code run.seed} parameters and checked.
 *
 * @param parameterFile      the parameter file, for messages
 * @param source             where the parameters came from, for messages
 * @param resolvedParameters the resolved parameters as YAML, written to the work folder
 * @param seed               master seed ({@code run.seed}): the hold-out, the first weights, every sample's window,
 *                           rate factor, sliding coefficient and symmetry, the order of the samples
 * @param dataFolder         folder of {@code igm generate} runs whose thickness and surface are the geometries
 *                           ({@code train.data}: its runs and those of its direct sub-folders, each folder read on
 *                           its own)
 * @param emulatorFolder     emulator folder to write
 * @param workFolder         folder of the learning curves, the held-out reference and the checkpoint
 * @param threads            threads (the parameter's 0 resolved to the available processors)
 * @param layers             hidden layers N_lay
 * @param filters            filters per layer N_feat
 * @param kernelSize         kernel width N_ker, odd
 * @param epochs             epochs in all
 * @param batchSize          samples per Adam step
 * @param learningRate       Adam's learning rate
 * @param learningRateDecay  factor on the learning rate after every epoch
 * @param clipNorm           global gradient-norm clip, &gt; 0
 * @param augment            whether each sample takes a random rotation or reflection of the grid
 * @param patchSize          width and height of a sample, cells
 * @param patchesPerSnapshot samples cut from each training snapshot per epoch
 * @param validationValleys  held-out valleys, {@code folder/valley} separated by commas, blank for a seeded share
 * @param validationFraction share of the valleys held out when none is named
 * @param initialEmulator    physics-informed emulator folder to start from (absolute), or {@code null}
 * @param name               the emulator's name in its manifest
 * @param rateFactorMin      lowest rate factor A, MPa⁻³ a⁻¹
 * @param rateFactorMax      highest rate factor A
 * @param slidingMin         lowest sliding coefficient c, km MPa⁻³ a⁻¹
 * @param slidingMax         highest sliding coefficient c
 * @param noSlipFraction     share of the samples with c = 0
 * @param weighting          how the samples of a batch are weighted ({@code train.energy_weighting})
 * @param slabVelocityInputs whether the network takes the local slab velocity ({@code train.slab_velocity_inputs})
 * @param heldOutStates      held-out states solved by the reference solver
 * @param options            the Blatter–Pattyn energy's settings (levels from {@code iceflow.blatter_levels}) with the
 *                           reference solver's tolerance ({@code train.reference_tolerance}) and iteration cap
 *                           ({@code iceflow.blatter_max_iterations}), one thread
 */
public record PretrainingSettings(Path parameterFile, String source, String resolvedParameters, long seed,
                                  Path dataFolder, Path emulatorFolder, Path workFolder, int threads, int layers,
                                  int filters, int kernelSize, int epochs, int batchSize, double learningRate,
                                  double learningRateDecay, double clipNorm, boolean augment, int patchSize,
                                  int patchesPerSnapshot, String validationValleys, double validationFraction,
                                  Path initialEmulator, String name, double rateFactorMin, double rateFactorMax,
                                  double slidingMin, double slidingMax, double noSlipFraction,
                                  BlatterEnergyLoss.Weighting weighting, boolean slabVelocityInputs, int heldOutStates,
                                  BlatterOptions options) {

    /** The value of {@code train.loss} that selects this training. */
    public static final String LOSS = "blatter_energy";

    /** Input scales: thickness m, surface slopes, rate factor MPa⁻³ a⁻¹, sliding coefficient km MPa⁻³ a⁻¹. */
    static final double[] INPUT_SCALES = {300, 0.3, 78, 25};

    /** Scale of the slab velocity inputs, m a⁻¹: their size is ln(1 + |u_slab| / scale). */
    static final double SLAB_VELOCITY_SCALE = 10;

    /** Velocity per unit of network output, m a⁻¹. */
    static final double VELOCITY_SCALE = 100;

    /** Whether the parameters ask for a physics-informed training ({@code train.loss: blatter_energy}). */
    public static boolean requested(Parameters p) {
        return LOSS.equals(p.string("train.loss"));
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InputException when {@code train.loss} is not {@value #LOSS}, {@code train.data},
     *                        {@code train.emulator} or {@code train.work_folder} is empty, the data selection is asked
     *                        for, the kernel width is even, a range is not two increasing numbers, or the sliding
     *                        range holds no positive value
     */
    public static PretrainingSettings from(Parameters p, Path parameterFile) {
        String where = p.source();
        if (!requested(p)) {
            throw new InputException(where + ": train.loss = " + p.string("train.loss") + "; the physics-informed "
                    + "pretraining needs train.loss: " + LOSS);
        }
        if (p.bool("train.selection")) {
            throw new InputException(where + ": train.selection = true, but the data selection of the paper ranks "
                    + "instructor runs by their L1 loss; expected train.selection: false with train.loss: " + LOSS);
        }
        Path dataFolder = p.requiredPath("train.data", "igm train");
        Path emulatorFolder = p.requiredPath("train.emulator", "igm train");
        Path work = p.requiredPath("train.work_folder", "igm train");
        int threads = p.integer("train.threads") == 0 ? Runtime.getRuntime().availableProcessors()
                : p.integer("train.threads");
        int kernel = p.integer("train.kernel");
        if (kernel % 2 == 0) {
            throw new InputException(where + ": train.kernel = " + kernel + "; expected an odd width");
        }
        double[] a = range(p, "train.rate_factor_range", "MPa-3 a-1", false);
        double[] c = range(p, "train.sliding_range", "km MPa-3 a-1", true);
        if (c[1] == 0 && p.number("train.no_slip_fraction") < 1) {
            throw new InputException(where + ": train.sliding_range = [0, 0] leaves no sliding sample, but "
                    + "train.no_slip_fraction = " + p.number("train.no_slip_fraction") + " < 1; expected a highest"
                    + " value above 0 or train.no_slip_fraction: 1");
        }
        BlatterOptions options = BlatterOptions.defaults().withLevels(p.integer("iceflow.blatter_levels"))
                .withThreads(1).withTolerance(p.number("train.reference_tolerance"))
                .withMaxIterations(p.integer("iceflow.blatter_max_iterations"));
        String name = p.string("train.name").isBlank() ? emulatorFolder.getFileName().toString()
                : p.string("train.name");
        return new PretrainingSettings(parameterFile, where, p.toResolvedYaml(), p.integer("run.seed"), dataFolder,
                emulatorFolder, work, threads, p.integer("train.layers"), p.integer("train.filters"), kernel,
                p.integer("train.epochs"), p.integer("train.batch_size"), p.number("train.learning_rate"),
                p.number("train.learning_rate_decay"), p.number("train.clip_norm"), p.bool("train.augment"),
                p.integer("train.patch_size"), p.integer("train.patches_per_snapshot"),
                p.string("train.validation_valleys"), p.number("train.validation_fraction"),
                p.path("train.initial_emulator"), name, a[0], a[1], c[0], c[1], p.number("train.no_slip_fraction"),
                BlatterEnergyLoss.Weighting.valueOf(p.string("train.energy_weighting").toUpperCase(Locale.ROOT)),
                p.bool("train.slab_velocity_inputs"), p.integer("train.held_out_states"), options);
    }

    /** [lowest, highest] of a two-number list; the lowest may be 0 only when {@code zeroAllowed}. */
    private static double[] range(Parameters p, String key, String unit, boolean zeroAllowed) {
        List<Double> v = p.numberList(key);
        if (v.size() != 2 || !(v.get(1) >= v.get(0)) || !(zeroAllowed ? v.get(0) >= 0 : v.get(0) > 0)) {
            throw new InputException(p.source() + ": " + key + " = " + v + " is not valid; expected two numbers "
                    + (zeroAllowed ? "0 ≤" : "0 <") + " lowest ≤ highest (" + unit + "): [lowest, highest]");
        }
        return new double[] {v.get(0), v.get(1)};
    }
}
