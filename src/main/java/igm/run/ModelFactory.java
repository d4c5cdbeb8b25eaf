package igm.run;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.ClimateReader;
import igm.io.GeoTiffInputReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputOptions;
import igm.params.Parameters;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.EmulatorIceFlow;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.HybridIceFlow;
import igm.physics.iceflow.LaggedIceFlow;
import igm.physics.iceflow.ShallowShelfFlow;
import igm.physics.iceflow.SymmetrisedIceFlow;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.massbalance.AccMeltMassBalance;
import igm.physics.massbalance.AccMeltPeriods;
import igm.physics.massbalance.ClimateScenario;
import igm.physics.massbalance.DailyClimate;
import igm.physics.massbalance.ElaMassBalance;
import igm.physics.massbalance.IceMaskedMassBalance;
import igm.physics.massbalance.MassBalanceModel;
import igm.physics.massbalance.MonthlyClimate;
import igm.physics.massbalance.NoMassBalance;
import igm.physics.massbalance.PddMassBalance;
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
            Path bed = geotiffs.get("topg");
            if (bed != null && !bed.equals(file)) {
                throw new InputException(p.source() + ": input.file = " + file + " (a GeoTIFF, read as the bed) and "
                        + "input.geotiff.topg = " + bed + " both give the bed; leave one of them empty");
            }
            geotiffs.put("topg", file);
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

    /** The ice-flow model of {@code iceflow.method} for this grid. */
    public static IceFlowModel iceFlow(Parameters p, Grid2D grid) {
        return switch (p.string("iceflow.method")) {
            case "sia" -> new ShallowIceFlow();
            case "ssa" -> ssa(p, ssaOptions(p));
            case "hybrid" -> new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(ssaOptions(p)),
                    p.number("iceflow.hybrid_ssa_update"));
            case "blatter" -> lag(p, iceFlowOnThreads(p, grid, iceFlowThreads(p)));
            case "emulator" -> iceFlowOnThreads(p, grid, iceFlowThreads(p));
            default -> throw new IllegalStateException(p.string("iceflow.method"));
        };
    }

    /**
     * The instructor of {@code iceflow.method} for one run of {@code igm generate}, every part of it (SIA, SSA,
     * Blatter–Pattyn) on {@code threads} threads.
     *
     * @param unlagged for the hybrid: solve the SSA at every call, whatever {@code iceflow.hybrid_ssa_update} (the
     *                 snapshots' velocities must be the instructor's answer for their state)
     */
    public static IceFlowModel instructor(Parameters p, int threads, boolean unlagged) {
        return switch (p.string("iceflow.method")) {
            case "sia" -> new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, threads);
            case "ssa" -> ssa(p, ssaOptions(p).withThreads(threads));
            case "hybrid" -> new HybridIceFlow(new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, threads),
                    new ShallowShelfFlow(ssaOptions(p).withThreads(threads)),
                    unlagged ? 0 : p.number("iceflow.hybrid_ssa_update"));
            case "blatter" -> unlagged ? iceFlowOnThreads(p, null, threads)
                    : lag(p, iceFlowOnThreads(p, null, threads));
            default -> throw new InputException(p.source() + ": iceflow.method = " + p.string("iceflow.method")
                    + " cannot instruct");
        };
    }

    /** Whether the instructor's time loop may reuse an older solution (the lagged hybrid or blatter). */
    public static boolean lagged(Parameters p) {
        return switch (p.string("iceflow.method")) {
            case "hybrid" -> p.number("iceflow.hybrid_ssa_update") > 0;
            case "blatter" -> p.number("iceflow.blatter_update") > 0;
            default -> false;
        };
    }

    /** The Blatter–Pattyn model, lagged when {@code iceflow.blatter_update} &gt; 0. */
    private static IceFlowModel lag(Parameters p, IceFlowModel blatter) {
        double update = p.number("iceflow.blatter_update");
        return update > 0 ? new LaggedIceFlow(blatter, update) : blatter;
    }

    /** The blatter or emulator model of the parameters on {@code threads} threads ({@code grid}: the emulator's). */
    private static IceFlowModel iceFlowOnThreads(Parameters p, Grid2D grid, int threads) {
        return switch (p.string("iceflow.method")) {
            case "blatter" -> new BlatterPattynFlow(BlatterOptions.defaults()
                    .withLevels(p.integer("iceflow.blatter_levels"))
                    .withTolerance(p.number("iceflow.solver_tolerance"))
                    .withMaxIterations(p.integer("iceflow.blatter_max_iterations"))
                    .withThreads(threads));
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
                EmulatorIceFlow emulator = EmulatorIceFlow.load(folder, grid.dx(), threads);
                yield p.bool("iceflow.emulator_symmetrise") ? new SymmetrisedIceFlow(emulator) : emulator;
            }
            default -> throw new IllegalStateException(p.string("iceflow.method"));
        };
    }

    /** The emulator of a folder for the grid, on {@code threads} threads (not symmetrised). */
    public static IceFlowModel emulator(Path folder, Grid2D grid, int threads) {
        return EmulatorIceFlow.load(folder, grid.dx(), threads);
    }

    /** {@code iceflow.threads}, with 0 meaning all cores. */
    public static int iceFlowThreads(Parameters p) {
        int threads = p.integer("iceflow.threads");
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** The ssa model on the elements of {@code iceflow.ssa_elements}. */
    private static IceFlowModel ssa(Parameters p, ShallowShelfFlow.Options options) {
        return new ShallowShelfFlow(p.string("iceflow.ssa_elements").equals("quadratic")
                ? ShallowShelfFlow.Elements.QUADRATIC : ShallowShelfFlow.Elements.BILINEAR, options);
    }

    private static ShallowShelfFlow.Options ssaOptions(Parameters p) {
        return ShallowShelfFlow.Options.defaults().withTolerance(p.number("iceflow.solver_tolerance"))
                .withMaxIterations(p.integer("iceflow.ssa_max_iterations"));
    }

    /** The surface mass balance of {@code smb.method}. */
    public static MassBalanceModel massBalance(Parameters p, GlacierState state) {
        double[] mask = p.bool("smb.use_ice_mask") ? state.iceMask() : null;
        MassBalanceModel model = climateMassBalance(p, state);
        if (model != null) {
            return mask == null ? model : new IceMaskedMassBalance(model, mask);
        }
        return switch (p.string("smb.method")) {
            case "ela" -> new ElaMassBalance(new TimeTable(ElaMassBalance.COLUMNS, p.table("smb.ela_table")), mask);
            case "paleo_ela" -> {
                Path file = p.path("smb.paleo_temperature_file");
                double[][] rows = file != null ? ClimateReader.readTextTable(file, 2)
                        : p.table("smb.paleo_temperature_table");
                yield ElaMassBalance.followingTemperature(new TimeTable(ElaMassBalance.PALEO_COLUMNS, rows),
                        p.number("smb.paleo_ela0"), p.number("smb.paleo_ela_per_kelvin"),
                        p.number("smb.paleo_gradabl"), p.number("smb.paleo_gradacc"), p.number("smb.paleo_maxacc"),
                        mask);
            }
            case "none" -> new NoMassBalance();
            default -> throw new IllegalStateException(p.string("smb.method"));
        };
    }

    /** The pdd or accmelt model, or {@code null} for the other methods. */
    private static MassBalanceModel climateMassBalance(Parameters p, GlacierState state) {
        return switch (p.string("smb.method")) {
            case "pdd" -> {
                requireAbove(p, "smb.rain_temperature", "smb.snow_temperature");
                Path file = requiredFile(p, "smb.climate_file", "pdd");
                MonthlyClimate climate = ClimateReader.isGridded(file)
                        ? ClimateReader.readGriddedMonthly(file, state.grid(), p.number("smb.temp_std"))
                        : ClimateReader.readOggmMonthly(file);
                ClimateScenario scenario = scenario(p);
                if (scenario.mode() == ClimateScenario.Mode.MEAN) {
                    climate = climate.climatology(scenario.fromYear(), scenario.toYear());
                }
                yield new PddMassBalance(climate, scenario, new PddMassBalance.Factors(p.number("smb.lapse_rate"),
                        p.number("smb.prec_gradient"), p.number("smb.snow_temperature"),
                        p.number("smb.rain_temperature"), p.number("smb.melt_factor_snow"),
                        p.number("smb.melt_factor_ice")));
            }
            case "accmelt" -> {
                requireAbove(p, "smb.accmelt_rain_temperature", "smb.accmelt_snow_temperature");
                ClimateScenario scenario = scenario(p);
                if (scenario.mode() == ClimateScenario.Mode.MEAN) {
                    throw new InputException(p.source() + ": smb.climate_mode = mean is for monthly climate (pdd); "
                            + "accmelt takes actual or cycle");
                }
                DailyClimate weather = ClimateReader.readDailyStation(
                        requiredFile(p, "smb.accmelt_weather_file", "accmelt"),
                        p.number("smb.accmelt_station_height"));
                AccMeltPeriods periods = ClimateReader.readAccMeltPeriods(
                        requiredFile(p, "smb.accmelt_parameter_file", "accmelt"));
                ClimateReader.AccMeltFields fields = ClimateReader.readAccMeltFields(
                        requiredFile(p, "smb.accmelt_fields_file", "accmelt"), state.grid());
                yield new AccMeltMassBalance(weather, periods, state.grid(), fields.radiationDays(),
                        fields.radiation(), fields.redistribution(), scenario, new AccMeltMassBalance.Settings(
                                p.number("smb.accmelt_snow_temperature"), p.number("smb.accmelt_rain_temperature"),
                                p.number("smb.accmelt_accumulation_weight"),
                                p.number("smb.accmelt_ablation_weight")));
            }
            default -> null;
        };
    }

    private static void requireAbove(Parameters p, String upper, String lower) {
        if (!(p.number(upper) > p.number(lower))) {
            throw new InputException(p.source() + ": " + upper + " = " + p.number(upper) + " must be above " + lower
                    + " = " + p.number(lower));
        }
    }

    private static Path requiredFile(Parameters p, String key, String method) {
        Path file = p.path(key);
        if (file == null) {
            throw new InputException(p.source() + ": smb.method = " + method + " needs " + key);
        }
        return file;
    }

    /** The climate scenario of {@code smb.climate_mode}, {@code smb.climate_period} and the modifiers. */
    private static ClimateScenario scenario(Parameters p) {
        String mode = p.string("smb.climate_mode");
        List<Double> period = p.numberList("smb.climate_period");
        TimeTable modifiers = new TimeTable(ClimateScenario.COLUMNS, p.table("smb.climate_modifiers"));
        if (mode.equals("actual")) {
            return new ClimateScenario(ClimateScenario.Mode.ACTUAL, 0, 0, modifiers);
        }
        if (period.size() != 2 || period.stream().anyMatch(v -> v != Math.rint(v))) {
            throw new InputException(p.source() + ": smb.climate_mode = " + mode + " needs smb.climate_period = "
                    + "[first, last] (whole years), got " + period);
        }
        return new ClimateScenario(mode.equals("cycle") ? ClimateScenario.Mode.CYCLE : ClimateScenario.Mode.MEAN,
                period.get(0).intValue(), period.get(1).intValue(), modifiers);
    }

    /** The coupled model of a run. */
    public static Model model(Parameters p, GlacierState state) {
        Grid2D grid = state.grid();
        return new Model(state, iceFlow(p, grid), massBalance(p, state),
                new ThicknessTransport(grid, p.number("thickness.cfl"), p.number("time.max_step")));
    }
}
