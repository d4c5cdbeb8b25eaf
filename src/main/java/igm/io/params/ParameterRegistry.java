package igm.io.params;

import java.util.ArrayList;
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

        // input
        b.path("input.file", null, "gridded NetCDF-3 or NetCDF-4 input (relative to the parameter file)");
        b.choice("input.preset", "igm", "variable naming convention of the input file", "igm", "oggm");
        for (String name : List.of("x", "y", "topg", "usurf", "thk", "icemask", "slidingco", "arrhenius")) {
            b.string("input.names." + name, "", "",
                    "name in the file of '" + name + "' (empty: the preset's name)");
        }
        b.numberList("input.crop", "cells", List.of(),
                "crop [i0, j0, nx, ny] in cells of the input grid, south-west corner first (empty: none)");
        b.integer("input.coarsen", "", 1, "coarsening factor by block averaging (1: none)", 1, 64);
        b.bool("input.fill_nan_thickness", false,
                "treat NaN thickness as 0 instead of rejecting the file (always on with the oggm preset: OGGM "
                        + "thickness is NaN off the glacier)");

        // time
        b.number("time.start", "a", 2000.0, "start time (calendar year)", NONE, NONE);
        b.number("time.end", "a", 2100.0, "end time (calendar year)", NONE, NONE);
        b.number("time.max_step", "a", 1.0, "largest time step", 1e-9, 1000);

        // iceflow
        b.choice("iceflow.method", "sia", "ice-flow model", "sia", "emulator");
        b.path("iceflow.emulator", "", "emulator folder (IGM Keras layout: resolution sub-folders with model.h5, "
                + "fieldin.dat, fieldout.dat), relative to the parameter file");
        b.number("iceflow.rate_factor", "MPa-3 a-1", 78.0,
                "Glen's rate factor A where the input has no 'arrhenius' (temperate ice: 78)", 0, 1e6);
        b.number("iceflow.sliding_coefficient", "km MPa-3 a-1", 0.0,
                "Weertman sliding coefficient c of u_b = c·τ_b³ where the input has no 'slidingco'", 0, 1e6);
        b.integer("iceflow.threads", "", 0, "threads of the emulator (0: all cores)", 0, 4096);

        // smb
        b.choice("smb.method", "ela", "surface mass balance model", "ela", "none");
        b.table("smb.ela_table", List.of(List.of(2000.0, 2900.0, 0.009, 0.005, 2.0)),
                "ELA model parameters over time, interpolated linearly and held beyond the ends "
                        + "(time a, ELA m, ablation gradient a-1, accumulation gradient a-1, max accumulation m a-1)",
                "time", "ela", "gradabl", "gradacc", "maxacc");
        b.bool("smb.use_ice_mask", true, "positive SMB only inside the input's ice mask, when it has one");

        // thickness
        b.number("thickness.cfl", "", 0.3, "CFL number C of the time step Δt ≤ C·Δx/max|ū|", 1e-6, 1.0);

        // output
        b.path("output.folder", "output", "folder of the outputs (relative to the working directory)");
        b.number("output.interval", "a", 10.0, "interval of the spatial NetCDF output", 1e-6, 1e9);
        b.number("output.timeseries_interval", "a", 1.0, "interval of the time-series output", 1e-6, 1e9);
        b.numberList("output.plot_times", "a", List.of(),
                "times of the PNG maps (empty: start, middle and end)");
        b.bool("output.plots", true, "write PNG maps and the time-series plot");
        b.bool("output.progress", true, "show a progress bar on a terminal (plain log lines otherwise)");
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
            add(new ParameterSpec(key, ParameterType.NUMBER_LIST, unit, def, d, NONE, NONE, List.of(), List.of()));
        }

        void table(String key, List<List<Double>> def, String d, String... columns) {
            add(new ParameterSpec(key, ParameterType.TABLE, "", def, d, NONE, NONE, List.of(), List.of(columns)));
        }
    }
}
