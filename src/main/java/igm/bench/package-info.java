/**
 * Benchmarks that print figures rather than assert them: the emulator's forward pass and a training step (GFLOP/s
 * and the fraction of the peak {@link igm.bench.PeakThroughput} measures in the same run), the Blatter–Pattyn
 * operator, and the mass-balance models over the bundled example. {@code igm bench} calls them; each also has a
 * {@code main} for the command line.
 */
package igm.bench;
