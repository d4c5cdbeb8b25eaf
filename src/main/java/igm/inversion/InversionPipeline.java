package igm.inversion;

import igm.InputException;
import igm.Version;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import igm.io.AtomicOutput;
import igm.io.ClimateReader;
import igm.io.GriddedInput;
import igm.io.GriddedInputWriter;
import igm.io.InputUnits;
import igm.io.LearningCurvePlotter;
import igm.io.MapPlotter;
import igm.params.Parameters;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.IceFlowRegistry;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.run.ModelFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code igm invert}: reads the glacier of {@code input.file} and its observations, runs the {@link Inversion} through
 * the physics-informed emulator of {@code iceflow.emulator}, checks the inverted state with the converged
 * {@code blatter} solver, and writes into {@code output.folder}:
 * <ul>
 *   <li>{@value #INVERTED}: a complete input for {@code igm run} ({@code topg} = surface − H, {@code usurf},
 *       {@code thk}, {@code icemask}, {@code slidingco}, {@code arrhenius}) with the emulator's surface velocity
 *       ({@code uvelsurf}, {@code vvelsurf}, {@code velsurf_mag}), the solver's ({@code velsurf_mag_blatter}), the
 *       observations used and the misfits;</li>
 *   <li>{@value #COST_CSV} and {@value #COST_PNG}: the cost and its terms at every iteration;</li>
 *   <li>maps over a hillshade: observed and modelled surface speed, their difference, inferred thickness and
 *       sliding coefficient.</li>
 * </ul>
 * Every file is written under a temporary name and renamed when complete.
 */
public final class InversionPipeline {

    /** The inverted state's file name. */
    public static final String INVERTED = "inverted.nc";
    /** The cost history's file names. */
    public static final String COST_CSV = "inversion_cost.csv";
    public static final String COST_PNG = "inversion_cost.png";
    /** The summary's file name. */
    public static final String SUMMARY = "inversion.md";
    /** What the observations file is, in messages. */
    private static final String ROLE = "observations file";

    private InversionPipeline() {
    }

    /**
     * What the inversion found and how well it fits.
     *
     * @param inversion          the inversion's result
     * @param emulatorMisfit     mean |u_s − u_s^obs|₂ of the emulator over the observed cells, m a⁻¹
     * @param solverMisfit       the same for the converged blatter solve of the inverted state
     * @param observedSpeed      mean observed surface speed over the same cells, m a⁻¹
     * @param solverSeconds      wall time of the blatter check
     * @param holdout            the thickness observations used and withheld
     * @param withheldErrors     {RMSE, bias} of the inverted thickness on the withheld observations, m (NaN: none)
     * @param startErrors        the same for the thickness the inversion started from
     * @param priorErrors        the same for the prior thickness ({NaN, NaN} without one)
     */
    public record Result(Inversion.Result inversion, double emulatorMisfit, double solverMisfit,
                         double observedSpeed, double solverSeconds, ThicknessHoldout holdout,
                         double[] withheldErrors, double[] startErrors, double[] priorErrors) {
    }

    /**
     * Runs {@code igm invert}.
     *
     * @throws InputException for bad parameters or inputs, naming the file, variable and value
     */
    public static Result run(Parameters p, PrintStream out) {
        GriddedInput input = ModelFactory.readInput(p);
        Grid2D grid = input.grid();
        int n = grid.size();
        Path file = p.path("invert.observations_file") != null ? p.path("invert.observations_file")
                : p.path("input.file");
        boolean interpolated = p.bool("invert.observations_interpolated");
        double[] u = observed(file, p.string("invert.velocity_x"), grid, InputUnits.Quantity.VELOCITY, interpolated);
        double[] v = observed(file, p.string("invert.velocity_y"), grid, InputUnits.Quantity.VELOCITY, interpolated);
        String maskName = p.string("invert.mask");
        boolean[] mask = glacierMask(file, maskName, input, interpolated, out);
        int inside = 0;
        for (boolean m : mask) {
            inside += m ? 1 : 0;
        }
        int observed = 0;
        for (int k = 0; k < n; k++) {
            observed += mask[k] && Double.isFinite(u[k]) && Double.isFinite(v[k]) ? 1 : 0;
        }
        if (observed == 0) {
            throw new InputException(ROLE + " " + file + ": variables '" + p.string("invert.velocity_x") + "' and '"
                    + p.string("invert.velocity_y") + "' (invert.velocity_x, invert.velocity_y) have no finite value "
                    + "inside the glacier mask; expected observed surface velocity, NaN only where not observed");
        }
        double[] thicknessObserved = observedThickness(file, p.string("invert.thickness_observations"), maskName,
                grid, mask, interpolated, out);
        ThicknessHoldout holdout = ThicknessHoldout.split(grid, thicknessObserved, p.number("invert.holdout"),
                p.integer("run.seed"));
        if (holdout.held() > 0) {
            out.printf(Locale.ROOT, "withheld %d of the %d thickness profiles (%d cells; invert.holdout = %.2f, seed "
                            + "%d)%n", holdout.held(), holdout.profiles(), holdout.withheldCells(),
                    p.number("invert.holdout"), p.integer("run.seed"));
        }
        double[] surface = input.surface();
        double[] rate = input.rateFactor() != null ? input.rateFactor() : filled(n, p.number("iceflow.rate_factor"));
        double[] sliding = input.slidingCoefficient() != null ? input.slidingCoefficient().clone()
                : filled(n, p.number("invert.initial_sliding"));
        for (int k = 0; k < n; k++) {
            if (mask[k] && !(sliding[k] > 0)) {
                sliding[k] = p.number("invert.initial_sliding");
            }
        }
        int threads = IceFlowRegistry.threads(p);
        BlatterOptions solver = IceFlowRegistry.blatterOptions(p, threads);
        Path emulator = p.requiredPath("iceflow.emulator", "igm invert");
        PhysicsInformedNetwork network = PhysicsInformedNetwork.load(emulator, grid.dx(), solver);
        Inversion.Settings settings = settings(p, threads);
        double[] prior = prior(p, grid, mask, inside, out);
        double[] start = input.thickness();
        if (p.bool("invert.start_from_prior")) {
            if (prior == null) {
                throw new InputException(p.source() + ": invert.start_from_prior = true but invert.prior_file is "
                        + "empty; expected a prior file to start from");
            }
            start = start(prior);
        }
        Inversion.Observations observations = new Inversion.Observations(grid, surface, u, v, holdout.used(), mask,
                prior, p.number("invert.prior_uncertainty"));
        List<String> controls = new java.util.ArrayList<>();
        if (settings.invertThickness()) {
            controls.add("thickness");
        }
        if (settings.invertSliding()) {
            controls.add("sliding");
        }
        if (settings.invertRateFactor()) {
            controls.add("rate factor");
        }
        out.printf(Locale.ROOT, "inverting %s on %s: %d cells in the glacier mask, %d with observed surface velocity, "
                        + "%d with observed thickness; emulator %s%n", String.join(", ", controls), grid, inside,
                observed, count(holdout.used()), emulator);
        Inversion.Result r = Inversion.run(network, observations, start, sliding, rate, settings, out);
        long t0 = System.nanoTime();
        BlatterProblem problem = PhysicsInformedNetwork.problem(grid, r.thickness(), surface, r.rateFactor(),
                r.slidingCoefficient());
        BlatterSolution solved = new BlatterPattynFlow(solver).solve(problem);
        double solverSeconds = (System.nanoTime() - t0) * 1e-9;
        int top = network.levels() - 1;
        double[] us = r.velocity().uLevel(top);
        double[] vs = r.velocity().vLevel(top);
        double[] uSolver = solved.uLevel(top);
        double[] vSolver = solved.vLevel(top);
        double emulatorMisfit = 0;
        double solverMisfit = 0;
        double speed = 0;
        for (int k = 0; k < n; k++) {
            if (mask[k] && Double.isFinite(u[k]) && Double.isFinite(v[k])) {
                emulatorMisfit += Math.hypot(us[k] - u[k], vs[k] - v[k]);
                solverMisfit += Math.hypot(uSolver[k] - u[k], vSolver[k] - v[k]);
                speed += Math.hypot(u[k], v[k]);
            }
        }
        Result result = new Result(r, emulatorMisfit / observed, solverMisfit / observed, speed / observed,
                solverSeconds, holdout, holdout.errors(r.thickness()), holdout.errors(start),
                prior == null ? new double[] {Double.NaN, Double.NaN} : holdout.errors(start(prior)));
        out.printf(Locale.ROOT, "surface velocity misfit (mean |Δu|, observed mean speed %.1f m/a): emulator %.2f "
                        + "m/a, converged blatter solve of the inverted state %.2f m/a (%.1f s); %d iterations in "
                        + "%.1f s, of which %.1f s retraining the emulator%n", result.observedSpeed(),
                result.emulatorMisfit(), result.solverMisfit(), solverSeconds, r.history().size(), r.seconds(),
                r.retrainingSeconds());
        if (holdout.held() > 0) {
            out.printf(Locale.ROOT, "withheld thickness (%d cells): inverted RMSE %.1f m, bias %+.1f m; the thickness "
                            + "it started from RMSE %.1f m, bias %+.1f m%s%n", holdout.withheldCells(),
                    result.withheldErrors()[0], result.withheldErrors()[1], result.startErrors()[0],
                    result.startErrors()[1], prior == null ? "" : String.format(Locale.ROOT, "; the prior RMSE %.1f m,"
                            + " bias %+.1f m", result.priorErrors()[0], result.priorErrors()[1]));
        }
        write(p, input, observations, r, uSolver, vSolver, us, vs, out);
        writeSummary(p, result, grid, inside, observed, emulator);
        return result;
    }

    /**
     * The glacier outline: {@code maskName} of the observations file above 0.5, or input.file's icemask when the file
     * has no such variable.
     *
     * @throws InputException when there is neither, or the outline has no cell
     */
    private static boolean[] glacierMask(Path file, String maskName, GriddedInput input, boolean interpolated,
                                         PrintStream out) {
        Grid2D grid = input.grid();
        double[] values;
        if (ClimateReader.hasVariable(file, maskName, ROLE)) {
            values = interpolated
                    ? ClimateReader.readInterpolatedOnGrid(file, maskName, grid, InputUnits.Quantity.DIMENSIONLESS,
                    ROLE)
                    : ClimateReader.readFieldOnGrid(file, maskName, grid, InputUnits.Quantity.DIMENSIONLESS, ROLE)[0];
        } else if (input.iceMask() != null) {
            out.println("no variable '" + maskName + "' in " + file + ": the glacier mask is input.file's icemask");
            values = input.iceMask();
        } else {
            throw new InputException(ROLE + " " + file + " has no variable '" + maskName + "' (invert.mask) and "
                    + "input.file has no icemask; expected the glacier outline (1 inside, 0 outside)");
        }
        boolean[] mask = new boolean[grid.size()];
        boolean any = false;
        for (int k = 0; k < mask.length; k++) {
            mask[k] = values[k] > 0.5;
            any |= mask[k];
        }
        if (!any) {
            throw new InputException(ROLE + " " + file + ": variable '" + maskName + "' (invert.mask) has no cell "
                    + "above 0.5; expected a glacier outline with at least one cell of ice");
        }
        return mask;
    }

    /**
     * The thickness observations ({@code name} of the observations file; all NaN when the name is empty or the file
     * has no such variable).
     *
     * @throws InputException for a value outside the outline or a negative one
     */
    private static double[] observedThickness(Path file, String name, String maskName, Grid2D grid, boolean[] mask,
                                              boolean interpolated, PrintStream out) {
        double[] h = new double[grid.size()];
        Arrays.fill(h, Double.NaN);
        if (name.isBlank()) {
            return h;
        }
        if (!ClimateReader.hasVariable(file, name, ROLE)) {
            out.println("no variable '" + name + "' in " + file + ": no thickness observations");
            return h;
        }
        h = observed(file, name, grid, InputUnits.Quantity.LENGTH, interpolated);
        for (int k = 0; k < h.length; k++) {
            if (Double.isFinite(h[k]) && !mask[k]) {
                throw new InputException(ROLE + " " + file + ": variable '" + name
                        + "' (invert.thickness_observations) has the value " + h[k] + " m at x = " + grid.x(k % grid.nx()) + ", y = "
                        + grid.y(k / grid.nx()) + " outside the glacier mask '" + maskName + "'; expected thickness "
                        + "observations only inside the mask (NaN elsewhere)");
            }
            if (Double.isFinite(h[k]) && h[k] < 0) {
                throw new InputException(ROLE + " " + file + ": variable '" + name + "' has the negative thickness "
                        + h[k] + " m at grid point " + k + "; expected values ≥ 0 (NaN where not observed)");
            }
        }
        return h;
    }

    /**
     * The prior thickness of {@code invert.prior_file}, interpolated onto the grid, or null without one.
     *
     * @throws InputException when it has no value inside the outline
     */
    private static double[] prior(Parameters p, Grid2D grid, boolean[] mask, int inside, PrintStream out) {
        Path priorFile = p.path("invert.prior_file");
        if (priorFile == null) {
            return null;
        }
        String name = p.string("invert.prior_thickness");
        double[] prior = ClimateReader.readInterpolatedOnGrid(priorFile, name, grid, InputUnits.Quantity.LENGTH,
                "prior file (invert.prior_file)");
        int given = 0;
        for (int k = 0; k < prior.length; k++) {
            given += mask[k] && Double.isFinite(prior[k]) ? 1 : 0;
        }
        if (given == 0) {
            throw new InputException("prior file (invert.prior_file) " + priorFile + ": variable '" + name + "' has no "
                    + "finite value inside the glacier mask; expected a thickness estimate over the glacier");
        }
        out.printf(Locale.ROOT, "prior thickness '%s' of %s on %d of the %d cells in the mask (σ_p = %.0f m)%n", name,
                priorFile, given, inside, p.number("invert.prior_uncertainty"));
        return prior;
    }

    /** The figures of the inversion as Markdown ({@value #SUMMARY}). */
    private static void writeSummary(Parameters p, Result r, Grid2D grid, int inside, int observed, Path emulator) {
        Inversion.Result i = r.inversion();
        Inversion.Iteration last = i.history().getLast();
        StringBuilder md = new StringBuilder("# Inversion\n\n");
        md.append(String.format(Locale.ROOT, "Written by `igm invert` (%s) from %s, emulator `%s`, seed %d. Grid %s; "
                        + "%d cells in the glacier mask, %d with observed surface velocity, %d with thickness "
                        + "used.%n%n",
                Version.full(), p.path("input.file"), emulator, p.integer("run.seed"), grid, inside, observed,
                count(r.holdout().used())));
        md.append("| figure | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| iterations | %d (%.1f s, of which %.1f s retraining the emulator) |%n",
                i.history().size(), i.seconds(), i.retrainingSeconds()));
        md.append(String.format(Locale.ROOT, "| final cost J (J_u, J_h, R_H, R_c, R_A, J_p) | %.4g (%.4g, %.4g, %.4g, "
                        + "%.4g, %.4g, %.4g) |%n", last.cost(), last.velocityMisfit(), last.thicknessMisfit(),
                last.thicknessRegularisation(), last.slidingRegularisation(), last.rateFactorRegularisation(),
                last.priorMisfit()));
        md.append(String.format(Locale.ROOT, "| observed mean surface speed | %.1f m/a |%n", r.observedSpeed()));
        md.append(String.format(Locale.ROOT, "| surface velocity misfit, emulator (mean abs) | %.2f m/a |%n",
                r.emulatorMisfit()));
        md.append(String.format(Locale.ROOT, "| surface velocity misfit, converged blatter solve (mean abs) | %.2f m/a"
                + " (%.1f s) |%n", r.solverMisfit(), r.solverSeconds()));
        if (r.holdout().held() > 0) {
            md.append(String.format(Locale.ROOT, "| withheld thickness profiles | %d of %d (%d cells, invert.holdout "
                            + "%.2f) |%n", r.holdout().held(), r.holdout().profiles(), r.holdout().withheldCells(),
                    p.number("invert.holdout")));
            md.append(String.format(Locale.ROOT, "| withheld thickness, inverted: RMSE, bias | %.1f m, %+.1f m |%n",
                    r.withheldErrors()[0], r.withheldErrors()[1]));
            md.append(String.format(Locale.ROOT, "| withheld thickness, starting thickness: RMSE, bias | %.1f m, %+.1f "
                    + "m |%n", r.startErrors()[0], r.startErrors()[1]));
            if (!Double.isNaN(r.priorErrors()[0])) {
                md.append(String.format(Locale.ROOT, "| withheld thickness, prior (invert.prior_file): RMSE, bias | "
                        + "%.1f m, %+.1f m |%n", r.priorErrors()[0], r.priorErrors()[1]));
            }
        }
        md.append("\n![cost](" + COST_PNG + ")\n\n![observed speed](inversion_speed_observed.png)\n\n"
                + "![modelled speed](inversion_speed_modelled.png)\n\n![difference](inversion_speed_difference.png)"
                + "\n\n![thickness](inversion_thickness.png)\n\n![sliding](inversion_sliding.png)\n");
        AtomicOutput.writeText(p.path("output.folder").resolve(SUMMARY), md);
    }

    /** The inversion's settings from {@code invert.*} and {@code iceflow.threads}. */
    static Inversion.Settings settings(Parameters p, int threads) {
        try {
            return new Inversion.Settings(p.bool("invert.thickness"), p.bool("invert.sliding"),
                    p.number("invert.velocity_uncertainty"), p.number("invert.thickness_uncertainty"),
                    p.number("invert.thickness_smoothing"), p.number("invert.sliding_smoothing"),
                    p.integer("invert.iterations"), p.number("invert.thickness_step"),
                    p.number("invert.sliding_step"), p.integer("invert.retrain_interval"),
                    p.integer("invert.retrain_iterations"), p.number("invert.retrain_learning_rate"),
                    p.number("invert.tolerance"), threads, p.bool("invert.rate_factor"),
                    p.number("invert.rate_factor_smoothing"), p.number("invert.rate_factor_step"));
        } catch (IllegalArgumentException e) {
            throw new InputException(p.source() + ": " + e.getMessage() + " (invert.thickness, invert.sliding, "
                    + "invert.rate_factor)", e);
        }
    }

    private static void write(Parameters p, GriddedInput input, Inversion.Observations o, Inversion.Result r,
                              double[] uSolver, double[] vSolver, double[] us, double[] vs,
                              PrintStream out) {
        Path folder = p.path("output.folder");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InputException("cannot create output.folder " + folder + ": " + e.getMessage(), e);
        }
        Grid2D grid = input.grid();
        int n = grid.size();
        double[] bed = new double[n];
        double[] mask = new double[n];
        double[] speed = new double[n];
        double[] speedSolver = new double[n];
        double[] speedObserved = new double[n];
        double[] misfit = new double[n];
        for (int k = 0; k < n; k++) {
            bed[k] = o.surface()[k] - r.thickness()[k];
            mask[k] = o.mask()[k] ? 1 : 0;
            speed[k] = Math.hypot(us[k], vs[k]);
            speedSolver[k] = Math.hypot(uSolver[k], vSolver[k]);
            speedObserved[k] = Math.hypot(o.uSurface()[k], o.vSurface()[k]);
            misfit[k] = speed[k] - speedObserved[k];
        }
        GriddedInput inverted = new GriddedInput(grid, bed, o.surface().clone(), r.thickness(), mask,
                r.slidingCoefficient(), r.rateFactor(), input.projectionAttributes(), input.source());
        Map<FieldSpec, double[]> extra = new LinkedHashMap<>();
        extra.put(FieldSpec.UVELSURF, us);
        extra.put(FieldSpec.VVELSURF, vs);
        extra.put(FieldSpec.VELSURF_MAG, speed);
        extra.put(new FieldSpec("velsurf_mag_blatter", "m year-1", "surface ice speed of the converged blatter solve "
                + "of the inverted state"), speedSolver);
        extra.put(new FieldSpec("uvelsurfobs", "m year-1", "observed surface velocity along x"), o.uSurface());
        extra.put(new FieldSpec("vvelsurfobs", "m year-1", "observed surface velocity along y"), o.vSurface());
        extra.put(new FieldSpec("velsurfobs_mag", "m year-1", "observed surface ice speed"), speedObserved);
        extra.put(new FieldSpec("thkobs", "m", "observed ice thickness"), o.thickness());
        extra.put(new FieldSpec("velsurf_misfit", "m year-1", "modelled minus observed surface speed"), misfit);
        double[] thicknessMisfit = new double[n];
        for (int k = 0; k < n; k++) {
            thicknessMisfit[k] = r.thickness()[k] - o.thickness()[k];
        }
        extra.put(new FieldSpec("thk_misfit", "m", "inverted minus observed ice thickness"), thicknessMisfit);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "glacier state inverted by igm invert");
        attributes.put("source", Version.full());
        attributes.put("igm_parameters", p.toResolvedYaml());
        GriddedInputWriter.write(folder.resolve(INVERTED), inverted, extra, attributes);
        StringBuilder csv = new StringBuilder("iteration,cost,velocity_misfit,thickness_misfit,"
                + "thickness_smoothness,sliding_smoothness,rate_factor_smoothness,prior_misfit,velocity_rms_m_a,"
                + "seconds\n");
        List<Inversion.Iteration> h = r.history();
        double[] x = new double[h.size()];
        double[] cost = new double[h.size()];
        double[] velocityTerm = new double[h.size()];
        for (int q = 0; q < h.size(); q++) {
            Inversion.Iteration i = h.get(q);
            csv.append(String.format(Locale.ROOT, "%d,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.6g,%.3f%n", i.iteration(),
                    i.cost(), i.velocityMisfit(), i.thicknessMisfit(), i.thicknessRegularisation(),
                    i.slidingRegularisation(), i.rateFactorRegularisation(), i.priorMisfit(), i.velocityRms(),
                    i.seconds()));
            x[q] = i.iteration();
            cost[q] = i.cost();
            velocityTerm[q] = i.velocityMisfit();
        }
        AtomicOutput.writeText(folder.resolve(COST_CSV), csv);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("cost J", cost);
        series.put("surface velocity misfit J_u", velocityTerm);
        LearningCurvePlotter.plot(folder.resolve(COST_PNG), "Inversion cost", "Iteration", "cost (dimensionless)",
                true, x, series);
        double[] thk = r.thickness();
        double top = MapPlotter.colourRange(List.of(speedObserved, speed), List.of(mask, mask))[1];
        MapPlotter.plot(folder.resolve("inversion_speed_observed.png"), grid, masked(speedObserved, o.mask()),
                o.surface(), mask, "Observed surface speed (m/a)", "m a-1", 0, top);
        MapPlotter.plot(folder.resolve("inversion_speed_modelled.png"), grid, masked(speed, o.mask()), o.surface(),
                mask, "Modelled surface speed (emulator, m/a)", "m a-1", 0, top);
        MapPlotter.plotDifference(folder.resolve("inversion_speed_difference.png"), grid, masked(misfit, o.mask()),
                o.surface(), mask, "Modelled − observed surface speed (m/a)", "m a-1", Double.NaN);
        MapPlotter.plot(folder.resolve("inversion_thickness.png"), grid, thk, o.surface(), mask,
                "Inverted ice thickness (m)", "m");
        MapPlotter.plot(folder.resolve("inversion_sliding.png"), grid, masked(r.slidingCoefficient(), o.mask()),
                o.surface(), mask, "Inverted sliding coefficient (km MPa-3 a-1)", "km MPa-3 a-1");
        out.println("wrote " + folder.resolve(INVERTED) + ", " + COST_CSV + ", " + COST_PNG + " and the maps "
                + "inversion_*.png in " + folder);
    }

    private static double[] masked(double[] values, boolean[] mask) {
        double[] m = new double[values.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = mask[k] ? values[k] : Double.NaN;
        }
        return m;
    }

    /** The prior as a thickness: 0 where it has none (outside its own outline), as it is scored and started from. */
    private static double[] start(double[] prior) {
        double[] h = new double[prior.length];
        for (int k = 0; k < h.length; k++) {
            h[k] = Double.isFinite(prior[k]) ? Math.max(0, prior[k]) : 0;
        }
        return h;
    }

    /** Observations cell for cell (or in aligned blocks), or interpolated from their own grid. */
    private static double[] observed(Path file, String variable, Grid2D grid, InputUnits.Quantity quantity,
                                     boolean interpolated) {
        return interpolated ? ClimateReader.readInterpolatedOnGrid(file, variable, grid, quantity, ROLE)
                : ClimateReader.readObservationsOnGrid(file, variable, grid, quantity, ROLE);
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    private static int count(double[] values) {
        int c = 0;
        for (double x : values) {
            c += Double.isFinite(x) ? 1 : 0;
        }
        return c;
    }
}
