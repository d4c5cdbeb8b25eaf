package igm.cli;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputOptions;
import igm.io.params.Parameters;
import igm.physics.iceflow.EmulatorIceFlow;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.massbalance.ElaMassBalance;
import igm.physics.massbalance.MassBalanceModel;
import igm.physics.massbalance.NoMassBalance;
import igm.physics.massbalance.TimeTable;
import igm.physics.transport.ThicknessTransport;
import igm.simulation.GlacierState;
import igm.simulation.Model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the input, the state and the components of a run from its parameters. */
final class ModelBuilder {

    private ModelBuilder() {
    }

    /** The input options the parameters describe (file, variable names, crop, coarsening). */
    static InputOptions inputOptions(Parameters p) {
        Path file = p.path("input.file");
        InputOptions options = p.string("input.preset").equals("oggm") ? InputOptions.oggm(file)
                : InputOptions.of(file);
        Map<String, String> names = new LinkedHashMap<>(options.variableNames());
        for (String logical : InputOptions.LOGICAL_NAMES) {
            String key = "input.names." + logical;
            if (p.registry().spec(key) != null && !p.string(key).isEmpty()) {
                names.put(logical, p.string(key));
            }
        }
        options = options.withVariableNames(names);
        List<Double> crop = p.numberList("input.crop");
        if (!crop.isEmpty()) {
            if (crop.size() != 4 || crop.stream().anyMatch(v -> v != Math.rint(v) || v < 0)) {
                throw new InputException(p.source() + ": input.crop = " + crop
                        + " is not valid; expected four whole numbers [i0, j0, nx, ny] (cells)");
            }
            options = options.withCrop(crop.stream().mapToInt(Double::intValue).toArray());
        }
        boolean oggm = p.string("input.preset").equals("oggm");
        return options.withCoarsen(p.integer("input.coarsen"))
                .withFillNanThicknessWithZero(oggm || p.bool("input.fill_nan_thickness"));
    }

    /** Reads the input file the parameters name. */
    static GriddedInput readInput(Parameters p) {
        return GriddedInputReader.read(inputOptions(p));
    }

    /** The initial state: the input's geometry, with the parameters' c and A where the input has none. */
    static GlacierState state(Parameters p, GriddedInput in) {
        Grid2D grid = in.grid();
        double[] c = in.slidingCoefficient() != null ? in.slidingCoefficient()
                : filled(grid, p.number("iceflow.sliding_coefficient"));
        double[] a = in.rateFactor() != null ? in.rateFactor() : filled(grid, p.number("iceflow.rate_factor"));
        return new GlacierState(grid, in.bed(), in.thickness(), c, a, in.iceMask());
    }

    private static double[] filled(Grid2D grid, double value) {
        double[] a = new double[grid.size()];
        Arrays.fill(a, value);
        return a;
    }

    /** The ice-flow model of {@code iceflow.method} for this grid. */
    static IceFlowModel iceFlow(Parameters p, Grid2D grid) {
        return switch (p.string("iceflow.method")) {
            case "sia" -> new ShallowIceFlow();
            case "emulator" -> {
                Path folder = p.path("iceflow.emulator");
                if (folder == null) {
                    throw new InputException(p.source() + ": iceflow.method = emulator needs iceflow.emulator, "
                            + "the folder of a trained emulator");
                }
                if (!Files.isDirectory(folder)) {
                    throw new InputException(p.source() + ": iceflow.emulator = " + p.rawPath("iceflow.emulator")
                            + " is not a folder (resolved to " + folder + ")");
                }
                int threads = p.integer("iceflow.threads");
                yield EmulatorIceFlow.load(folder, grid.dx(),
                        threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
            }
            default -> throw new IllegalStateException(p.string("iceflow.method"));
        };
    }

    /** The surface mass balance of {@code smb.method}. */
    static MassBalanceModel massBalance(Parameters p, GlacierState state) {
        return switch (p.string("smb.method")) {
            case "ela" -> new ElaMassBalance(new TimeTable(ElaMassBalance.COLUMNS, p.table("smb.ela_table")),
                    p.bool("smb.use_ice_mask") ? state.iceMask() : null);
            case "none" -> new NoMassBalance();
            default -> throw new IllegalStateException(p.string("smb.method"));
        };
    }

    /** The coupled model of a run. */
    static Model model(Parameters p, GlacierState state) {
        Grid2D grid = state.grid();
        return new Model(state, iceFlow(p, grid), massBalance(p, state),
                new ThicknessTransport(grid, p.number("thickness.cfl"), p.number("time.max_step")));
    }
}
