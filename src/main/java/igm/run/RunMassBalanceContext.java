package igm.run;

import igm.grid.Grid2D;
import igm.io.ClimateReader;
import igm.physics.massbalance.AccMeltFields;
import igm.physics.massbalance.AccMeltPeriods;
import igm.physics.massbalance.DailyClimate;
import igm.physics.massbalance.MassBalanceContext;
import igm.physics.massbalance.MonthlyClimate;
import igm.simulation.GlacierState;

import java.nio.file.Path;

/**
 * The mass-balance context of a run: the grid and ice mask of its initial state, and the climate files read by the
 * {@link ClimateReader}.
 */
record RunMassBalanceContext(GlacierState state) implements MassBalanceContext {

    @Override
    public Grid2D grid() {
        return state.grid();
    }

    @Override
    public double[] iceMask() {
        return state.iceMask();
    }

    @Override
    public double[][] readTextTable(Path file, int columns) {
        return ClimateReader.readTextTable(file, columns);
    }

    @Override
    public MonthlyClimate readMonthlyClimate(Path file, double defaultTemperatureStd) {
        return ClimateReader.isGridded(file)
                ? ClimateReader.readGriddedMonthly(file, state.grid(), defaultTemperatureStd)
                : ClimateReader.readOggmMonthly(file);
    }

    @Override
    public DailyClimate readDailyStation(Path file, double stationHeight) {
        return ClimateReader.readDailyStation(file, stationHeight);
    }

    @Override
    public AccMeltPeriods readAccMeltPeriods(Path file) {
        return ClimateReader.readAccMeltPeriods(file);
    }

    @Override
    public AccMeltFields readAccMeltFields(Path file) {
        return ClimateReader.readAccMeltFields(file, state.grid());
    }
}
