/**
 * Files in and out: gridded NetCDF input with validation ({@link igm.io.GriddedInputReader},
 * {@link igm.io.InputOptions}, {@link igm.io.GriddedInput}) and the NetCDF look-ups and value conversions the readers
 * share ({@link igm.io.NetcdfValues}), NetCDF-3 outputs written atomically
 * ({@link igm.io.SpatialOutputWriter}, {@link igm.io.TimeSeriesWriter}, {@link igm.io.GriddedInputWriter},
 * {@link igm.io.AtomicOutput}) and PNG plots ({@link igm.io.MapPlotter}, {@link igm.io.TimeSeriesPlotter}); the output
 * writers of a run, attached to its simulation with their schedules ({@link igm.io.OutputWriter}), and its checkpoint
 * ({@link igm.io.CheckpointWriter}).
 *
 * <p>Note on the UCAR CDM library (4.5.5) as packaged here: its {@code httpservices} module is excluded, so
 * {@code Variable.getFullName()}, {@code getNameAndDimensions()} and {@code NetcdfFile.findVariable(String)}
 * (which escape names through a class that needs it) fail with {@code NoClassDefFoundError}; this package looks
 * variables up by {@code getShortName()} instead.
 */
package igm.io;
