/**
 * Training the CNN emulator on the CPU: {@link igm.emulator.training.Architecture} (the network's shape and flat
 * parameter layout), {@link igm.emulator.training.TrainableNetwork} (weights, Glorot initialisation, conversion to
 * and from {@link igm.emulator.ConvLayer}s and {@link igm.emulator.ConvNet}), {@link igm.emulator.training.Batch}
 * (patches and targets, channels-last), {@link igm.emulator.training.GradientEngine} (L1 loss and its gradient:
 * Vector API forward and backward passes, multithreaded over samples, bit-identical for any thread count),
 * {@link igm.emulator.training.ReferenceGradient} (the same in double precision with plain loops, for tests),
 * {@link igm.emulator.training.Adam}, {@link igm.emulator.training.GradientClipping} and
 * {@link igm.bench.TrainingBenchmark} (samples/s and GFLOP/s of a training step).
 */
package igm.emulator.training;
