package igm.physics.iceflow;

import igm.InputException;
import igm.grid.Grid2D;
import igm.emulator.Emulator;
import igm.emulator.EmulatorManifest;
import igm.params.Parameters;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code iceflow.method = emulator}: the trained emulator of the folder {@code iceflow.emulator}, at the run's
 * resolution: a {@link PhysicsInformedIceFlow} when its manifest says it is physics-informed (warmed up and retrained
 * in the run as {@code iceflow.emulator_warmup_iterations}, {@code iceflow.emulator_retrain_interval},
 * {@code iceflow.emulator_retrain_iterations} and {@code iceflow.emulator_learning_rate} say), else an
 * {@link EmulatorIceFlow}; averaged over the grid's symmetries ({@link SymmetrisedIceFlow}) with
 * {@code iceflow.emulator_symmetrise}. Not an instructor: an emulator cannot teach itself.
 */
final class EmulatorIceFlowProvider implements IceFlowProvider {

    private static final String WARMUP = "iceflow.emulator_warmup_iterations";
    private static final String INTERVAL = "iceflow.emulator_retrain_interval";
    private static final String ITERATIONS = "iceflow.emulator_retrain_iterations";
    private static final String LEARNING_RATE = "iceflow.emulator_learning_rate";

    @Override
    public String name() {
        return EmulatorIceFlow.NAME;
    }

    @Override
    public List<String> parameterKeys() {
        return List.of("iceflow.emulator", "iceflow.emulator_symmetrise", "iceflow.threads",
                WARMUP, INTERVAL, ITERATIONS, LEARNING_RATE);
    }

    /**
     * {@inheritDoc}
     *
     * @throws InputException when {@code iceflow.emulator} is empty or not a folder, the emulator cannot be read, or
     *                        retraining is asked for (a warm-up or a retraining interval) with an emulator that is
     *                        not physics-informed or with {@code iceflow.emulator_symmetrise}
     */
    @Override
    public IceFlowModel create(Parameters p, Grid2D grid) {
        int threads = IceFlowRegistry.threads(p);
        Path folder = p.path("iceflow.emulator");
        if (folder == null) {
            throw new InputException(p.source() + ": iceflow.method = emulator needs iceflow.emulator, "
                    + "the folder of a trained emulator");
        }
        if (!Files.isDirectory(folder)) {
            throw new InputException(p.source() + ": iceflow.emulator = " + p.rawPath("iceflow.emulator")
                    + " is not a folder (resolved to " + folder + ")");
        }
        PhysicsInformedIceFlow.Retraining retraining = new PhysicsInformedIceFlow.Retraining(p.integer(WARMUP),
                p.integer(INTERVAL), p.integer(ITERATIONS), p.number(LEARNING_RATE));
        boolean symmetrise = p.bool("iceflow.emulator_symmetrise");
        String asked = p.source() + ": " + WARMUP + " = " + retraining.warmupIterations() + ", " + INTERVAL + " = "
                + retraining.interval() + " ask to train the emulator " + folder + " in the run";
        if (retraining.trains() && symmetrise) {
            throw new InputException(asked + ", which iceflow.emulator_symmetrise = true does not allow (the 8 "
                    + "symmetric evaluations of one step would each retrain it); set one of them to 0 or false");
        }
        IceFlowModel model = load(folder, grid.dx(), threads, retraining, asked);
        return symmetrise ? new SymmetrisedIceFlow(model) : model;
    }

    /**
     * The emulator of {@code folder} at grid spacing {@code dx}: a {@link PhysicsInformedIceFlow} with the given
     * retraining when its manifest says it is physics-informed, else an {@link EmulatorIceFlow}.
     *
     * @param asked what asked for the retraining, the start of the refusal's message
     * @throws InputException when the emulator cannot be read, or retraining is asked for with one that is not
     *                        physics-informed
     */
    static IceFlowModel load(Path folder, double dx, int threads, PhysicsInformedIceFlow.Retraining retraining,
                             String asked) {
        IceFlowModel model;
        Emulator e = Emulator.load(folder, dx, threads);
        if (PhysicsInformedNetwork.isPhysicsInformed(e)) {
            double resolution = e.resolution();
            PhysicsInformedNetwork network;
            try {
                network = PhysicsInformedNetwork.of(e, BlatterOptions.defaults().withThreads(threads));
            } finally {
                e.close();
            }
            model = new PhysicsInformedIceFlow(network, retraining, threads, resolution, folder.toString());
        } else if (retraining.trains()) {
            String found = e.manifest().map(m -> "its manifest " + e.folder().resolve(EmulatorManifest.FILE_NAME)
                    + " names the instructor '" + m.instructor().name() + "'")
                    .orElse("it has no manifest (" + EmulatorManifest.FILE_NAME + ") in " + e.folder());
            e.close();
            throw new InputException(asked + ", but " + found + ": only a physics-informed emulator, whose manifest "
                    + "names the instructor '" + PhysicsInformedNetwork.INSTRUCTOR + "' with the Blatter–Pattyn "
                    + "energy's settings (levels, regularisation, velocity scale), can be trained on the energy; set "
                    + "both to 0 to run this one frozen");
        } else {
            try {
                model = new EmulatorIceFlow(e);
            } catch (RuntimeException ex) {
                e.close();
                throw ex;
            }
        }
        return model;
    }
}
