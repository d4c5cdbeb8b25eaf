package igm.verification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import igm.InputException;
import igm.SharedData;
import igm.SimulationException;
import igm.grid.Grid2D;
import igm.io.AtomicOutput;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.InputUnits;
import igm.io.MapPlotter;
import igm.io.NetcdfValues;
import igm.physics.iceflow.EmulatorIceFlow;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.HybridIceFlow;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.iceflow.SymmetrisedIceFlow;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * A cross-check of the diagnostic ice-flow models against observations: the surface velocity of each model on the
 * Great Aletsch Glacier at 100 m ({@code aletsch/igm_1880_geology.nc} of the shared data, from IGM's
 * aletsch-1880-2100 example: {@code usurf}, {@code thk}, the bed as usurf − thk) compared with the observed surface
 * velocity {@code uvelsurfobs}, {@code vvelsurfobs} (m a⁻¹). Not a verification against an exact solution: the
 * observations include sliding and the real rheology, so the figures say how far each model's physics is from the
 * glacier, and how far the models are from each other.
 *
 * <p><b>Set-up.</b> A = 78 MPa⁻³ a⁻¹ (temperate ice, the default of {@code iceflow.rate_factor}) and no sliding
 * (c = 0, the default of {@code iceflow.sliding_coefficient}, as of IGM's {@code iceflow_v1} module) everywhere, so that the figures are those of a
 * default {@code igm run} on this geometry; any observed sliding then shows up as model error. A constructor
 * takes another uniform c.
 *
 * <p><b>Measures</b> over the cells with ice (thk &gt; 0) and finite observed components: the mean absolute error
 * of the surface velocity vector, mean |u_s − u_obs|; that of the speed, mean ||u_s| − |u_obs||; the mean observed
 * and modelled surface speeds; the relative L1 error of the vector, Σ|u_s − u_obs| / Σ|u_obs|; and the mean angle
 * between modelled and observed velocity weighted by the observed speed.
 *
 * <p><b>Models</b> come from a name → factory map ({@link #defaultModels()}: {@code sia}, and {@code emulator} when
 * IGM's f15 emulator is in the shared data); a model whose factory throws an {@link InputException} is listed as
 * skipped with the message. When the data file is absent the case reports that it was skipped and runs nothing.
 */
public final class AletschVelocityCase implements VerificationCase {

    /** The case's name. */
    public static final String NAME = "aletsch-velocity";
    /** Glen's rate factor of the comparison, MPa⁻³ a⁻¹. */
    public static final double RATE_FACTOR = 78;
    /** The data file, relative to the shared data folder. */
    public static final String DATA_FILE = "aletsch/igm_1880_geology.nc";

    /**
     * The figures of one model.
     *
     * @param model               the model's name in the map
     * @param cells               cells compared
     * @param vectorMeanAbsError  mean |u_s − u_obs|, m a⁻¹
     * @param speedMeanAbsError   mean ||u_s| − |u_obs||, m a⁻¹
     * @param meanObservedSpeed   mean |u_obs|, m a⁻¹
     * @param meanModelledSpeed   mean |u_s|, m a⁻¹
     * @param vectorRelativeL1    Σ|u_s − u_obs| / Σ|u_obs|
     * @param directionError      mean angle between u_s and u_obs weighted by |u_obs|, over the cells where both
     *                            are non-zero, degrees
     * @param seconds             wall-clock time of the solve (including the model's construction), s
     */
    public record ModelFigures(String model, int cells, double vectorMeanAbsError, double speedMeanAbsError,
                               double meanObservedSpeed, double meanModelledSpeed, double vectorRelativeL1,
                               double directionError, double seconds) {
    }

    /**
     * The observed glacier.
     *
     * @param input    geometry, A and c as the models see them
     * @param uObs     observed surface velocity, east component, m a⁻¹ (NaN where not observed)
     * @param vObs     observed surface velocity, north component, m a⁻¹ (NaN where not observed)
     */
    public record Observed(IceFlowInput input, double[] uObs, double[] vObs) {
    }

    private final Path dataFile;
    private final Map<String, Function<Grid2D, IceFlowModel>> models;
    private final double slidingCoefficient;

    /** The case on the shared data with {@link #defaultModels()} and no sliding. */
    public AletschVelocityCase() {
        this(defaultDataFile(), defaultModels(), 0);
    }

    /**
     * @param dataFile           the NetCDF file with x, y, usurf, thk, uvelsurfobs, vvelsurfobs
     * @param models             model name → factory for the grid (in the order of the table)
     * @param slidingCoefficient uniform Weertman c, km MPa⁻³ a⁻¹
     */
    public AletschVelocityCase(Path dataFile, Map<String, Function<Grid2D, IceFlowModel>> models,
                               double slidingCoefficient) {
        this.dataFile = dataFile;
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        this.slidingCoefficient = slidingCoefficient;
    }

    /**
     * The models compared by default, by name: {@code sia} ({@link ShallowIceFlow}) and {@code emulator} (IGM's f15
     * emulator from the shared data, {@link SharedData#f15EmulatorFolder()}; its factory throws an
     * {@link InputException} when that is absent). A new model is one more entry.
     */
    public static Map<String, Function<Grid2D, IceFlowModel>> defaultModels() {
        Map<String, Function<Grid2D, IceFlowModel>> map = new LinkedHashMap<>();
        map.put(ShallowIceFlow.NAME, grid -> new ShallowIceFlow());
        map.put(HybridIceFlow.NAME + ", c = " + plain(HYBRID_SLIDING),
                grid -> withSliding(new HybridIceFlow(), HYBRID_SLIDING));
        map.put(BlatterPattynFlow.NAME, grid -> new BlatterPattynFlow());
        map.put(BlatterPattynFlow.NAME + ", c = " + plain(HYBRID_SLIDING),
                grid -> withSliding(new BlatterPattynFlow(), HYBRID_SLIDING));
        map.put(EmulatorIceFlow.NAME, AletschVelocityCase::f15);
        map.put(EmulatorIceFlow.NAME + ", symmetrised", grid -> new SymmetrisedIceFlow(f15(grid)));
        return map;
    }

    /** IGM's f15 emulator for the grid, from the shared data; an {@link InputException} when it is absent. */
    private static EmulatorIceFlow f15(Grid2D grid) {
        Path folder = SharedData.f15EmulatorFolder();
        if (folder == null) {
            throw new InputException("IGM's f15 emulator not found in " + SharedData.WHERE);
        }
        return EmulatorIceFlow.load(folder, grid);
    }

    /**
     * The Weertman coefficient of the sliding hybrid and Blatter–Pattyn rows, km MPa⁻³ a⁻¹ (with the case's c = 0 the hybrid would equal the
     * SIA): 1000·c·τ_b³ is 3.4 m a⁻¹ of sliding under a basal shear stress of 0.15 MPa.
     */
    public static final double HYBRID_SLIDING = 1.0;

    /** The model solving every input with a uniform sliding coefficient {@code c} instead of the input's. */
    public static IceFlowModel withSliding(IceFlowModel model, double c) {
        return new IceFlowModel() {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public IceFlowResult solve(IceFlowInput in) {
                double[] sliding = new double[in.grid().size()];
                Arrays.fill(sliding, c);
                return model.solve(new IceFlowInput(in.grid(), in.thickness(), in.surface(), sliding,
                        in.rateFactor()));
            }
        };
    }

    /** {@value #DATA_FILE} under the shared data folder ({@link SharedData#WHERE}). */
    public static Path defaultDataFile() {
        Path folder = SharedData.folder();
        return (folder != null ? folder : Path.of("..", "shared", "data")).resolve(DATA_FILE);
    }

    /** The data file compared with. */
    public Path dataFile() {
        return dataFile;
    }

    /** Whether the data file exists. */
    public boolean dataAvailable() {
        return Files.isRegularFile(dataFile);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "surface velocity of each ice-flow model on Aletsch (100 m) vs observations";
    }

    /**
     * Reads the geometry and observations.
     *
     * @throws InputException when the file is missing or malformed
     */
    public Observed observed() {
        GriddedInput geometry = GriddedInputReader.read(dataFile);
        Grid2D grid = geometry.grid();
        double[] c = new double[grid.size()];
        double[] a = new double[grid.size()];
        Arrays.fill(c, slidingCoefficient);
        Arrays.fill(a, RATE_FACTOR);
        IceFlowInput input = new IceFlowInput(grid, geometry.thickness(), geometry.surface(), c, a);
        try (NetcdfFile nc = NetcdfFile.open(dataFile.toString())) {
            double[] y = NetcdfValues.raw(variable(nc, "y"));
            boolean flip = y.length > 1 && y[1] < y[0];
            return new Observed(input, field(nc, "uvelsurfobs", grid, flip), field(nc, "vvelsurfobs", grid, flip));
        } catch (IOException e) {
            throw new InputException("cannot read " + dataFile + ": " + e.getMessage(), e);
        }
    }

    /** Runs one model on the observed glacier and compares its surface velocity. */
    public static ModelFigures compare(String name, IceFlowModel model, Observed observed, long startNanos) {
        return compare(name, model.solve(observed.input()), observed, startNanos);
    }

    private static ModelFigures compare(String name, IceFlowResult r, Observed observed, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) * 1e-9;
        double[] h = observed.input().thickness();
        int cells = 0;
        double vector = 0;
        double speed = 0;
        double observedSum = 0;
        double modelledSum = 0;
        double angleSum = 0;
        double angleWeight = 0;
        for (int k = 0; k < h.length; k++) {
            double uo = observed.uObs()[k];
            double vo = observed.vObs()[k];
            if (!(h[k] > 0) || !Double.isFinite(uo) || !Double.isFinite(vo)) {
                continue;
            }
            double us = r.uSurface()[k];
            double vs = r.vSurface()[k];
            double so = Math.hypot(uo, vo);
            double sm = Math.hypot(us, vs);
            vector += Math.hypot(us - uo, vs - vo);
            speed += Math.abs(sm - so);
            observedSum += so;
            modelledSum += sm;
            cells++;
            if (so > 0 && sm > 0) {
                double cos = Math.max(-1, Math.min(1, (us * uo + vs * vo) / (so * sm)));
                angleSum += Math.toDegrees(Math.acos(cos)) * so;
                angleWeight += so;
            }
        }
        if (cells == 0) {
            throw new InputException("no ice cell with finite observed velocity to compare");
        }
        return new ModelFigures(name, cells, vector / cells, speed / cells, observedSum / cells,
                modelledSum / cells, vector / observedSum, angleWeight > 0 ? angleSum / angleWeight : Double.NaN, seconds);
    }

    /** Runs every model that can be built; the others are listed in {@code skipped} (name → reason). */
    public List<ModelFigures> compute(Map<String, String> skipped) {
        return compute(observed(), skipped, null);
    }

    /** As {@link #compute(Map)}, collecting each model's surface speed (m a⁻¹) in {@code speeds} when not null. */
    private List<ModelFigures> compute(Observed observed, Map<String, String> skipped, Map<String, double[]> speeds) {
        List<ModelFigures> figures = new ArrayList<>();
        for (Map.Entry<String, Function<Grid2D, IceFlowModel>> e : models.entrySet()) {
            long start = System.nanoTime();
            IceFlowModel model;
            try {
                model = e.getValue().apply(observed.input().grid());
            } catch (InputException ex) {
                skipped.put(e.getKey(), ex.getMessage());
                continue;
            }
            try {
                IceFlowResult result = model.solve(observed.input());
                figures.add(compare(e.getKey(), result, observed, start));
                if (speeds != null) {
                    speeds.put(e.getKey(), result.surfaceSpeed());
                }
            } finally {
                if (model instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception ignored) {
                        // Closing only releases worker threads; the figures are already taken.
                    }
                }
            }
        }
        return figures;
    }

    /**
     * The same grid and data whatever {@code full}. Given a folder, writes {@code aletsch-velocity.csv} and maps of
     * the surface speed, observed ({@code aletsch-velocity-observed.png}) and of each model
     * ({@code aletsch-velocity-<model>.png}), all on the colour range of the observed speed.
     */
    @Override
    public VerificationReport run(boolean full, Path outputFolder) {
        VerificationReport.Builder b = new VerificationReport.Builder(NAME, "surface velocity on Aletsch (100 m) vs"
                + " observations", "model", "cells", "MAE velocity (m/a)", "MAE speed (m/a)",
                "mean observed speed (m/a)", "mean modelled speed (m/a)", "rel. L1 velocity error",
                "direction error (°)", "time (s)");
        if (!dataAvailable()) {
            return b.note("skipped: data file not found: " + dataFile.toAbsolutePath().normalize()).build();
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, double[]> speeds = new LinkedHashMap<>();
        Observed observed = observed();
        List<ModelFigures> figures = compute(observed, skipped, speeds);
        for (ModelFigures f : figures) {
            b.row(f.model(), f.cells(), f.vectorMeanAbsError(), f.speedMeanAbsError(), f.meanObservedSpeed(),
                    f.meanModelledSpeed(), f.vectorRelativeL1(), f.directionError(), f.seconds());
        }
        b.note(dataFile.getFileName() + ", A = " + plain(RATE_FACTOR) + " MPa⁻³ a⁻¹, uniform sliding coefficient c = "
                + plain(slidingCoefficient) + " km MPa⁻³ a⁻¹; over the ice cells (thk > 0) with finite observations");
        b.note("MAE: mean absolute error; rel. L1: Σ|u_s − u_obs| / Σ|u_obs|; direction error: mean angle between the"
                + " modelled and observed surface velocity, weighted by the observed speed; time includes building"
                + " the model");
        skipped.forEach((name, why) -> b.note("model " + name + " skipped: " + why));
        if (outputFolder != null) {
            writeCsv(figures, outputFolder.resolve(NAME + ".csv"));
            writeMaps(observed, speeds, outputFolder);
        }
        return b.build();
    }

    private static void writeMaps(Observed observed, Map<String, double[]> speeds, Path folder) {
        IceFlowInput in = observed.input();
        double[] speed = new double[in.grid().size()];
        double max = 0;
        for (int k = 0; k < speed.length; k++) {
            speed[k] = Math.hypot(observed.uObs()[k], observed.vObs()[k]);
            if (in.thickness()[k] > 0 && Double.isFinite(speed[k])) {
                max = Math.max(max, speed[k]);
            }
        }
        MapPlotter.plot(folder.resolve(NAME + "-observed.png"), in.grid(), speed, in.surface(), in.thickness(),
                "Observed surface speed (m a-1), Aletsch", "m a-1", 0, max);
        for (Map.Entry<String, double[]> e : speeds.entrySet()) {
            MapPlotter.plot(folder.resolve(NAME + "-" + e.getKey() + ".png"), in.grid(), e.getValue(), in.surface(),
                    in.thickness(), "Surface speed (m a-1), " + e.getKey() + ", A = " + plain(RATE_FACTOR), "m a-1",
                    0, max);
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void writeCsv(List<ModelFigures> figures, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("model,cells,mae_velocity_m_a,mae_speed_m_a,mean_observed_speed_m_a,mean_modelled_speed_m_a,"
                + "relative_l1_velocity,direction_error_deg,seconds");
        for (ModelFigures f : figures) {
            lines.add(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f,%.5f,%.3f,%.3f", f.model(),
                    f.cells(), f.vectorMeanAbsError(), f.speedMeanAbsError(), f.meanObservedSpeed(),
                    f.meanModelledSpeed(), f.vectorRelativeL1(), f.directionError(), f.seconds()));
        }
        AtomicOutput.writeText(file, String.join("\n", lines) + "\n");
    }

    private Variable variable(NetcdfFile nc, String name) {
        Variable v = NetcdfValues.variablesByShortName(nc).get(name);
        if (v == null) {
            throw new InputException("input file " + dataFile + " has no variable '" + name + "'");
        }
        return v;
    }

    /**
     * A (y, x) velocity on the grid in m a⁻¹, rows j northwards, converted from its {@code units} (m a⁻¹ when it has
     * none); fill values and missing values become NaN.
     *
     * @throws InputException when its shape is not the grid's or its units are not a velocity
     */
    private double[] field(NetcdfFile nc, String name, Grid2D grid, boolean flip) throws IOException {
        Variable v = variable(nc, name);
        int[] shape = v.getShape();
        if (shape.length != 2 || shape[0] != grid.ny() || shape[1] != grid.nx()) {
            throw new InputException("input file " + dataFile + ": variable '" + name + "' has shape "
                    + Arrays.toString(shape) + ", expected (y, x) = [" + grid.ny() + ", " + grid.nx() + "]");
        }
        double factor = InputUnits.factor(InputUnits.of(v), InputUnits.Quantity.VELOCITY, "input file " + dataFile + ": variable '" + name + "'");
        double[] raw = NetcdfValues.raw(v);
        List<Double> missing = new ArrayList<>();
        for (String attribute : List.of("_FillValue", "missing_value")) {
            Attribute at = v.findAttribute(attribute);
            if (at != null && at.getNumericValue() != null) {
                missing.add(at.getNumericValue().doubleValue());
            }
        }
        double[] out = new double[raw.length];
        int nx = grid.nx();
        for (int j = 0; j < grid.ny(); j++) {
            int row = flip ? grid.ny() - 1 - j : j;
            for (int i = 0; i < nx; i++) {
                double value = raw[row * nx + i];
                out[j * nx + i] = missing.contains(value) ? Double.NaN : value * factor;
            }
        }
        return out;
    }
}
