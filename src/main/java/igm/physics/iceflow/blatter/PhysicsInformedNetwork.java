package igm.physics.iceflow.blatter;

import igm.emulator.EmulatorField;
import igm.emulator.training.Architecture;
import igm.emulator.training.Batch;
import igm.emulator.training.GradientEngine;
import igm.emulator.training.TrainableNetwork;
import igm.grid.Grid2D;
import igm.physics.iceflow.SolverReport;
import igm.physics.iceflow.WeertmanSliding;

import igm.InputException;
import igm.Version;
import igm.emulator.Emulator;
import igm.emulator.EmulatorArchitecture;
import igm.emulator.EmulatorInstructor;
import igm.emulator.EmulatorManifest;
import igm.emulator.EmulatorTraining;
import igm.emulator.EmulatorWriter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CNN whose outputs are the Blatter–Pattyn velocity (IGM's physics-informed emulator, Jouvet &amp; Cordonnier 2023):
 * from the inputs {@value #THK}, {@value #SLOPSURFX}, {@value #SLOPSURFY}, {@value #ARRHENIUS} and {@value #SLIDINGCO}
 * (thickness, surface slopes, Glen's rate factor, Weertman sliding coefficient, each divided by its scale), the network
 * gives u and v at the {@link BlatterOptions#levels()} terrain-following levels of the {@code blatter} solver at every
 * cell, in units of {@link #velocityScale()} ({@link BlatterEnergyLoss} for the channel order). Depth-averaged,
 * surface and basal velocities follow by the solver's own vertical quadrature ({@link BlatterSolution#of}). Its loss is
 * the energy the solver minimises ({@link #loss}), so it is trained without solver data.
 *
 * <p>The network's parameters are held (not copied) and change when a caller trains them in place; the object is not
 * thread-safe.
 *
 * @param architecture  the network's shape: inputs = the five fields above, outputs = 2 · levels
 * @param parameters    the weights in the layout of {@link Architecture} (held, not copied: training changes them)
 * @param inputs        the five input fields with their scales, in the order above
 * @param velocityScale m a⁻¹ per unit of network output, &gt; 0
 * @param options       the Blatter–Pattyn settings of the energy (levels, regularisation); the solver settings serve
 *                      the reference solves
 */
public record PhysicsInformedNetwork(Architecture architecture, float[] parameters, List<EmulatorField> inputs, double velocityScale,
                                     BlatterOptions options) {

    /** Input names, in order. */
    public static final String THK = "thk";
    public static final String SLOPSURFX = "slopsurfx";
    public static final String SLOPSURFY = "slopsurfy";
    public static final String ARRHENIUS = "arrhenius";
    public static final String SLIDINGCO = "slidingco";
    /** The input names in the network's order. */
    public static final List<String> INPUT_NAMES = List.of(THK, SLOPSURFX, SLOPSURFY, ARRHENIUS, SLIDINGCO);
    /** The instructor name a physics-informed emulator's manifest carries: its loss is the solver's energy. */
    public static final String INSTRUCTOR = "blatter-energy";
    /** Factor on the Glorot-drawn weights of a new network's output layer ({@link #initialise}). */
    public static final double OUTPUT_WEIGHT_FACTOR = 0.01;
    /** The loss name in the manifest's training record. */
    public static final String LOSS = "blatter_energy";
    /** Manifest instructor settings that the physics loss needs, read back by {@link #load}. */
    public static final String LEVELS_KEY = "iceflow.blatter_levels";
    public static final String REGULARISATION_KEY = "iceflow.blatter_regularisation";
    public static final String VELOCITY_SCALE_KEY = "velocity_scale";

    /**
     * @throws IllegalArgumentException when the inputs are not the five fields above, the output count is not
     *                                  2 · levels or the scale is not positive
     */
    public PhysicsInformedNetwork {
        List<String> names = inputs.stream().map(EmulatorField::name).toList();
        if (!names.equals(INPUT_NAMES)) {
            throw new IllegalArgumentException("a physics-informed network takes the inputs " + INPUT_NAMES
                    + ", got " + names);
        }
        if (parameters == null || parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("architecture " + architecture.describe() + " needs "
                    + architecture.parameterCount() + " parameters, got "
                    + (parameters == null ? "null" : parameters.length));
        }
        if (architecture.inputs() != INPUT_NAMES.size()
                || architecture.outputs() != BlatterEnergyLoss.outputs(options.levels())) {
            throw new IllegalArgumentException("a physics-informed network for " + options.levels()
                    + " levels needs 5 inputs and " + BlatterEnergyLoss.outputs(options.levels()) + " outputs, got "
                    + architecture.describe());
        }
        if (!(velocityScale > 0) || !Double.isFinite(velocityScale)) {
            throw new IllegalArgumentException("velocity scale must be positive, got " + velocityScale + " m a⁻¹");
        }
        inputs = List.copyOf(inputs);
    }

    /**
     * A new network with Glorot-initialised weights drawn from {@code seed}, those of the output layer multiplied by
     * {@value #OUTPUT_WEIGHT_FACTOR}, so that it starts close to rest, where the energy is 0 and its gradient is the
     * driving stress. (With the Glorot output layer as drawn, the first iterations only undo the random velocities'
     * strain energy, and a plateau near rest follows: on a small glacier, 400 Adam iterations ended at eq. 7 = 52 % of
     * the converged solve, against 6–7 % from near rest; the pretraining hardly trained.)
     *
     * @param layers     the hidden layers N_lay
     * @param filters    the filters N_feat of each
     * @param kernelSize the kernel width N_ker
     * @param scales     the scales of the five inputs, in the order of {@link #INPUT_NAMES}
     */
    public static PhysicsInformedNetwork initialise(int layers, int filters, int kernelSize, double[] scales,
                                                    double velocityScale, BlatterOptions options, long seed) {
        Architecture a = new Architecture(INPUT_NAMES.size(), BlatterEnergyLoss.outputs(options.levels()), layers,
                filters, kernelSize, Architecture.DEFAULT_LEAKY_ALPHA);
        List<EmulatorField> fields = new ArrayList<>();
        for (int c = 0; c < INPUT_NAMES.size(); c++) {
            fields.add(new EmulatorField(INPUT_NAMES.get(c), scales[c]));
        }
        float[] parameters = TrainableNetwork.initialise(a, seed).parameters();
        for (int i = a.kernelOffset(layers); i < a.biasOffset(layers); i++) {
            parameters[i] *= (float) OUTPUT_WEIGHT_FACTOR;
        }
        return new PhysicsInformedNetwork(a, parameters, fields, velocityScale, options);
    }

    /** The output fields: {@code uvel0 … uvel(N_z−1)}, then {@code vvel0 …}, each at the velocity scale. */
    public List<EmulatorField> outputs() {
        List<EmulatorField> out = new ArrayList<>();
        for (String component : List.of("uvel", "vvel")) {
            for (int k = 0; k < options.levels(); k++) {
                out.add(new EmulatorField(component + k, velocityScale));
            }
        }
        return out;
    }

    /** The weights as a {@link TrainableNetwork} (a copy). */
    public TrainableNetwork network() {
        return TrainableNetwork.of(architecture, parameters);
    }

    /** Number of levels N_z. */
    public int levels() {
        return options.levels();
    }

    /**
     * The Blatter–Pattyn problem of a glacier state as the {@code blatter} ice-flow model poses it: Weertman sliding
     * with coefficient c (no slip where c = 0), ice-free margins (open lateral boundaries), no tilt.
     */
    public static BlatterProblem problem(Grid2D grid, double[] thickness, double[] surface, double[] rateFactor,
                                         double[] slidingCoefficient) {
        double[] bed = new double[grid.size()];
        for (int k = 0; k < bed.length; k++) {
            bed[k] = surface[k] - thickness[k];
        }
        return new BlatterProblem(grid, bed, thickness, rateFactor, new WeertmanSliding(slidingCoefficient), false,
                0, 0);
    }

    /**
     * The scaled inputs of the problems, one sample each (all on grids of one size; no targets).
     *
     * <p>The surface slope is {@link BlatterProblem#surfaceSlope} (that of b + H plus the plane's tilt); the sliding
     * coefficient {@link BlatterProblem#weertmanCoefficient} (0 under any other law).
     *
     * @throws IllegalArgumentException when the grids differ in size
     */
    public Batch inputs(List<BlatterProblem> problems) {
        Grid2D first = problems.getFirst().grid();
        int h = first.ny();
        int w = first.nx();
        int channels = INPUT_NAMES.size();
        int cells = h * w;
        float[] values = new float[problems.size() * cells * channels];
        double[] scale = new double[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = inputs.get(c).scale();
        }
        for (int b = 0; b < problems.size(); b++) {
            BlatterProblem p = problems.get(b);
            if (p.grid().nx() != w || p.grid().ny() != h) {
                throw new IllegalArgumentException("problem " + b + " is " + p.grid().nx() + "×" + p.grid().ny()
                        + ", the first " + w + "×" + h);
            }
            double[][] slope = p.surfaceSlope();
            double[] sliding = p.weertmanCoefficient();
            for (int k = 0; k < cells; k++) {
                int o = (b * cells + k) * channels;
                values[o] = (float) (p.thickness()[k] / scale[0]);
                values[o + 1] = (float) (slope[0][k] / scale[1]);
                values[o + 2] = (float) (slope[1][k] / scale[2]);
                values[o + 3] = (float) (p.rateFactor()[k] / scale[3]);
                values[o + 4] = (float) (sliding[k] / scale[4]);
            }
        }
        return new Batch(problems.size(), h, w, channels, architecture().outputs(), values, null);
    }

    /**
     * The energy loss of the problems, one operator each with {@code threads} threads for its element loops (1 when
     * the engine spreads several samples over its threads).
     */
    public BlatterEnergyLoss loss(List<BlatterProblem> problems, int threads) {
        return loss(problems, threads, BlatterEnergyLoss.Weighting.NONE);
    }

    /** The energy loss of the problems (as {@link #loss(List, int)}) with the samples weighted as {@code weighting}. */
    public BlatterEnergyLoss loss(List<BlatterProblem> problems, int threads, BlatterEnergyLoss.Weighting weighting) {
        BlatterOptions o = options.withThreads(threads);
        List<BlatterOperator> operators = new ArrayList<>();
        for (BlatterProblem p : problems) {
            operators.add(new BlatterOperator(p, o));
        }
        return new BlatterEnergyLoss(operators, velocityScale, weighting.weights(problems));
    }

    /**
     * The network's velocity for one problem: u and v at every node (zero in the columns the operator treats as
     * ice-free), with their depth averages by the solver's quadrature.
     *
     * @param engine an engine for this network's architecture
     * @param report the report to attach (what produced the velocity)
     */
    public BlatterSolution velocity(GradientEngine engine, BlatterProblem problem, SolverReport report) {
        return velocity(problem, engine.predict(parameters, inputs(List.of(problem))), report);
    }

    /**
     * The velocity of the network's outputs {@code y} for one problem (channels-last, {@code 2·N_z} per grid point of
     * the problem, in units of the velocity scale, as {@link #inputs} and a forward pass give them): u and v at every
     * node, zero in the columns the operator treats as ice-free and at no-slip beds, with their depth averages.
     *
     * @throws IllegalArgumentException when {@code y} does not have {@code 2·N_z} values per grid point
     */
    public BlatterSolution velocity(BlatterProblem problem, float[] y, SolverReport report) {
        Grid2D grid = problem.grid();
        if (y.length != grid.size() * architecture.outputs()) {
            throw new IllegalArgumentException("outputs must have " + grid.size() * architecture.outputs()
                    + " values for the " + grid.nx() + "×" + grid.ny() + " problem, got " + y.length);
        }
        int nz = levels();
        int outputs = architecture().outputs();
        double[] u = new double[grid.size() * nz];
        double[] v = new double[grid.size() * nz];
        double[] thickness = problem.thickness();
        double[] iceThickness = new double[grid.size()];
        for (int c = 0; c < grid.size(); c++) {
            if (!(thickness[c] > BlatterProblem.MIN_ICE_THICKNESS)) {
                continue;
            }
            iceThickness[c] = thickness[c];
            boolean noSlip = problem.sliding().noSlip(c);
            for (int k = 0; k < nz; k++) {
                boolean fixed = k == 0 && noSlip;
                u[c * nz + k] = fixed ? 0 : y[c * outputs + k] * velocityScale;
                v[c * nz + k] = fixed ? 0 : y[c * outputs + nz + k] * velocityScale;
            }
        }
        return BlatterSolution.of(grid, options.levelHeights(), u, v, iceThickness, report);
    }

    /**
     * Writes the network as an emulator folder ({@link EmulatorWriter}: model.h5, fieldin.dat, fieldout.dat and a
     * manifest whose instructor is {@value #INSTRUCTOR} with the energy's settings: levels and their heights,
     * regularisation, sliding law, lateral boundaries, velocity scale), atomically.
     *
     * @param gridSpacing  the grid spacing the network is meant for, m
     * @param trainingData free-form summary of the geometries it was trained on
     * @param training     how it was trained (loss {@value #LOSS})
     */
    public void write(Path folder, String name, String description, double gridSpacing,
                      Map<String, Object> trainingData, EmulatorTraining training, long seed,
                      Map<String, Double> validationScores) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("physics_informed", "true");
        settings.put(LEVELS_KEY, Integer.toString(levels()));
        StringBuilder heights = new StringBuilder();
        for (double z : options.levelHeights()) {
            heights.append(heights.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", z));
        }
        settings.put("level_heights", heights.toString());
        settings.put(REGULARISATION_KEY, Double.toString(options.regularisation()));
        settings.put("sliding_law", "weertman (u_b = c·τ_b³; no slip where c = 0)");
        settings.put("lateral_boundaries", "ice-free margins (zero velocity), stress-free grid edges");
        settings.put(VELOCITY_SCALE_KEY, Double.toString(velocityScale));
        settings.put("outputs", "uvel0..uvel" + (levels() - 1) + ", vvel0..vvel" + (levels() - 1)
                + ": u and v at the levels, bed to surface");
        TrainableNetwork net = network();
        EmulatorManifest manifest = new EmulatorManifest(EmulatorManifest.FORMAT_VERSION, Version.full(), name,
                description, Instant.now(), gridSpacing, inputs, outputs(),
                EmulatorArchitecture.of(net.toLayers(), architecture.leakyAlpha()),
                new EmulatorInstructor(INSTRUCTOR, settings), trainingData, training, seed, validationScores);
        EmulatorWriter.write(folder, net.toLayers(), architecture.leakyAlpha(), manifest);
    }

    /** Whether an emulator's manifest says it is physics-informed (instructor {@value #INSTRUCTOR}). */
    public static boolean isPhysicsInformed(Emulator emulator) {
        return emulator.manifest().map(PhysicsInformedNetwork::isPhysicsInformed).orElse(false);
    }

    /** Whether a manifest says its emulator is physics-informed (instructor {@value #INSTRUCTOR}). */
    public static boolean isPhysicsInformed(EmulatorManifest manifest) {
        return INSTRUCTOR.equals(manifest.instructor().name());
    }

    /**
     * The physics-informed network of an emulator folder (as {@link Emulator#load}: a resolution sub-folder is picked
     * from {@code dx}).
     *
     * @param solver the solver settings of the reference solves (levels and regularisation come from the manifest)
     * @throws InputException when the folder is not an emulator, or not a physics-informed one (no manifest, another
     *                        instructor, settings missing), naming the folder and what the physics loss needs
     */
    public static PhysicsInformedNetwork load(Path folder, double dx, BlatterOptions solver) {
        try (Emulator e = Emulator.load(folder, dx, 1)) {
            return of(e, solver);
        }
    }

    /**
     * The physics-informed network of a loaded emulator (as {@link #load}, without reading the folder again).
     *
     * @throws InputException when the emulator is not a physics-informed one
     */
    public static PhysicsInformedNetwork of(Emulator e, BlatterOptions solver) {
        if (!isPhysicsInformed(e)) {
            throw new InputException("emulator " + e.folder() + " is not physics-informed: its manifest must name"
                    + " the instructor '" + INSTRUCTOR + "' with the Blatter–Pattyn energy's settings ("
                    + LEVELS_KEY + ", " + REGULARISATION_KEY + ", " + VELOCITY_SCALE_KEY + "), but "
                    + e.manifest().map(m -> "names '" + m.instructor().name() + "'").orElse("it has no manifest")
                    + "; only a physics-informed emulator can be retrained in the run");
        }
        Map<String, String> settings = e.manifest().orElseThrow().instructor().settings();
        int levels = (int) number(e, settings, LEVELS_KEY);
        double regularisation = number(e, settings, REGULARISATION_KEY);
        double scale = number(e, settings, VELOCITY_SCALE_KEY);
        BlatterOptions o = new BlatterOptions(levels, regularisation, solver.threads(), solver.solver());
        TrainableNetwork net = TrainableNetwork.fromLayers(e.network().layers(), e.network().leakyAlpha());
        try {
            return new PhysicsInformedNetwork(net.architecture(), net.parameters(), e.inputs(), scale, o);
        } catch (IllegalArgumentException ex) {
            throw new InputException("emulator " + e.folder() + ": " + ex.getMessage(), ex);
        }
    }

    private static double number(Emulator e, Map<String, String> settings, String key) {
        String text = settings.get(key);
        try {
            return Double.parseDouble(text);
        } catch (NullPointerException | NumberFormatException ex) {
            throw new InputException("emulator " + e.folder().resolve(EmulatorManifest.FILE_NAME) + ": instructor"
                    + " setting '" + key + "' must be a number, got " + text);
        }
    }
}
