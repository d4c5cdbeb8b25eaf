/**
 * The training pipeline ({@code igm train}): its settings read once from the parameters
 * ({@link igm.training.TrainingSettings}), the pipeline from instructor runs to an emulator folder
 * ({@link igm.training.TrainingPipeline}), its work folder ({@link igm.training.TrainingWorkFolder}) and the fidelity
 * of an emulator on instructor runs ({@link igm.training.EmulatorFidelity}). The trainer's kernels, optimiser and
 * data selection live in {@code igm.emulator.training}.
 */
package igm.training;
