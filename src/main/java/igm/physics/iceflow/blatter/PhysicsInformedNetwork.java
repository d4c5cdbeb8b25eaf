package igm.physics.iceflow.blatter;

import igm.emulator.EmulatorField;
import igm.emulator.training.Architecture;
import igm.emulator.training.Batch;
import igm.emulator.training.GradientEngine;
import igm.emulator.training.TrainableNetwork;
import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
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
 * cell, in units of {@link #velocityScale()} ({@link BlatterEnergyLoss} for the channel order). A network may take two
 * more inputs, {@value #UVELSLAB} and {@value #VVELSLAB}: the velocity of a parallel-sided slab with each cell's
 * thickness, slope, rate factor and sliding ({@link BlatterProblem#slabSpeed}, down the surface slope), each component
 * its direction's share of ln(1 + |u_slab| / scale), so that a glacier of 10 m a⁻¹ and one of 1000 m a⁻¹ both give
 * inputs of order one and the network need not build the power law u ∝ A H^(n+1) |∇s|^n from its piecewise-linear
 * units ({@link #inputs}). Depth-averaged,
 * surface and basal velocities follow by the solver's own vertical quadrature ({@link BlatterSolution#of}). Its loss is
 * the energy the solver minimises ({@link #loss}), so it is trained without solver data.
 *
 * <p>The network's parameters are held (not copied) and change when a caller trains them in place; the object is not
 * thread-safe.
 *
 * @param architecture  the network's shape: inputs = the input fields, outputs = 2 · levels
 * @param parameters    the weights in the layout of {@link Architecture} (held, not copied: training changes them)
 * @param inputs        the input fields with their scales: {@link #INPUT_NAMES} or {@link #SLAB_INPUT_NAMES}
 * @param velocityScale m a⁻¹ per unit of network output, &gt; 0
 * @param options       the Blatter–Pattyn settings of the energy (levels, regularisation); the solver settings serve
 *                      the reference solves
 */
public record PhysicsInformedNetwork(Architecture architecture, float[] parameters, List<EmulatorField> inputs,
                                     double velocityScale, BlatterOptions options) {

    /** Input names, in order. */
    public static final String THK = "thk";
    public static final String SLOPSURFX = "slopsurfx";
    public static final String SLOPSURFY = "slopsurfy";
    public static final String ARRHENIUS = "arrhenius";
    public static final String SLIDINGCO = "slidingco";
    /** The input names in the network's order. */
    public static final List<String> INPUT_NAMES = List.of(THK, SLOPSURFX, SLOPSURFY, ARRHENIUS, SLIDINGCO);
    /** The slab velocity inputs (log-compressed, scale in m a⁻¹). */
    public static final String UVELSLAB = "uvelslab";
    public static final String VVELSLAB = "vvelslab";
    /** The input names of a network that also takes the slab velocity, in order. */
    public static final List<String> SLAB_INPUT_NAMES = List.of(THK, SLOPSURFX, SLOPSURFY, ARRHENIUS, SLIDINGCO,
            UVELSLAB, VVELSLAB);
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
     * @throws IllegalArgumentException when the inputs are not the fields above, the output count is not
     *                                  2 · levels or the scale is not positive
     */
    public PhysicsInformedNetwork {
        List<String> names = inputs.stream().map(EmulatorField::name).toList();
        if (!names.equals(INPUT_NAMES) && !names.equals(SLAB_INPUT_NAMES)) {
            throw new IllegalArgumentException("a physics-informed network takes the inputs " + INPUT_NAMES
                    + " or " + SLAB_INPUT_NAMES + ", got " + names);
        }
        if (parameters == null || parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("architecture " + architecture.describe() + " needs "
                    + architecture.parameterCount() + " parameters, got "
                    + (parameters == null ? "null" : parameters.length));
        }
        if (architecture.inputs() != names.size()
                || architecture.outputs() != BlatterEnergyLoss.outputs(options.levels())) {
            throw new IllegalArgumentException("a physics-informed network for " + options.levels()
                    + " levels needs " + names.size() + " inputs and " + BlatterEnergyLoss.outputs(options.levels())
                    + " outputs, got " + architecture.describe());
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
     * @param scales     the scales of the inputs, in the order of {@link #INPUT_NAMES} (five) or
     *                   {@link #SLAB_INPUT_NAMES} (seven: the network takes the slab velocity)
     * @throws IllegalArgumentException when there are neither five nor seven scales
     */
    public static PhysicsInformedNetwork initialise(int layers, int filters, int kernelSize, double[] scales,
                                                    double velocityScale, BlatterOptions options, long seed) {
        List<String> names = scales.length == SLAB_INPUT_NAMES.size() ? SLAB_INPUT_NAMES : INPUT_NAMES;
        if (scales.length != names.size()) {
            throw new IllegalArgumentException("expected " + INPUT_NAMES.size() + " or "
                    + SLAB_INPUT_NAMES.size() + " input scales, got " + scales.length);
        }
        Architecture a = new Architecture(names.size(), BlatterEnergyLoss.outputs(options.levels()), layers,
                filters, kernelSize, Architecture.DEFAULT_LEAKY_ALPHA);
        List<EmulatorField> fields = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            fields.add(new EmulatorField(names.get(c), scales[c]));
        }
        float[] parameters = TrainableNetwork.initialise(a, seed).parameters();
        for (int i = a.kernelOffset(layers); i < a.biasOffset(layers); i++) {
            parameters[i] *= (float) OUTPUT_WEIGHT_FACTOR;
        }
        return new PhysicsInformedNetwork(a, parameters, fields, velocityScale, options);
    }

    /** Whether the network takes the slab velocity ({@link #SLAB_INPUT_NAMES}). */
    public boolean slabVelocityInputs() {
        return inputs.size() == SLAB_INPUT_NAMES.size();
    }

    /**
     * This network with the slab velocity inputs added at {@code scale} m a⁻¹, their first-layer weights 0: it
     * gives the same velocity as this one until training makes use of them. A network that has them is returned as is.
     */
    public PhysicsInformedNetwork withSlabVelocityInputs(double scale) {
        if (slabVelocityInputs()) {
            return this;
        }
        Architecture a = architecture;
        Architecture wider = new Architecture(SLAB_INPUT_NAMES.size(), a.outputs(), a.layers(), a.filters(),
                a.kernelSize(), a.leakyAlpha());
        float[] p = new float[(int) wider.parameterCount()];
        int in = a.inChannels(0);
        int out = a.outChannels(0);
        int taps = a.kernelSize(0) * a.kernelSize(0);
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < in; c++) {
                System.arraycopy(parameters, a.kernelOffset(0) + (t * in + c) * out, p,
                        wider.kernelOffset(0) + (t * wider.inChannels(0) + c) * out, out);
            }
        }
        int rest = a.biasOffset(0);
        System.arraycopy(parameters, rest, p, wider.biasOffset(0), parameters.length - rest);
        List<EmulatorField> fields = new ArrayList<>(inputs);
        fields.add(new EmulatorField(UVELSLAB, scale));
        fields.add(new EmulatorField(VVELSLAB, scale));
        return new PhysicsInformedNetwork(wider, p, fields, velocityScale, options);
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
     * coefficient {@link BlatterProblem#weertmanCoefficient} (0 under any other law). The slab velocity inputs, when
     * the network takes them, are the components of the unit vector down the slope times ln(1 + |u_slab| / scale)
     * with |u_slab| = {@link BlatterProblem#slabSpeed} (0 on a flat surface).
     *
     * @throws IllegalArgumentException when the grids differ in size
     */
    public Batch inputs(List<BlatterProblem> problems) {
        Grid2D first = problems.getFirst().grid();
        int h = first.ny();
        int w = first.nx();
        int channels = inputs.size();
        boolean slab = slabVelocityInputs();
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
            if (slab) {
                double[] speed = p.slabSpeed();
                for (int k = 0; k < cells; k++) {
                    double norm = Math.hypot(slope[0][k], slope[1][k]);
                    if (norm > 0) {
                        double size = Math.log1p(speed[k] / scale[5]) / norm;
                        int o = (b * cells + k) * channels;
                        values[o + 5] = (float) (-slope[0][k] * size);
                        values[o + 6] = (float) (-slope[1][k] * size);
                    }
                }
            }
        }
        return new Batch(problems.size(), h, w, channels, architecture().outputs(), values, null);
    }

    /**
     * The gradient of a function of the network's inputs with respect to the fields they are made from, the ice
     * surface held fixed (so the slopes do not move and the bed is the surface minus the thickness): the chain rule
     * through {@link #inputs} of the gradient with respect to the scaled inputs, e.g. from
     * {@link GradientEngine#lossAndInputGradient}. Where there is no ice the slab velocity inputs do not depend on the
     * thickness (they are 0), and at c = 0 their derivative with respect to c is the one from above.
     *
     * @param problem       the one problem whose inputs were differentiated
     * @param inputGradient ∂F/∂inputs in the layout of {@link #inputs} for that problem
     * @return ∂F/∂H (m⁻¹), ∂F/∂A (per MPa⁻³ a⁻¹) and ∂F/∂c (per km MPa⁻³ a⁻¹), one per grid point
     * @throws IllegalArgumentException when the gradient does not have one value per input and grid point
     */
    public InputAdjoint inputAdjoint(BlatterProblem problem, float[] inputGradient) {
        int n = problem.grid().size();
        int channels = inputs.size();
        if (inputGradient.length != n * channels) {
            throw new IllegalArgumentException("input gradient must have " + n * channels + " values, got "
                    + inputGradient.length);
        }
        double[] dh = new double[n];
        double[] da = new double[n];
        double[] dc = new double[n];
        for (int k = 0; k < n; k++) {
            dh[k] = inputGradient[k * channels] / inputs.get(0).scale();
            da[k] = inputGradient[k * channels + 3] / inputs.get(3).scale();
            dc[k] = inputGradient[k * channels + 4] / inputs.get(4).scale();
        }
        if (slabVelocityInputs()) {
            double[][] slope = problem.surfaceSlope();
            double[] thickness = problem.thickness();
            double[] rate = problem.rateFactor();
            double[][] parts = problem.slabSpeedParts();
            double scale = inputs.get(5).scale();
            int glen = PhysicalConstants.GLEN_EXPONENT;
            for (int k = 0; k < n; k++) {
                double t = Math.hypot(slope[0][k], slope[1][k]);
                double h = thickness[k];
                if (!(t > 0) || !(h > BlatterProblem.MIN_ICE_THICKNESS)) {
                    continue;
                }
                double tau = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * h * t;
                double deformation = parts[0][k];
                double basal = parts[1][k];
                // d(input)/dS along each axis: the unit vector down the slope over (scale + S)
                double speed = deformation + basal;
                double along = (-slope[0][k] * inputGradient[k * channels + 5]
                        - slope[1][k] * inputGradient[k * channels + 6]) / t / (scale + speed);
                dh[k] += along * ((glen + 1) * deformation + 3 * basal) / h;
                da[k] += along * deformation / rate[k];
                dc[k] += along * 1000 * tau * tau * tau;
            }
        }
        return new InputAdjoint(dh, da, dc);
    }

    /**
     * The gradient of a function of a network's inputs with respect to the fields ({@link #inputAdjoint}).
     *
     * @param thickness          ∂F/∂H per grid point, m⁻¹
     * @param rateFactor         ∂F/∂A per grid point
     * @param slidingCoefficient ∂F/∂c per grid point
     */
    public record InputAdjoint(double[] thickness, double[] rateFactor, double[] slidingCoefficient) {
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
        if (slabVelocityInputs()) {
            settings.put("slab_velocity_inputs", UVELSLAB + ", " + VVELSLAB + ": the first-order velocity of a slab of"
                    + " the local thickness, slope, rate factor and sliding, down the surface slope, with size"
                    + " ln(1 + |u|/scale)");
        }
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
