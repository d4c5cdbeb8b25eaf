package igm.emulator;

/**
 * How an emulator was trained, as recorded in an {@link EmulatorManifest}. Losses are those of the scaled outputs
 * (each output divided by its scale), so they are dimensionless.
 *
 * @param epochs              epochs run, ≥ 0
 * @param batchSize           patches per optimisation step, ≥ 1
 * @param learningRate        the optimiser's (initial) learning rate, finite and positive
 * @param clipNorm            the gradient-norm clip, finite, ≥ 0; 0 means no clipping
 * @param loss                the loss function's name, e.g. {@code "mae"} (mean absolute error), not blank
 * @param finalTrainingLoss   the loss on the training patches after the last epoch, finite; ≥ 0 unless the loss's name
 *                            ends in {@code energy} (an energy, such as {@code blatter_energy}, may be negative)
 * @param finalValidationLoss the loss on the validation patches after the last epoch, finite; ≥ 0 unless an energy
 */
public record EmulatorTraining(int epochs, int batchSize, double learningRate, double clipNorm, String loss,
                               double finalTrainingLoss, double finalValidationLoss) {

    public EmulatorTraining {
        if (epochs < 0) {
            throw new IllegalArgumentException("training.epochs must be at least 0, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training.batch_size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("training.learning_rate must be finite and positive, got "
                    + learningRate);
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("training.clip_norm must be finite and at least 0, got " + clipNorm);
        }
        if (loss == null || loss.isBlank()) {
            throw new IllegalArgumentException("training.loss must not be blank");
        }
        double least = loss.endsWith("energy") ? Double.NEGATIVE_INFINITY : 0;
        if (!(finalTrainingLoss >= least) || !Double.isFinite(finalTrainingLoss)) {
            throw new IllegalArgumentException("training.final_training_loss must be finite" + (least == 0
                    ? " and at least 0" : "") + ", got " + finalTrainingLoss);
        }
        if (!(finalValidationLoss >= least) || !Double.isFinite(finalValidationLoss)) {
            throw new IllegalArgumentException("training.final_validation_loss must be finite" + (least == 0
                    ? " and at least 0" : "") + ", got " + finalValidationLoss);
        }
    }
}
