package igm.physics.massbalance;

import igm.grid.Grid2D;

import java.nio.file.Path;

/**
 * What a mass-balance provider needs from the run beyond the parameters: the grid and ice mask of the initial state,
 * and the readers of the climate files (implemented above physics, where the file readers live).
 *
 * <p>Every reader throws {@link igm.InputException} naming the file when it cannot be read or does not fit the grid.
 */
public interface MassBalanceContext {

    /** The run's grid. */
    Grid2D grid();

    /** The input's ice mask (1 on the glacier, 0 elsewhere) on {@link #grid()}, or {@code null} when it has none. */
    double[] iceMask();

    /** The rows of a whitespace-separated text table of {@code columns} numbers per row. */
    double[][] readTextTable(Path file, int columns);

    /**
     * The monthly climate of a NetCDF file: gridded (on {@link #grid()} or a finer aligned grid) or OGGM's point
     * climate.
     *
     * @param defaultTemperatureStd daily temperature standard deviation where a gridded climate has none, K
     */
    MonthlyClimate readMonthlyClimate(Path file, double defaultTemperatureStd);

    /**
     * A daily weather-station series.
     *
     * @param stationHeight elevation of the station, m
     */
    DailyClimate readDailyStation(Path file, double stationHeight);

    /** The accmelt factors per period. */
    AccMeltPeriods readAccMeltPeriods(Path file);

    /** The accmelt radiation and redistribution fields on {@link #grid()}. */
    AccMeltFields readAccMeltFields(Path file);
}
