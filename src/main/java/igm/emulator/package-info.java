/**
 * The CNN ice-flow emulator: {@link igm.emulator.ConvNet} (the network, a scalar reference pass and a fast
 * Vector API pass with an optional mask of wanted cells), {@link igm.emulator.KerasModelReader} (IGM's Keras HDF5
 * files), {@link igm.emulator.Emulator} (an emulator folder: model.h5, fieldin.dat, fieldout.dat, an optional
 * manifest.json, resolution sub-folders), {@link igm.emulator.EmulatorWriter} (writes such folders, the model in
 * IGM's Keras layout), {@link igm.emulator.EmulatorManifest} (what an emulator is and how it was made) and
 * {@link igm.bench.EmulatorBenchmark} (timings and GFLOP/s). The ice-flow model built on it is
 * {@code igm.physics.iceflow.EmulatorIceFlow}.
 */
package igm.emulator;
