package igm.params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one registry of every run parameter: key, type, unit, default, description and allowed values. Printed by
 * {@code igm info}, used to validate parameter files and written, resolved, beside every output.
 */
public final class ParameterRegistry {

    private static final double NONE = Double.NaN;
    /** How a PATH value is resolved ({@link Parameters#PATH_RULE}), for the descriptions that mention it. */
    private static final String RELATIVE = "relative: to the parameter file when written in it, to the working "
            + "directory when given with --set or by default";
    private static final ParameterRegistry STANDARD = buildStandard();

    private final Map<String, ParameterSpec> specs;

    private ParameterRegistry(Map<String, ParameterSpec> specs) {
        this.specs = Collections.unmodifiableMap(specs);
    }

    /** The registry of the program's parameters. */
    public static ParameterRegistry standard() {
        return STANDARD;
    }

    /** The spec of {@code key}, or {@code null} when no such parameter exists. */
    public ParameterSpec spec(String key) {
        return specs.get(key);
    }

    /** All specs in registry order (grouped by component). */
    public List<ParameterSpec> all() {
        return List.copyOf(specs.values());
    }

    /** The components, in registry order. */
    public List<String> components() {
        List<String> out = new ArrayList<>();
        for (ParameterSpec s : specs.values()) {
            if (!out.contains(s.component())) {
                out.add(s.component());
            }
        }
        return out;
    }

    /** The keys of one component, in registry order. */
    public List<String> keysOf(String component) {
        List<String> out = new ArrayList<>();
        for (ParameterSpec s : specs.values()) {
            if (s.component().equals(component)) {
                out.add(s.key());
            }
        }
        return out;
    }

