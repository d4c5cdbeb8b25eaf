/**
 * The evaluation pipeline ({@code igm evaluate}): its settings read once from the parameters
 * ({@link igm.evaluation.EvaluationSettings}) and the pipeline that measures emulators on held-out instructor runs
 * and on a glacier run against their instructor, and writes the report ({@link igm.evaluation.EvaluationPipeline}).
 */
package igm.evaluation;
