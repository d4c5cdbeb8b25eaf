/**
 * The CNN ice-flow emulator: {@link igm.emulator.ConvNet} (the network, a scalar reference pass and a fast
 * Vector API pass with an optional mask of wanted cells), {@link igm.emulator.KerasModelReader} (IGM's Keras HDF5
 * files), {@link igm.emulator.Emulator} (an emulator folder: model.h5, fieldin.dat, fieldout.dat, resolution
 * sub-folders) and {@link igm.emulator.EmulatorBenchmark} (timings and GFLOP/s). The ice-flow model built on it is
 * {@code igm.physics.iceflow.EmulatorIceFlow}.
 */
package igm.emulator;
