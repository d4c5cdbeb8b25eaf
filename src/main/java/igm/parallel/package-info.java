/**
 * The thread pool the kernels share: row splitting between the caller and daemon workers
 * ({@link igm.parallel.ParallelRows}).
 */
package igm.parallel;