    private static ParameterRegistry buildStandard() {
        Builder b = new Builder();
        // run
        b.integer("run.seed", "", 42, "seed of every random choice (recorded in the outputs)", 0, NONE);
        b.string("run.name", "", "igm", "name of the run, used in output titles");
        b.bool("run.runaway_check", true, "stop a run that runs away (a non-finite value, a value beyond "
                + "run.max_thickness, run.max_speed or run.max_smb, a collapsed time step) with a message naming the "
                + "time, the cell and the likely cause");
        b.number("run.max_thickness", "m", 1e4, "runaway check: largest ice thickness", 1, 1e6);
        b.number("run.max_speed", "m a-1", 1e5, "runaway check: largest depth-averaged or surface ice speed", 1, 1e9);
        b.number("run.max_smb", "m a-1", 100.0, "runaway check: largest |surface mass balance| (ice eq.) anywhere "
                + "in the domain", 1e-3, 1e6);
        b.number("run.min_step", "a", 1e-6, "runaway check: a largest stable step (CFL and ice-flow limits, "
                + "time.max_step aside) below this is a collapse", 0, 1);
        b.integer("run.min_step_count", "", 100, "runaway check: consecutive steps of collapse that stop the run",
                1, 1000000000);

        // generate (igm generate: training data from instructor runs; the instructor is iceflow.method)
        b.path("generate.folder", "output/generate", "igm generate: folder of the snapshot files (one NetCDF per run), "
                + "runs.csv and params.yaml (" + RELATIVE + ")");
        b.number("generate.dx", "m", 100.0, "igm generate: grid spacing of the runs (terrain DEMs are coarsened to it "
                + "by a whole factor)", 1, 1e5);
        b.integer("generate.synthetic_valleys", "", 8, "igm generate: number of synthetic valleys (each is run with "
                + "every sliding coefficient)", 0, 1000000);
        b.integer("generate.first_valley", "", 0, "igm generate: number of the first synthetic valley of the seed (a "
                + "later generation with the same seed adds other valleys from here: their names differ)", 0, 1000000);
        b.numberList("generate.valley_cells", "cells", List.of(48.0, 112.0),
                "igm generate: [across, along] cells of a synthetic valley's domain (transposed when it flows east or "
                        + "west)", 4, 100000);
        b.numberList("generate.floor_slope", "", List.of(0.07, 0.13), "igm generate: [lowest, highest] mean floor "
                + "slope of a synthetic valley's main trough, drawn uniformly (gentler troughs hold thicker ice)",
                0, 1);
        b.integer("generate.terrain_crops", "", 0, "igm generate: number of windows of the DEM of input.file "
                + "(input.preset and input.names.* apply) used as further valleys", 0, 1000000);
        b.numberList("generate.crop_cells", "cells", List.of(48.0, 64.0),
                "igm generate: [nx, ny] cells of a terrain window", 4, 100000);
        b.number("generate.crop_max_mask_overlap", "", 0.0, "igm generate: largest share of a terrain window inside "
                + "the DEM's icemask (0: windows avoid the glacier outline, kept for evaluation)", 0, 1);
        b.number("generate.crop_max_mutual_overlap", "", 0.25, "igm generate: largest share of a terrain window's "
                + "area that another window may cover (windows are different valleys)", 0, 1);
        b.number("generate.crop_min_relief", "m", 500.0, "igm generate: smallest relief (highest minus lowest bed) of "
                + "a terrain window", 0, 1e4);
        b.numberList("generate.sliding_coefficients", "km MPa-3 a-1", List.of(0.0, 6.0, 12.0, 25.0),
                "igm generate: values of the sliding coefficient c; every valley is run with each", 0, 1e6);
        b.number("generate.advance_years", "a", 100.0, "igm generate: years with the ELA at the first quantile "
                + "(from an ice-free start)", 0, 1e5);
        b.number("generate.retreat_years", "a", 100.0, "igm generate: years over which the ELA then rises linearly "
                + "to the second quantile", 0, 1e5);
        b.numberList("generate.ela_quantiles", "", List.of(0.2, 0.9),
                "igm generate: [advance, retreat] quantiles of the valley's bed elevations for the ELA", 0, 1);
        b.number("generate.accumulation_gradient", "a-1", 0.005, "igm generate: SMB gradient above the ELA", 0, 1);
        b.number("generate.ablation_gradient", "a-1", 0.009, "igm generate: SMB gradient below the ELA", 0, 1);
        b.number("generate.max_accumulation", "m a-1", 2.0, "igm generate: cap of the accumulation (ice eq.)", 0,
                100);
        b.integer("generate.no_accumulation_border", "cells", 1, "igm generate: width of the ring along the domain "
                + "edge where ice never accumulates (the open edge would drain ice accumulated on it)", 0, 100000);
        b.number("generate.snapshot_interval", "a", 2.0, "igm generate: years between snapshots (only snapshots "
                + "with ice are kept)", 1e-3, 1e5);
        b.integer("generate.parallel_runs", "", 0, "igm generate: runs at once, each on one thread (0: all cores); "
                + "the results do not depend on it", 0, 4096);

        // input
        b.path("input.file", "", "gridded NetCDF-3 or NetCDF-4 input, or a GeoTIFF DEM read as the bed of an ice-free "
                + "start (see input.geotiff.*) (" + RELATIVE + "); required by igm run, and by igm generate with "
                + "terrain crops");
        b.choice("input.preset", "igm", "variable naming convention of the input file", "igm", "oggm");
        for (String name : List.of("x", "y", "topg", "usurf", "thk", "icemask", "slidingco", "arrhenius")) {
            b.string("input.names." + name, "", "",
                    "name in the file of '" + name + "' (empty: the preset's name)");
        }
        b.numberList("input.crop", "cells", List.of(),
                "crop [i0, j0, nx, ny] in cells of the input grid, south-west corner first (empty: none)", 0, 1e9);
        b.integer("input.coarsen", "", 1, "coarsening factor by block averaging (1: none)", 1, 64);
        b.bool("input.fill_nan_thickness", false,
                "treat NaN thickness as 0 instead of rejecting the file (always on with the oggm preset: OGGM "
                        + "thickness is NaN off the glacier)");
        b.string("input.time", "", "",
                "frame of an input file with a time axis, e.g. a spatial.nc of igm run: empty (the file must hold a "
                        + "single time or none), 'last', or a decimal year (the frame within 1e-6 a of it)");

        // input: GeoTIFF fields (GeoTiffInputReader)
        b.path("input.geotiff.topg", "", "GeoTIFF of the bed elevation topg (m) (" + RELATIVE + "); when "
                + "input.file is a GeoTIFF it is the bed and this key stays empty (giving both is an error unless "
                + "they name the same file); input.file may be left empty when this key is given. A bed alone is an "
                + "ice-free start (thk = 0). Every input.geotiff.* file must share the grid (size, cell size, origin) "
                + "and the CRS; projected CRS in metres, north-up");
        b.path("input.geotiff.usurf", "", "GeoTIFF of the surface elevation usurf (m) (" + RELATIVE + "); "
                + "with the bed, thk = max(usurf - topg, 0); with thk and no bed, topg = usurf - thk");
        b.path("input.geotiff.thk", "", "GeoTIFF of the ice thickness thk (m) (" + RELATIVE + "); "
                + "nodata cells are an error, or 0 m with input.fill_nan_thickness: true; with the bed, "
                + "usurf = topg + thk");
        b.path("input.geotiff.icemask", "", "GeoTIFF of the ice mask icemask (1 glacier, 0 elsewhere) (" + RELATIVE
                + "; empty: none)");
        b.path("input.geotiff.slidingco", "", "GeoTIFF of the sliding coefficient slidingco (Weertman c, km "
                + "MPa-3 a-1, ≥ 0) (" + RELATIVE + "; empty: iceflow.sliding_coefficient everywhere)");
        b.path("input.geotiff.arrhenius", "", "GeoTIFF of the rate factor arrhenius (MPa-3 a-1, > 0) (" + RELATIVE
                + "; empty: iceflow.rate_factor everywhere)");

        // time
        b.number("time.start", "a", 2000.0, "start time (calendar year)", -1e6, 1e6);
        b.number("time.end", "a", 2100.0, "end time (calendar year)", -1e6, 1e6);
        b.number("time.max_step", "a", 1.0, "largest time step (at least 1e-6 a, a thousand times the 1e-9 a within "
                + "which two times count as one)", 1e-6, 1000);

        // iceflow (the values of iceflow.method are the names in igm.physics.iceflow.IceFlowRegistry, in its order;
        // each model's keys are listed by its provider: the registry tests check both)
        b.choice("iceflow.method", "sia", "ice-flow model: shallow ice (sia), shallow shelf (ssa), SIA deformation plus "
                + "SSA sliding (hybrid), first-order Stokes (blatter), or a CNN emulator", "sia", "ssa", "hybrid",
                "blatter", "emulator");
        b.path("iceflow.emulator", "", "emulator folder (IGM Keras layout: resolution sub-folders with model.h5, "
                + "fieldin.dat, fieldout.dat), " + RELATIVE);
        b.bool("iceflow.emulator_symmetrise", false, "average the emulator over the 8 rotations and reflections of "
                + "the grid: exactly equivariant (a trained CNN is not), 8 times the cost");
        b.integer("iceflow.emulator_warmup_iterations", "", 0, "physics-informed emulator: Adam iterations on the "
                + "Blatter–Pattyn energy of the initial state before the first step (0: none; IGM: "
                + "iflo_retrain_emulator_nbit_init = 1)", 0, 1000000);
        b.integer("iceflow.emulator_retrain_interval", "", 0, "physics-informed emulator: steps between retrainings "
                + "on the energy of the current state (0: frozen; IGM: iflo_retrain_emulator_freq = 10)", 0, 1000000);
        b.integer("iceflow.emulator_retrain_iterations", "", 1, "physics-informed emulator: Adam iterations at each "
                + "retraining (IGM: iflo_retrain_emulator_nbit = 1)", 1, 1000000);
        b.number("iceflow.emulator_learning_rate", "", 2e-5, "physics-informed emulator: Adam's learning rate of the "
                + "warm-up and the retrainings (IGM: iflo_retrain_emulator_lr = 2e-5)", 1e-12, 1);
        b.number("iceflow.rate_factor", "MPa-3 a-1", 78.0,
                "Glen's rate factor A where the input has no 'arrhenius' (temperate ice: 78)", 0, 1e6);
        b.number("iceflow.sliding_coefficient", "km MPa-3 a-1", 0.0,
                "Weertman sliding coefficient c of u_b = c·τ_b³ where the input has no 'slidingco'", 0, 1e6);
        b.integer("iceflow.threads", "", 0, "threads of the emulator and of the Blatter–Pattyn solver (0: all cores)",
                0, 4096);
        b.number("iceflow.solver_tolerance", "", 1e-5, "convergence tolerance of the iterative solvers (ssa, hybrid: "
                + "relative velocity change; blatter: quasi-Newton step relative to the largest velocity)", 1e-12, 0.1);
        b.integer("iceflow.ssa_max_iterations", "", 100, "Newton iterations at most of one SSA solve (ssa, hybrid)",
                1, 100000);
        b.choice("iceflow.ssa_elements", "bilinear", "finite elements of the ssa model: bilinear (Q1, second order) or "
                + "quadratic (Q2 on the same grid, third order, about 4 times the unknowns; the hybrid keeps bilinear)",
                "bilinear", "quadratic");
        b.number("iceflow.hybrid_ssa_update", "m", 0.0, "hybrid: re-solve the SSA only once some cell's thickness has "
                + "changed by more than this since the last SSA solve (0: every step, as PISM)", 0, 1e4);
        b.number("iceflow.blatter_update", "m", 0.0, "blatter: re-solve only once some cell's thickness has changed "
                + "by more than this since the last solve (0: every step)", 0, 1e4);
        b.integer("iceflow.blatter_levels", "", 10, "terrain-following levels of the Blatter–Pattyn solver, refined "
                + "towards the bed", 2, 200);
        b.integer("iceflow.blatter_max_iterations", "", 2000, "quasi-Newton iterations at most of one Blatter–Pattyn "
                + "solve", 1, 1000000);

        // smb (the values of smb.method are the names in igm.physics.massbalance.MassBalanceRegistry, in its order;
        // each model's keys are listed by its provider: the registry tests check both)
        b.choice("smb.method", "ela", "surface mass balance model: ela (ELA table), paleo_ela (ELA following a "
                + "temperature series), pdd (accumulation + positive degree days from monthly climate), accmelt "
                + "(daily accumulation and temperature-index melt with radiation), none", "ela", "paleo_ela", "pdd",
                "accmelt", "none");
        b.table("smb.ela_table", List.of(List.of(2000.0, 2900.0, 0.009, 0.005, 2.0)),
                "ELA model parameters over time, interpolated linearly and held beyond the ends "
                        + "(time a, ELA m, ablation gradient a-1, accumulation gradient a-1, max accumulation m a-1)",
                column("time", "a", -1e6, 1e6), column("ela", "m", -1000, 9000), column("gradabl", "a-1", 0, 1),
                column("gradacc", "a-1", 0, 1), column("maxacc", "m a-1", 0, 100));
        b.bool("smb.use_ice_mask", true, "positive SMB only inside the input's ice mask, when it has one (outside "
                + "it SMB = min(SMB, 0): ice melts but never accumulates there)");
        // paleo ELA
        b.table("smb.paleo_temperature_table", List.of(List.of(0.0, 0.0)),
                "paleo_ela: temperature anomaly over time (time a, delta_temp K), used when "
                        + "smb.paleo_temperature_file is empty", column("time", "a", -1e6, 1e6),
                column("delta_temp", "K", -50, 50));
        b.path("smb.paleo_temperature_file", "", "paleo_ela: text file of rows 'time delta_temp' (a, K), e.g. an "
                + "ice-core series; replaces smb.paleo_temperature_table");
        b.number("smb.paleo_ela0", "m", 2900.0, "paleo_ela: ELA at zero temperature anomaly", -1000, 9000);
        b.number("smb.paleo_ela_per_kelvin", "m K-1", 100.0,
                "paleo_ela: ELA change per kelvin of anomaly (ELA = ELA0 + slope·ΔT)", -1000, 1000);
        b.number("smb.paleo_gradabl", "a-1", 0.009, "paleo_ela: ablation gradient", 0, 1);
        b.number("smb.paleo_gradacc", "a-1", 0.005, "paleo_ela: accumulation gradient", 0, 1);
        b.number("smb.paleo_maxacc", "m a-1", 2.0, "paleo_ela: maximum accumulation (ice eq.)", 0, 100);
        // climate (pdd, accmelt)
        b.path("smb.climate_file", "", "pdd: monthly climate NetCDF, OGGM's climate_historical.nc (1D temp, prcp, "
                + "temp_std, global ref_hgt) or gridded (temp, prcp[, temp_std] over time, y, x on the model grid "
                + "or a finer aligned one; ref_hgt variable or attribute)");
        b.number("smb.temp_std", "K", 3.5, "pdd: daily temperature standard deviation where a gridded climate has "
                + "no temp_std", 0, 50);
        b.choice("smb.climate_mode", "actual", "pdd, accmelt: which climate drives each year: actual (the year's "
                + "own), cycle (loop over smb.climate_period), mean (climatology of smb.climate_period)", "actual",
                "cycle", "mean");
        b.numberList("smb.climate_period", "a", List.of(), "pdd, accmelt: [first, last] year of the cycle or mean",
                -1e6, 1e6);
        b.table("smb.climate_modifiers", List.of(List.of(2000.0, 0.0, 1.0)),
                "pdd, accmelt: scenario temperature offset (K, added) and precipitation factor over time, "
                        + "interpolated linearly, held beyond the ends", column("time", "a", -1e6, 1e6),
                column("delta_temp", "K", -50, 50), column("prec_factor", "", 0, 100));
        b.number("smb.lapse_rate", "K m-1", -0.0065, "pdd: air temperature lapse rate", -0.1, 0.1);
        b.number("smb.prec_gradient", "m-1", 0.00035,
                "pdd: relative precipitation change per m of elevation, P(z) = P·max(0, 1 + γ(z − z_ref))", -0.1, 0.1);
        b.number("smb.snow_temperature", "degC", 0.0, "pdd: all precipitation is snow below this temperature",
                -20, 20);
        b.number("smb.rain_temperature", "degC", 2.0,
                "pdd: no snow above this temperature (linear transition from smb.snow_temperature)", -20, 20);
        b.number("smb.melt_factor_snow", "mm w.e. K-1 d-1", 3.0, "pdd: degree-day factor of snow", 0, 100);
        b.number("smb.melt_factor_ice", "mm w.e. K-1 d-1", 8.0, "pdd: degree-day factor of ice", 0, 100);
        // accmelt
        b.path("smb.accmelt_weather_file", "", "accmelt: daily station series, rows 'year day hour temp prec' "
                + "(°C, mm d-1), IGM's temp_prec.dat");
        b.number("smb.accmelt_station_height", "m", 2766.0, "accmelt: elevation of the weather station", -500, 9000);
        b.path("smb.accmelt_parameter_file", "", "accmelt: factors per period, rows 'from to F_m(1e-3) r_ice(1e-5) "
                + "r_snow(1e-5) dT/dz dP/dz C_prec', IGM's mbparameter.dat");
        b.path("smb.accmelt_fields_file", "", "accmelt: NetCDF with direct_radiation (time = day of year, y, x; "
                + "W m-2) and snow_redistribution (y, x), on the model grid or a finer aligned one");
        b.number("smb.accmelt_snow_temperature", "degC", 0.5, "accmelt: all precipitation is snow below this", -20,
                20);
        b.number("smb.accmelt_rain_temperature", "degC", 2.5, "accmelt: no snow above this", -20, 20);
        b.number("smb.accmelt_accumulation_weight", "", 1.0, "accmelt: factor on accumulation", 0, 100);
        b.number("smb.accmelt_ablation_weight", "", 1.0, "accmelt: factor on melt (IGM's Aletsch run: 1.25)", 0,
                100);

        // thickness
        b.number("thickness.cfl", "", 0.3, "CFL number C of the time step Δt ≤ C·Δx/max|ū|", 1e-6, 1.0);

        // output
        b.path("output.folder", "output", "folder of the outputs (" + RELATIVE + ")");
        b.number("output.interval", "a", 10.0, "interval of the spatial NetCDF output (at least 1e-6 a: "
                + "times within 1e-9 a count as one)", 1e-6, 1e9);
        b.number("output.timeseries_interval", "a", 1.0, "interval of the time-series output", 1e-6, 1e9);
        b.numberList("output.plot_times", "a", List.of(),
                "times of the PNG maps (empty: start, middle and end; a time past the end maps the end)", -1e6, 1e6);
        b.bool("output.plots", true, "write PNG maps and the time-series plot");
        b.path("output.observed_file", "", "NetCDF with an observed glacier to compare the final state with "
                + "(surface difference over its ice, volumes), on the model grid or a finer aligned one");
        b.string("output.observed_usurf", "", "usurf", "name of the observed surface in output.observed_file");
        b.string("output.observed_thk", "", "thk", "name of the observed thickness in output.observed_file");
        b.bool("output.progress", true, "show a progress bar on a terminal (plain log lines otherwise)");
        b.number("output.checkpoint_interval", "a", 0.0, "interval of the checkpoint (output.folder/checkpoint.nc, "
                + "for igm run --resume FOLDER), written after the first step that reaches each multiple of it after "
                + "time.start, without shortening any step; 0: none (SIGINT and SIGTERM still write one)", 0, 1e9);

        // train
        b.path("train.data", "", "folder of instructor runs written by igm generate (its *.nc files)");
        b.path("train.emulator", "", "emulator folder to write (model.h5, fieldin.dat, fieldout.dat, manifest.json)");
        b.path("train.work_folder", "output/train", "folder of the learning curves, the data-selection table and "
                + "the checkpoint");
        b.path("train.initial_emulator", "", "emulator folder whose weights and scales the training starts from "
                + "(fine-tuning; same architecture); empty: random weights and the data's typical values");
        b.string("train.name", "", "", "name of the emulator in its manifest (empty: the emulator folder's name)");
        b.integer("train.layers", "", 16, "hidden 3×3 convolution layers N_lay (paper: 16 for glaciers, 8 for "
                + "icefields)", 1, 64);
        b.integer("train.filters", "", 32, "filters per layer N_feat", 1, 512);
        b.integer("train.kernel", "", 3, "kernel width N_ker (odd)", 1, 15);
        b.integer("train.epochs", "", 100, "epochs in all (data selection included)", 1, 100000);
        b.integer("train.batch_size", "", 64, "patches per Adam step", 1, 4096);
        b.number("train.learning_rate", "", 1e-4, "Adam's learning rate", 1e-12, 1);
        b.number("train.learning_rate_decay", "", 1.0, "factor applied to the learning rate after every epoch (1: "
                + "constant, as the paper)", 1e-6, 1);
        b.number("train.clip_norm", "", 1.0, "largest global norm of a gradient (clipped above)", 1e-12, 1e12);
        b.bool("train.augment", true, "move each sample by a random rotation or reflection of the grid");
        b.integer("train.patch_size", "cells", 32, "width and height of the training patches", 4, 1024);
        b.integer("train.patches_per_snapshot", "", 4, "patches cut from each snapshot (ice-free ones left out)", 1,
                10000);
        b.number("train.validation_fraction", "", 0.2, "share of the valleys held out for validation (all their "
                + "runs; at least one valley when there are two or more)", 0, 0.9);
        b.string("train.validation_valleys", "", "", "valleys held out for validation, by name, separated by commas "
                + "(e.g. terrain-001; it replaces train.validation_fraction: a fine-tuning keeps the hold-out of the "
                + "training it continues); empty: the seeded share");
        b.bool("train.selection", false, "data selection of the paper (§2.3): runs sorted by maximum volume, each "
                + "kept only if its loss exceeds the training loss");
        b.integer("train.selection_epochs", "", 2, "epochs trained after the first run and after each kept run "
                + "during data selection", 1, 1000);
        b.integer("train.threads", "", 0, "threads of the training (0: all cores)", 0, 1024);
        b.choice("train.loss", "l1", "what the network is trained on: l1 (the instructor runs' velocities, mean "
                + "absolute error) or blatter_energy (physics-informed: the Blatter–Pattyn energy of the network's "
                + "velocity at the iceflow.blatter_levels levels; train.data then gives only the geometries)", "l1",
                "blatter_energy");
        b.numberList("train.rate_factor_range", "MPa-3 a-1", List.of(40.0, 100.0), "blatter_energy: [lowest, "
                + "highest] Glen rate factor A drawn uniformly per sample (78: temperate ice)", 1e-3, 1e4);
        b.numberList("train.sliding_range", "km MPa-3 a-1", List.of(0.0, 25.0), "blatter_energy: [lowest, highest] "
                + "Weertman sliding coefficient c drawn uniformly per sample", 0, 1e4);
        b.number("train.no_slip_fraction", "", 0.2, "blatter_energy: share of the samples with c = 0 (no slip)", 0, 1);
        b.choice("train.energy_weighting", "none", "blatter_energy: weights of the samples of a batch: none (the mean "
                + "energy per unit area, MPa m a-1) or shallow_ice (each energy divided by its shallow-ice estimate of "
                + "the minimum energy, so that slow and fast glaciers weigh alike)", "none", "shallow_ice");
        b.bool("train.slab_velocity_inputs", false, "blatter_energy: the network also takes the local slab velocity "
                + "of the state (uvelslab, vvelslab: the first-order velocity of a slab of the local thickness and "
                + "slope with Weertman sliding, log-compressed); "
                + "a train.initial_emulator without them gets them with first-layer weights 0");
        b.integer("train.held_out_states", "", 6, "blatter_energy: states of the held-out valleys solved once by the "
                + "converged blatter solver, on which the relative L1 is measured after every epoch", 0, 10000);
        b.number("train.reference_tolerance", "", 1e-7, "blatter_energy: tolerance of the held-out reference solves "
                + "(relative quasi-Newton step)", 1e-14, 1e-2);

        // evaluate
        b.path("evaluate.folder", "reports", "igm evaluate: folder of the report (evaluation.md and its figures)");
        b.path("evaluate.emulators", "emulators", "igm evaluate: folder of the emulator folders to compare (Table 1 "
                + "and 2 analogs), or one emulator folder");
        b.path("evaluate.data", "output/evaluate", "igm evaluate: folder of held-out instructor runs (igm generate "
                + "output), or of several such folders (one per instructor)");
        b.path("evaluate.aletsch_emulator", "", "igm evaluate: the emulator run against its instructor on the glacier "
                + "of input.file from time.start to time.end (empty: no glacier run)");
        b.integer("evaluate.timing_calls", "", 10, "igm evaluate: timed emulator calls per emulator (the median is "
                + "reported)", 1, 10000);
        b.number("evaluate.track_interval", "a", 20.0, "igm evaluate: years between the states of the glacier runs "
                + "compared over time (thickness RMSE, and the emulator on the instructor's state)", 1e-3, 1e6);
        b.integer("evaluate.physics_states", "", 8, "igm evaluate: held-out states (snapshots of the blatter "
                + "evaluation runs, spread evenly) on which a physics-informed emulator is compared with the converged "
                + "blatter solve (0: none, and none of the glacier run's states either)", 0, 100000);
        b.integer("evaluate.warmup_iterations", "", 200, "igm evaluate: Adam iterations of the warm-up of a "
                + "physics-informed emulator on each compared state", 0, 100000);
        b.number("evaluate.warmup_learning_rate", "", 1e-4, "igm evaluate: learning rate of that warm-up", 1e-12,
                1.0);

        // invert
        b.bool("invert.thickness", true, "igm invert: the ice thickness inside the glacier mask is a control");
        b.bool("invert.sliding", true, "igm invert: the Weertman sliding coefficient inside the glacier mask is a "
                + "control (as ln c, so it stays positive)");
        b.path("invert.observations_file", "", "igm invert: NetCDF file of the observations on the grid of "
                + "input.file (or aligned blocks of it; another grid with invert.observations_interpolated); empty: "
                + "input.file");
        b.bool("invert.rate_factor", false, "igm invert: Glen's rate factor inside the glacier mask is a control (as "
                + "ln A, so it stays positive)");
        b.number("invert.rate_factor_smoothing", "m2", 1e7, "igm invert: λ_A of the rate-factor regularisation "
                + "(λ_A/2N) Σ (Δ ln A/Δx)² over neighbours inside the mask", 0, 1e20);
        b.number("invert.rate_factor_step", "1", 0.005, "igm invert: about the change of ln A per iteration", 1e-12,
                10);
        b.bool("invert.observations_interpolated", false, "igm invert: read the observations by bilinear "
                + "interpolation from their own regular grid of the same projection (e.g. OGGM's millan_vx, millan_vy "
                + "beside IGM's grid) instead of cell for cell");
        b.string("invert.velocity_x", "", "uvelsurfobs", "igm invert: variable of input.file with the observed "
                + "surface velocity along x (NaN where not observed), e.g. OGGM's millan_vx");
        b.string("invert.velocity_y", "", "vvelsurfobs", "igm invert: the same along y, e.g. millan_vy");
        b.string("invert.thickness_observations", "", "thkobs", "igm invert: variable of observed thickness (NaN "
                + "where not observed; empty: none)");
        b.string("invert.mask", "", "icemaskobs", "igm invert: variable of the glacier outline (1 inside), or "
                + "icemask");
        b.number("invert.holdout", "1", 0.0, "igm invert: share of the thickness profiles (observed cells connected "
                + "through their 8 neighbours) withheld from the inversion, drawn with run.seed, on which the RMSE and "
                + "bias of the inferred thickness and of the starting thickness are reported", 0, 0.99);
        b.path("invert.prior_file", "", "igm invert: NetCDF file of a prior thickness estimate on a regular grid of the "
                + "same projection (interpolated bilinearly onto the model grid), e.g. an OGGM glacier directory; "
                + "empty: no prior term");
        b.string("invert.prior_thickness", "", "consensus_ice_thickness", "igm invert: the prior thickness's "
                + "variable in invert.prior_file (NaN where none)");
        b.number("invert.prior_uncertainty", "m", 50.0, "igm invert: σ_p of the prior term (1/2N) Σ (H − H_prior)²/σ_p² "
                + "over the glacier mask", 1e-6, 1e6);
        b.bool("invert.start_from_prior", false, "igm invert: start from the prior thickness (0 where it has none) "
                + "instead of input.file's thk");
        b.number("invert.velocity_uncertainty", "m a-1", 5.0, "igm invert: σ_u of the surface-velocity misfit "
                + "(1/2N) Σ |u_s − u_obs|²/σ_u²", 1e-6, 1e6);
        b.number("invert.thickness_uncertainty", "m", 10.0, "igm invert: σ_h of the thickness misfit "
                + "(1/2N) Σ (H − H_obs)²/σ_h²", 1e-6, 1e6);
        b.number("invert.thickness_smoothing", "1", 5.0, "igm invert: λ_H of the thickness regularisation "
                + "(λ_H/2N) Σ (ΔH/Δx)² over neighbours inside the mask", 0, 1e12);
        b.number("invert.sliding_smoothing", "m2", 1e7, "igm invert: λ_c of the sliding regularisation "
                + "(λ_c/2N) Σ (Δ ln c/Δx)² over neighbours inside the mask", 0, 1e20);
        b.number("invert.initial_sliding", "km MPa-3 a-1", 5.0, "igm invert: the sliding coefficient to start from "
                + "where input.file has no slidingco", 1e-6, 1e6);
        b.integer("invert.iterations", "", 1000, "igm invert: the most iterations", 1, 10_000_000);
        b.number("invert.tolerance", "", 1e-3, "igm invert: stop when the cost fell by less than this share over the "
                + "last 50 iterations (0: run all iterations)", 0, 1);
        b.number("invert.thickness_step", "m", 2.0, "igm invert: about the change of the thickness per iteration "
                + "(Adam's step)", 1e-9, 1e6);
        b.number("invert.sliding_step", "1", 0.005, "igm invert: about the change of ln c per iteration", 1e-12, 10);
        b.integer("invert.retrain_interval", "", 1, "igm invert: iterations between retrainings of the "
                + "physics-informed emulator on the energy of the current state (0: never)", 0, 1_000_000);
        b.integer("invert.retrain_iterations", "", 1, "igm invert: Adam iterations of each retraining", 0, 100_000);
        b.number("invert.retrain_learning_rate", "", 2e-4, "igm invert: their learning rate", 1e-12, 1.0);
        return new ParameterRegistry(b.specs);
    }

