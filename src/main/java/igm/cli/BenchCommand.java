package igm.cli;

import igm.bench.BenchmarkSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code igm bench}: the emulator's time per call and GFLOP/s on the Aletsch grid and on 512×512, the time of one
 * diagnostic solve of each ice-flow model on the bundled example from a cold and a warm start (with the iterations
 * and final residual of iterative solvers), and whole-run simulated years per second of the example. Figures are printed, never asserted.
 */
@Command(name = "bench", description = "Measure emulator throughput (GFLOP/s), the time of one diagnostic solve of "
        + "each ice-flow model (cold and warm start) and whole-run simulated years per second of the example.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--threads", description = "threads of the emulator (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--iterations", description = "timed emulator calls per grid (default: ${DEFAULT-VALUE})")
    int iterations = 10;

    @Option(names = "--emulator", description = "emulator folder (default: IGM's f15 in ../shared/data when present)")
    Path emulator;

    @Option(names = "--example", description = "parameter file of the whole-run benchmark (default: ${DEFAULT-VALUE})")
    Path example = Path.of("examples", "aletsch", "params.yaml");

    @Option(names = "--years", description = "simulated years of each whole-run benchmark (default: ${DEFAULT-VALUE})")
    double years = 10;

    @Option(names = "--skip-runs", description = "only the emulator kernel")
    boolean skipRuns;

    @Option(names = "--solvers", split = ",", description = "ice-flow models whose single diagnostic solve on the "
            + "example is timed, cold and warm (default: ${DEFAULT-VALUE})")
    List<String> solvers = List.of("sia", "hybrid", "blatter");

    @Option(names = "--sliding", description = "uniform Weertman sliding coefficient c of the diagnostic solves, km "
            + "MPa-3 a-1, so that ssa, hybrid and blatter have sliding to solve for (default: ${DEFAULT-VALUE})")
    double sliding = 5;

    @Option(names = "--runs", split = ",", description = "ice-flow models of the whole-run benchmark "
            + "(default: ${DEFAULT-VALUE})")
    List<String> runs = List.of("sia", "emulator");

    @Override
    public Integer call() {
        return new BenchmarkSuite(new BenchmarkSuite.Settings(threads, iterations, emulator, example, years, skipRuns,
                solvers, sliding, runs), System.out).run();
    }
}
