package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import igm.simulation.GlacierState;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The difference between a run's final glacier and an observed one ({@code output.observed_file}): the mean signed
 * and mean absolute difference of the surface elevation, modelled − observed, over the cells where the observed
 * ice is thicker than 1 m, and the modelled and observed volumes over the domain. An output writer that fires at the
 * end time only; {@link #result()} is then known.
 */
public final class ObservedComparison extends ScheduledWriter {

    /** Observed ice thinner than this (m) does not count as ice. */
    public static final double ICE_THRESHOLD = 1.0;

    /**
     * The comparison of a state with an observed glacier.
     *
     * @param cells                  number of observed ice cells (thickness &gt; 1 m)
     * @param meanSurfaceDifference  mean of s_model − s_obs over them, m
     * @param meanAbsoluteDifference mean of |s_model − s_obs| over them, m
     * @param modelledVolume         modelled ice volume over the domain, m³
     * @param observedVolume         observed ice volume over the domain, m³
     */
    public record Result(int cells, double meanSurfaceDifference, double meanAbsoluteDifference,
                         double modelledVolume, double observedVolume) {
    }

    /** An observed glacier on the model grid: surface elevation and thickness, m. */
    public record Observed(Path file, double[] surface, double[] thickness) {

        /** What the file is, in messages. */
        private static final String ROLE = "observed file (output.observed_file)";

        /**
         * Reads the variables {@code surfaceName} and {@code thicknessName} of {@code file} onto {@code grid} (the
         * model grid, or a finer aligned grid that is block-averaged onto it), converted from their {@code units} (and
         * those of x and y) into metres; missing units are taken as metres.
         *
         * @throws InputException when the file is missing, lacks the variables, has units that are not lengths, does
         *                        not fit the grid or has no ice
         */
        public static Observed read(Path file, String surfaceName, String thicknessName, Grid2D grid) {
            double[] surface = ClimateReader.readFieldOnGrid(file, surfaceName, grid, InputUnits.Quantity.LENGTH,
                    ROLE)[0];
            double[] thickness = ClimateReader.readFieldOnGrid(file, thicknessName, grid, InputUnits.Quantity.LENGTH,
                    ROLE)[0];
            boolean ice = false;
            for (double h : thickness) {
                ice |= h > ICE_THRESHOLD;
            }
            if (!ice) {
                throw new InputException("observed file " + file + " has no cell of '" + thicknessName
                        + "' thicker than " + ICE_THRESHOLD + " m to compare with");
            }
            return new Observed(file, surface, thickness);
        }
    }

    private final Observed observed;
    private Result result;

    /** Compares the state at {@code endTime} (years) with {@code observed}. */
    public ObservedComparison(Observed observed, double endTime) {
        super("observed", Schedule.at(endTime), false);
        this.observed = observed;
    }

    @Override
    public void call(Simulation simulation, double time) {
        result = of(simulation.model().state(), observed);
    }

    /** The comparison of the final state, or {@code null} before the end time. */
    public Result result() {
        return result;
    }

    /**
     * The log line of the comparison: modelled and observed volumes and the surface differences.
     *
     * @throws IllegalStateException before the end time
     */
    public String summary() {
        if (result == null) {
            throw new IllegalStateException("the run has not reached its end time");
        }
        Result c = result;
        return String.format(Locale.ROOT, "against %s: volume %.4f km³ modelled, %.4f km³ observed (%+.1f%%); surface "
                        + "over the %d observed ice cells: mean difference %+.1f m, mean absolute %.1f m",
                observed.file().getFileName(), c.modelledVolume() / 1e9, c.observedVolume() / 1e9,
                100 * (c.modelledVolume() / c.observedVolume() - 1), c.cells(), c.meanSurfaceDifference(),
                c.meanAbsoluteDifference());
    }

    /** Compares {@code state} with an observed glacier on its grid. */
    public static Result of(GlacierState state, Observed observed) {
        double[] modelled = state.surface();
        double[] modelledThickness = state.thickness();
        double cellArea = state.grid().cellArea();
        int cells = 0;
        double signed = 0;
        double absolute = 0;
        double observedVolume = 0;
        double modelledVolume = 0;
        for (int k = 0; k < modelled.length; k++) {
            observedVolume += observed.thickness()[k] * cellArea;
            modelledVolume += modelledThickness[k] * cellArea;
            if (observed.thickness()[k] > ICE_THRESHOLD) {
                double d = modelled[k] - observed.surface()[k];
                signed += d;
                absolute += Math.abs(d);
                cells++;
            }
        }
        return new Result(cells, signed / cells, absolute / cells, modelledVolume, observedVolume);
    }
}
