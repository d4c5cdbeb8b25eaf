package igm.instruct;

import igm.InputException;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a generation of training data ({@code igm generate}), read from the {@code generate.*},
 * {@code run.seed}, {@code iceflow.rate_factor}, {@code thickness.cfl} and {@code time.max_step} parameters and
 * checked: every bad value is an {@link InputException} naming the parameter source, the key, the value and what
 * is expected.
 *
 * @param folder              output folder (absolute)
 * @param seed                master seed ({@code run.seed})
 * @param dx                  grid spacing of the runs, m
 * @param syntheticValleys    number of synthetic valleys
 * @param firstValley         number of the first synthetic valley (valleys firstValley … firstValley +
 *                            syntheticValleys − 1 of the seed are drawn)
 * @param valleyCrossCells    cells across a synthetic valley
 * @param valleyAlongCells    cells along a synthetic valley
 * @param floorSlope          [lowest, highest] mean floor slope of a synthetic valley's main trough (copied)
 * @param terrainCrops        number of windows of the terrain DEM
 * @param cropCellsX          columns of a terrain window
 * @param cropCellsY          rows of a terrain window
 * @param maxMaskOverlap      largest share of a window in the DEM's ice mask
 * @param maxMutualOverlap    largest share of a window another window may cover
 * @param minRelief           smallest relief of a window, m
 * @param slidingCoefficients the values of c, km MPa⁻³ a⁻¹, distinct, ≥ 0 (copied)
 * @param rateFactor          A, MPa⁻³ a⁻¹
 * @param schedule            ELA schedule and snapshot interval
 * @param cflNumber           CFL number of the thickness update
 * @param maxStepYears        largest time step, years
 * @param parallelRuns        runs at once (the parameter's 0 resolved to the available processors)
 */
public record GenerationSettings(Path folder, long seed, double dx, int syntheticValleys, int firstValley,
                                 int valleyCrossCells, int valleyAlongCells, List<Double> floorSlope,
                                 int terrainCrops, int cropCellsX, int cropCellsY,
                                 double maxMaskOverlap, double maxMutualOverlap, double minRelief,
                                 List<Double> slidingCoefficients, double rateFactor, InstructorSchedule schedule,
                                 double cflNumber, double maxStepYears, int parallelRuns) {

    /** Ice-flow methods that can instruct: {@link IceFlowRegistry#instructorNames()}. */
    public static final List<String> INSTRUCTORS = IceFlowRegistry.instructorNames();

    public GenerationSettings {
        slidingCoefficients = List.copyOf(slidingCoefficients);
        floorSlope = List.copyOf(floorSlope);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InputException for an empty or negative or repeated c list, quantiles that are not two increasing
     *                        numbers in [0, 1], a cell count that is not two whole numbers ≥ 8, no run at all, or
     *                        an ice-flow method that is not an instructor
     */
    public static GenerationSettings from(Parameters p) {
        String where = p.source();
        String method = p.string("iceflow.method");
        if (!INSTRUCTORS.contains(method)) {
            throw new InputException(where + ": iceflow.method = " + method + " cannot instruct; igm generate needs "
                    + "one of " + String.join(", ", INSTRUCTORS));
        }
        List<Double> c = p.numberList("generate.sliding_coefficients");
        if (c.isEmpty()) {
            throw new InputException(where + ": generate.sliding_coefficients is empty; expected at least one "
                    + "sliding coefficient c ≥ 0 (km MPa-3 a-1), e.g. [0, 6, 12, 25]");
        }
        for (int k = 0; k < c.size(); k++) {
            if (!(c.get(k) >= 0)) {
                throw new InputException(where + ": generate.sliding_coefficients = " + c + " has the negative value "
                        + c.get(k) + "; expected values ≥ 0 (km MPa-3 a-1)");
            }
            if (c.subList(0, k).contains(c.get(k))) {
                throw new InputException(where + ": generate.sliding_coefficients = " + c + " repeats " + c.get(k)
                        + "; expected distinct values");
            }
        }
        List<Double> q = p.numberList("generate.ela_quantiles");
        if (q.size() != 2 || !(q.get(0) >= 0) || !(q.get(1) <= 1) || !(q.get(1) > q.get(0))) {
            throw new InputException(where + ": generate.ela_quantiles = " + q + " is not valid; expected two "
                    + "increasing quantiles in [0, 1]: [advance, retreat], e.g. [0.2, 0.9]");
        }
        int[] valley = cells(p, "generate.valley_cells", "[across, along]");
        int[] crop = cells(p, "generate.crop_cells", "[nx, ny]");
        List<Double> slope = p.numberList("generate.floor_slope");
        if (slope.size() != 2 || !(slope.get(0) > 0) || !(slope.get(1) >= slope.get(0)) || !(slope.get(1) <= 1)) {
            throw new InputException(where + ": generate.floor_slope = " + slope + " is not valid; expected two "
                    + "slopes 0 < lowest ≤ highest ≤ 1: [lowest, highest], e.g. [0.07, 0.13]");
        }
        int synthetic = p.integer("generate.synthetic_valleys");
        int crops = p.integer("generate.terrain_crops");
        if (synthetic + crops == 0) {
            throw new InputException(where + ": generate.synthetic_valleys and generate.terrain_crops are both 0; "
                    + "expected at least one valley");
        }
        double advance = p.number("generate.advance_years");
        double retreat = p.number("generate.retreat_years");
        if (!(advance + retreat > 0)) {
            throw new InputException(where + ": generate.advance_years + generate.retreat_years = 0; expected a "
                    + "positive duration");
        }
        InstructorSchedule schedule = new InstructorSchedule(advance, retreat, q.get(0), q.get(1),
                p.number("generate.accumulation_gradient"), p.number("generate.ablation_gradient"),
                p.number("generate.max_accumulation"), p.integer("generate.no_accumulation_border"),
                p.number("generate.snapshot_interval"));
        int parallel = p.integer("generate.parallel_runs");
        if (parallel == 0) {
            parallel = Runtime.getRuntime().availableProcessors();
        }
        Path folder = p.requiredPath("generate.folder", "igm generate");
        return new GenerationSettings(folder, p.integer("run.seed"), p.number("generate.dx"), synthetic,
                p.integer("generate.first_valley"), valley[0], valley[1], slope, crops, crop[0], crop[1],
                p.number("generate.crop_max_mask_overlap"),
                p.number("generate.crop_max_mutual_overlap"), p.number("generate.crop_min_relief"), c,
                p.number("iceflow.rate_factor"), schedule, p.number("thickness.cfl"), p.number("time.max_step"),
                parallel);
    }

    private static int[] cells(Parameters p, String key, String shape) {
        List<Double> v = p.numberList(key);
        if (v.size() != 2 || v.stream().anyMatch(x -> x != Math.rint(x) || x < 8 || x > 100000)) {
            throw new InputException(p.source() + ": " + key + " = " + v + " is not valid; expected two whole "
                    + "numbers " + shape + " of at least 8 cells");
        }
        return new int[] {v.get(0).intValue(), v.get(1).intValue()};
    }

    /**
     * Every run of the generation, in order: each synthetic valley with each c (valley by valley), then each terrain
     * window with each c.
     */
    public List<PlannedRun> runs() {
        List<PlannedRun> runs = new ArrayList<>();
        for (int v = firstValley; v < firstValley + syntheticValleys; v++) {
            for (double c : slidingCoefficients) {
                runs.add(new PlannedRun(runs.size(), Valley.SYNTHETIC, v, c));
            }
        }
        for (int v = 0; v < terrainCrops; v++) {
            for (double c : slidingCoefficients) {
                runs.add(new PlannedRun(runs.size(), Valley.TERRAIN, v, c));
            }
        }
        return List.copyOf(runs);
    }
}
