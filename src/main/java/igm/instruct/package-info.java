/**
 * The generation pipeline ({@code igm generate}): its settings ({@link igm.instruct.GenerationSettings}), the valleys
 * (synthetic ones and terrain windows), the instructor runs and their schedule, and the pipeline that runs them in
 * parallel into a folder of snapshot files ({@link igm.instruct.GenerationPipeline}).
 */
package igm.instruct;