    private static final class Builder {
        final Map<String, ParameterSpec> specs = new LinkedHashMap<>();

        void add(ParameterSpec s) {
            if (specs.put(s.key(), s) != null) {
                throw new IllegalStateException("duplicate parameter " + s.key());
            }
        }

        void number(String key, String unit, double def, String d, double min, double max) {
            add(new ParameterSpec(key, ParameterType.NUMBER, unit, def, d, min, max, List.of(), List.of()));
        }

        void integer(String key, String unit, int def, String d, double min, double max) {
            add(new ParameterSpec(key, ParameterType.INTEGER, unit, def, d, min, max, List.of(), List.of()));
        }

        void bool(String key, boolean def, String d) {
            add(new ParameterSpec(key, ParameterType.BOOLEAN, "", def, d, NONE, NONE, List.of(), List.of()));
        }

        void string(String key, String unit, String def, String d) {
            add(new ParameterSpec(key, ParameterType.STRING, unit, def, d, NONE, NONE, List.of(), List.of()));
        }

        void choice(String key, String def, String d, String... choices) {
            add(new ParameterSpec(key, ParameterType.STRING, "", def, d, NONE, NONE, List.of(choices), List.of()));
        }

        void path(String key, String def, String d) {
            add(new ParameterSpec(key, ParameterType.PATH, "", def, d, NONE, NONE, List.of(), List.of()));
        }

        void numberList(String key, String unit, List<Double> def, String d) {
            numberList(key, unit, def, d, NONE, NONE);
        }

        /** A list whose every element lies in [min, max] (NaN: unbounded on that side). */
        void numberList(String key, String unit, List<Double> def, String d, double min, double max) {
            add(new ParameterSpec(key, ParameterType.NUMBER_LIST, unit, def, d, min, max, List.of(), List.of()));
        }

        void table(String key, List<List<Double>> def, String d, String... columns) {
            add(new ParameterSpec(key, ParameterType.TABLE, "", def, d, NONE, NONE, List.of(), List.of(columns)));
        }

        /** A table whose columns each have a unit and a range. */
        void table(String key, List<List<Double>> def, String d, Column... columns) {
            add(new ParameterSpec(key, ParameterType.TABLE, "", def, d, NONE, NONE, List.of(),
                    Arrays.stream(columns).map(Column::name).toList(),
                    Arrays.stream(columns).map(Column::range).toList()));
        }
    }

    /** A named TABLE column with its unit and range. */
    private record Column(String name, ParameterSpec.ColumnRange range) {
    }

    private static Column column(String name, String unit, double min, double max) {
        return new Column(name, new ParameterSpec.ColumnRange(unit, min, max));
    }
}
