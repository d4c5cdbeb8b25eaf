/**
 * The run pipeline: a glacier simulation from its parameters (input, state, components, outputs, checkpoints),
 * used by {@code igm run}, {@code igm bench} and the evaluation.
 */
package igm.run;
