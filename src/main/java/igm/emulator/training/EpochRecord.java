package igm.emulator.training;

/**
 * One epoch of training.
 *
 * @param epoch            epoch number, from 1 (continuing across data-selection rounds and resumes)
 * @param samples          training samples seen
 * @param trainingLoss     mean L1 loss of the training steps of the epoch (normalised units)
 * @param validationLoss   mean L1 loss on the validation patches after the epoch, NaN without validation data
 * @param gradientNorm     mean global gradient norm before clipping
 * @param clippedFraction  fraction of the steps whose gradient was clipped
 * @param seconds          wall time of the training steps, s
 * @param samplesPerSecond training throughput
 * @param gflops           training throughput in GFLOP/s (forward and backward)
 */
public record EpochRecord(int epoch, int samples, double trainingLoss, double validationLoss, double gradientNorm,
                          double clippedFraction, double seconds, double samplesPerSecond, double gflops) {
}
