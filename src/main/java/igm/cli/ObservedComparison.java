package igm.cli;

import igm.InputException;
import igm.io.ClimateReader;
import igm.io.InputUnits;
import igm.simulation.GlacierState;

import java.nio.file.Path;

/**
 * The difference between a run's final glacier and an observed one ({@code output.observed_file}): the mean signed
 * and mean absolute difference of the surface elevation, modelled − observed, over the cells where the observed
 * ice is thicker than 1 m, and the modelled and observed volumes over the domain.
 *
 * @param cells                 number of observed ice cells (thickness &gt; 1 m)
 * @param meanSurfaceDifference mean of s_model − s_obs over them, m
 * @param meanAbsoluteDifference mean of |s_model − s_obs| over them, m
 * @param modelledVolume        modelled ice volume over the domain, m³
 * @param observedVolume        observed ice volume over the domain, m³
 */
record ObservedComparison(int cells, double meanSurfaceDifference, double meanAbsoluteDifference,
                          double modelledVolume, double observedVolume) {

    /** Observed ice thinner than this (m) does not count as ice. */
    static final double ICE_THRESHOLD = 1.0;

    /** An observed glacier on the model grid: surface elevation and thickness, m. */
    record Observed(Path file, double[] surface, double[] thickness) {

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
        static Observed read(Path file, String surfaceName, String thicknessName, igm.grid.Grid2D grid) {
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

    /** Compares {@code state} with an observed glacier on its grid. */
    static ObservedComparison of(GlacierState state, Observed observed) {
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
        return new ObservedComparison(cells, signed / cells, absolute / cells, modelledVolume, observedVolume);
    }
}
