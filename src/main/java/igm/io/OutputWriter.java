package igm.io;

import igm.simulation.ScheduledCallback;

/**
 * An output of a run, attached to the {@link igm.simulation.Simulation} with its schedule
 * ({@link igm.simulation.Simulation#add}), as Oceananigans attaches its output writers: the spatial NetCDF file
 * ({@link SpatialOutput}), the time series ({@link TimeSeriesRecorder}), the maps ({@link PlotRecorder}), the
 * comparison with an observed glacier ({@link ObservedComparison}) and the ice-flow solver statistics
 * ({@link SolverStatistics}). A writer that writes files writes them under temporary names: {@link #commit()} gives
 * them their final names when the run has succeeded, {@link #abort()} removes them when it has not. A writer that
 * must carry what it wrote into a checkpoint is also {@link igm.physics.Restartable}, its state in the scope
 * {@link #name()}.
 */
public interface OutputWriter extends ScheduledCallback {

    /** The name of the output, letters, digits and {@code _}: the scope of its state in a checkpoint. */
    String name();

    /** Finishes the files and gives them their final names, once, when the run has succeeded; nothing by default. */
    default void commit() {
    }

    /** Removes the partial files of a run that did not finish; nothing by default. */
    default void abort() {
    }
}
