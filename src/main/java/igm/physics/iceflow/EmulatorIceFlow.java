package igm.physics.iceflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import igm.InputException;
import igm.emulator.Emulator;
import igm.emulator.EmulatorField;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;

/**
 * Ice flow by a trained CNN emulator (IGM, Jouvet et al. 2021): the network maps thickness, surface slopes, rate
 * factor and sliding coefficient to depth-averaged, surface and basal velocities.
 *
 * <p>Inputs by name (from {@code fieldin.dat}): {@code thk} ← thickness (m), {@code slopsurfx}/{@code slopsurfy} ←
 * ∂s/∂x, ∂s/∂y of the surface ({@link SurfaceSlope}), {@code arrhenius} ← rate factor (MPa⁻³ a⁻¹),
 * {@code slidingco} ← sliding coefficient (km MPa⁻³ a⁻¹). Outputs (m a⁻¹): {@code ubar}, {@code vbar} (required),
 * {@code uvelsurf}, {@code vvelsurf} (the depth-averaged velocity when absent), {@code uvelbase},
 * {@code vvelbase} (zero when absent). All outputs are exactly zero where thickness is 0; the network is evaluated
 * only on the bounding box of the ice grown by its receptive radius, which gives the same values at ice cells as
 * the whole grid. The result has no staggered velocity and no time-step limit of its own.
 *
 * <p>As IGM with {@code multiple_window_size = 0} (its default for these CNNs), the network sees the grid as it is,
 * with the convolutions' zero padding at the domain edge; rows run northwards ({@code j}, as the grid and as IGM's
 * arrays for inputs with increasing y).
 */
public final class EmulatorIceFlow implements IceFlowModel, AutoCloseable {

    /** The name of this model in the parameters. */
    public static final String NAME = "emulator";
    /** Input field names this model can supply to a network, in the order {@link #solve} picks them by. */
    public static final List<String> SUPPORTED_INPUTS = FieldSpec.names(FieldSpec.THK, FieldSpec.SLOPSURFX,
            FieldSpec.SLOPSURFY, FieldSpec.ARRHENIUS, FieldSpec.SLIDINGCO);
    /** Output field names this model understands. */
    public static final List<String> SUPPORTED_OUTPUTS = FieldSpec.names(FieldSpec.UBAR, FieldSpec.VBAR,
            FieldSpec.UVELSURF, FieldSpec.VVELSURF, FieldSpec.UVELBASE, FieldSpec.VVELBASE);

    private final Emulator emulator;
    private final int[] outputIndex;

    /**
     * Wraps a loaded emulator.
     *
     * @throws InputException when an input or output name is not supported, or ubar/vbar is missing
     */
    public EmulatorIceFlow(Emulator emulator) {
        this.emulator = emulator;
        for (EmulatorField f : emulator.inputs()) {
            if (!SUPPORTED_INPUTS.contains(f.name())) {
                throw new InputException("emulator " + emulator.folder().resolve("fieldin.dat") + ": unknown input '"
                        + f.name() + "'; supported inputs: " + String.join(", ", SUPPORTED_INPUTS));
            }
        }
        outputIndex = new int[SUPPORTED_OUTPUTS.size()];
        java.util.Arrays.fill(outputIndex, -1);
        List<EmulatorField> outputs = emulator.outputs();
        for (int c = 0; c < outputs.size(); c++) {
            int k = SUPPORTED_OUTPUTS.indexOf(outputs.get(c).name());
            if (k < 0) {
                throw new InputException("emulator " + emulator.folder().resolve("fieldout.dat")
                        + ": unknown output '" + outputs.get(c).name() + "'; supported outputs: "
                        + String.join(", ", SUPPORTED_OUTPUTS));
            }
            outputIndex[k] = c;
        }
        if (outputIndex[0] < 0 || outputIndex[1] < 0) {
            throw new InputException("emulator " + emulator.folder().resolve("fieldout.dat")
                    + " must list the outputs ubar and vbar");
        }
    }

    /**
     * Loads the emulator in {@code folder} for the spacing of {@code grid} (see {@link Emulator#load}) with as many
     * threads as available processors.
     */
    public static EmulatorIceFlow load(Path folder, Grid2D grid) {
        return load(folder, grid.dx(), Runtime.getRuntime().availableProcessors());
    }

    /** Loads the emulator in {@code folder} for grid spacing {@code dx} (m) with {@code threads} threads. */
    public static EmulatorIceFlow load(Path folder, double dx, int threads) {
        Emulator e = Emulator.load(folder, dx, threads);
        try {
            return new EmulatorIceFlow(e);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws InputException when the grid spacing differs from the emulator's resolution by more than 1 %
     */
    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D grid = input.grid();
        if (!emulator.matchesResolution(grid.dx())) {
            throw new InputException(String.format(Locale.ROOT,
                    "emulator %s was trained at %g m but the grid spacing is dx = %g m", emulator.folder(),
                    emulator.resolution(), grid.dx()));
        }
        int n = grid.size();
        double[] thickness = input.thickness();
        boolean[] ice = new boolean[n];
        for (int k = 0; k < n; k++) {
            ice[k] = thickness[k] > 0;
        }
        double[][] slope = null;
        List<EmulatorField> inputs = emulator.inputs();
        double[][] fields = new double[inputs.size()][];
        for (int c = 0; c < fields.length; c++) {
            String name = inputs.get(c).name();
            int supported = SUPPORTED_INPUTS.indexOf(name);
            if ((supported == 1 || supported == 2) && slope == null) {
                slope = SurfaceSlope.gradient(grid, input.surface());
            }
            fields[c] = switch (supported) {
                case 0 -> thickness;
                case 1 -> slope[0];
                case 2 -> slope[1];
                case 3 -> input.rateFactor();
                case 4 -> input.slidingCoefficient();
                default -> throw new IllegalStateException("unsupported input " + name);
            };
        }
        double[][] y = emulator.predict(grid, fields, ice);
        double[] ubar = y[outputIndex[0]];
        double[] vbar = y[outputIndex[1]];
        double[] us = outputIndex[2] >= 0 ? y[outputIndex[2]] : ubar.clone();
        double[] vs = outputIndex[3] >= 0 ? y[outputIndex[3]] : vbar.clone();
        double[] ub = outputIndex[4] >= 0 ? y[outputIndex[4]] : new double[n];
        double[] vb = outputIndex[5] >= 0 ? y[outputIndex[5]] : new double[n];
        return new IceFlowResult(grid, ubar, vbar, us, vs, ub, vb, null, Double.POSITIVE_INFINITY);
    }

    /** Floating-point operations of one evaluation of the network on the whole of {@code grid}. */
    public long flopsPerCall(Grid2D grid) {
        return emulator.network().flops(grid.nx(), grid.ny());
    }

    /** Floating-point operations of the last {@link #solve} (the network on the ice bounding box only). */
    public long lastCallFlops() {
        return emulator.lastCallFlops();
    }

    /** The emulator: fields, scales, resolution and network. */
    public Emulator emulator() {
        return emulator;
    }

    /** One line: folder, resolution, fields and architecture. */
    public String describe() {
        return emulator.describe();
    }

    /** Names of the inputs the network takes, in order. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (EmulatorField f : emulator.inputs()) {
            names.add(f.name());
        }
        return names;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
