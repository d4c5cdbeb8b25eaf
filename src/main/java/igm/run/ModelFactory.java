package igm.run;

import igm.InputException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.io.GeoTiffInputReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputOptions;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowProvider;
import igm.physics.iceflow.IceFlowRegistry;
import igm.physics.iceflow.InstructorProvider;
import igm.physics.massbalance.MassBalanceModel;
import igm.physics.massbalance.MassBalanceProvider;
import igm.physics.massbalance.MassBalanceRegistry;
import igm.physics.transport.ThicknessTransport;
import igm.simulation.GlacierState;
import igm.simulation.Model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the input, the state and the components of a run from its parameters. */
public final class ModelFactory {

    private ModelFactory() {
    }

    /** The input options the parameters describe (file, variable names, crop, coarsening). */
    public static InputOptions inputOptions(Parameters p) {
        Path file = p.path("input.file");
        if (file == null) {
            file = geotiffFiles(p).values().stream().findFirst().orElse(null);
        }
        if (file == null) {
            throw new InputException(p.source() + ": parameter input.file is required ("
                    + p.registry().spec("input.file").description() + ")");
        }
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
                .withFillNanThicknessWithZero(oggm || p.bool("input.fill_nan_thickness"))
                .withTime(p.string("input.time"));
    }

    /**
     * Reads the input file the parameters name; the note on variables without units goes to the run's log
     * (standard output), so that standard error holds only the error of a run that fails.
     */
    public static GriddedInput readInput(Parameters p) {
        InputOptions options = inputOptions(p);
        Map<String, Path> geotiffs = geotiffFiles(p);
        Path file = p.path("input.file");
        boolean tiff = GeoTiffInputReader.isGeoTiffInput(file);
        if (file != null && !tiff && !geotiffs.isEmpty()) {
            throw new InputException(p.source() + ": input.geotiff." + geotiffs.keySet().iterator().next()
                    + " is given but input.file = " + file + " is not a GeoTIFF; input.geotiff.* keys make a GeoTIFF "
                    + "input: leave input.file empty or make it the GeoTIFF of the bed");
        }
        if (!tiff && geotiffs.isEmpty()) {
            return GriddedInputReader.read(options, System.out::println);
        }
        if (p.string("input.preset").equals("oggm")) {
            throw new InputException(p.source() + ": input.preset = oggm names the variables of an OGGM NetCDF file, "
                    + "but the input is GeoTIFF (" + options.file() + ")");
        }
        for (String logical : InputOptions.LOGICAL_NAMES) {
            String key = "input.names." + logical;
            if (p.registry().spec(key) != null && !p.string(key).isEmpty()) {
                throw new InputException(p.source() + ": " + key + " = " + p.string(key) + " names a NetCDF "
                        + "variable, but the input is GeoTIFF (" + options.file() + "); give each field's file with "
                        + "input.geotiff." + logical);
            }
        }
        if (!p.string("input.time").isEmpty()) {
            throw new InputException(p.source() + ": input.time = " + p.string("input.time") + " picks a frame of a "
                    + "file with a time axis, but the input is GeoTIFF (" + options.file() + "), which has none; leave "
                    + "input.time empty");
        }
        if (tiff) {
            Path bed = geotiffs.get(FieldSpec.TOPG.name());
            if (bed != null && !bed.equals(file)) {
                throw new InputException(p.source() + ": input.file = " + file + " (a GeoTIFF, read as the bed) and "
                        + "input.geotiff.topg = " + bed + " both give the bed; leave one of them empty");
            }
            geotiffs.put(FieldSpec.TOPG.name(), file);
        }
        return GeoTiffInputReader.read(geotiffs, options, System.out::println);
    }

    /** The non-empty {@code input.geotiff.FIELD} keys, field → file, in {@link GeoTiffInputReader#FIELDS} order. */
    private static Map<String, Path> geotiffFiles(Parameters p) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String field : GeoTiffInputReader.FIELDS) {
            Path file = p.path("input.geotiff." + field);
            if (file != null) {
                files.put(field, file);
            }
        }
        return files;
    }

    /** The initial state: the input's geometry, with the parameters' c and A where the input has none. */
    public static GlacierState state(Parameters p, GriddedInput in) {
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

    /** The ice-flow model of {@code iceflow.method} for this grid ({@link IceFlowProvider#create}). */
    public static IceFlowModel iceFlow(Parameters p, Grid2D grid) {
        return IceFlowRegistry.models().named(p.string("iceflow.method")).create(p, grid);
    }

    /**
     * The instructor of {@code iceflow.method} for one run of {@code igm generate}, every part of it (SIA, SSA,
     * Blatter–Pattyn) on {@code threads} threads ({@link InstructorProvider#instructor}).
     *
     * @param unlagged for the hybrid: solve the SSA at every call, whatever {@code iceflow.hybrid_ssa_update} (the
     *                 snapshots' velocities must be the instructor's answer for their state)
     * @throws InputException when the method cannot instruct
     */
    public static IceFlowModel instructor(Parameters p, int threads, boolean unlagged) {
        String method = p.string("iceflow.method");
        if (!(IceFlowRegistry.models().find(method).orElse(null) instanceof InstructorProvider provider)) {
            throw new InputException(p.source() + ": iceflow.method = " + method + " cannot instruct");
        }
        return provider.instructor(p, threads, unlagged);
    }

    /** Whether the instructor's time loop may reuse an older solution (the lagged hybrid or blatter). */
    public static boolean lagged(Parameters p) {
        return IceFlowRegistry.models().find(p.string("iceflow.method")).orElse(null)
                instanceof InstructorProvider provider && provider.lagged(p);
    }

    /** The emulator of a folder for the grid, on {@code threads} threads, frozen (not symmetrised, not retrained). */
    public static IceFlowModel emulator(Path folder, Grid2D grid, int threads) {
        return IceFlowRegistry.frozenEmulator(folder, grid.dx(), threads);
    }

    /** The surface mass balance of {@code smb.method} ({@link MassBalanceProvider#create}). */
    public static MassBalanceModel massBalance(Parameters p, GlacierState state) {
        return MassBalanceRegistry.models().named(p.string("smb.method")).create(p, new RunMassBalanceContext(state));
    }

    /**
     * The keys naming the files and folders that the models of the parameters read when they are built: those of the
     * ice-flow model of {@code iceflow.method}, then those of the mass balance of {@code smb.method}
     * ({@link IceFlowProvider#fileKeys}, {@link MassBalanceProvider#fileKeys}); a key may be empty.
     */
    public static List<String> modelFileKeys(Parameters p) {
        List<String> keys = new ArrayList<>(IceFlowRegistry.models().named(p.string("iceflow.method")).fileKeys());
        keys.addAll(MassBalanceRegistry.models().named(p.string("smb.method")).fileKeys());
        return List.copyOf(keys);
    }

    /** The coupled model of a run. */
    public static Model model(Parameters p, GlacierState state) {
        Grid2D grid = state.grid();
        return new Model(state, iceFlow(p, grid), massBalance(p, state),
                new ThicknessTransport(grid, p.number("thickness.cfl"), p.number("time.max_step")));
    }
}
