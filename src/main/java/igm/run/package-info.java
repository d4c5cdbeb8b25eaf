/**
 * The run pipeline: a glacier simulation from its parameters (input, state, components, outputs, checkpoints),
 * used by {@code igm run}, {@code igm bench} and the evaluation: {@link igm.run.RunSettings} read once from the
 * parameters, {@link igm.run.RunPipeline} that runs them, {@link igm.run.RunResult} for the summary;
 * {@link igm.run.ModelFactory} builds the model.
 */
package igm.run;
