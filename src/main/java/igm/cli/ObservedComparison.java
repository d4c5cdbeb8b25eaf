package igm.cli;

import igm.InputException;
import igm.io.ClimateReader;
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

    /**
     * Compares {@code state} with the variables {@code surfaceName} and {@code thicknessName} of {@code file}
     * (on the model grid, or a finer aligned grid that is block-averaged onto it).
     *
     * @throws InputException when the file lacks the variables or has no ice
     */
    static ObservedComparison of(GlacierState state, Path file, String surfaceName, String thicknessName) {
        double[] surface = ClimateReader.readFieldOnGrid(file, surfaceName, state.grid())[0];
        double[] thickness = ClimateReader.readFieldOnGrid(file, thicknessName, state.grid())[0];
        double[] modelled = state.surface();
        double[] modelledThickness = state.thickness();
        double cellArea = state.grid().cellArea();
        int cells = 0;
        double signed = 0;
        double absolute = 0;
        double observedVolume = 0;
        double modelledVolume = 0;
        for (int k = 0; k < surface.length; k++) {
            observedVolume += thickness[k] * cellArea;
            modelledVolume += modelledThickness[k] * cellArea;
            if (thickness[k] > ICE_THRESHOLD) {
                double d = modelled[k] - surface[k];
                signed += d;
                absolute += Math.abs(d);
                cells++;
            }
        }
        if (cells == 0) {
            throw new InputException("observed file " + file + " has no cell of '" + thicknessName
                    + "' thicker than " + ICE_THRESHOLD + " m to compare with");
        }
        return new ObservedComparison(cells, signed / cells, absolute / cells, modelledVolume, observedVolume);
    }
}
