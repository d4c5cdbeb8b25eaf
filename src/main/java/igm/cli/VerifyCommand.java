package igm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import igm.SimulationException;
import igm.Version;
import igm.io.AtomicOutput;
import igm.verification.VerificationCase;
import igm.verification.VerificationCases;
import igm.verification.VerificationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code igm verify}: runs the verification cases of {@link VerificationCases} (all, or those named), prints each
 * error table as Markdown, and writes them all to {@code results.md} in the output folder (atomically, with
 * {@link AtomicOutput}); the cases write their own CSV files there. {@code --full} runs the full grids of the
 * published comparisons instead of the small ones of CI; {@code --list} prints the cases and runs nothing. An unknown
 * case name is a usage error (exit code 2) that lists the valid names.
 */
@Command(name = "verify", description = "Run the verification cases (exact solutions, benchmarks, observations) and"
        + " write their error tables to OUTPUT/results.md.")
public final class VerifyCommand implements Callable<Integer> {

    /** The name of the Markdown file written in the output folder. */
    public static final String RESULTS_FILE = "results.md";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "CASE", description = "cases to run (default: all; see --list)")
    List<String> caseNames;

    @Option(names = "--full", description = "run the full (finer, slower) grids instead of the small ones of CI")
    boolean full;

    @Option(names = "--list", description = "list the cases and exit")
    boolean list;

    @Option(names = "--output", paramLabel = "DIR", description = "folder for results.md and the cases' files"
            + " (default: ${DEFAULT-VALUE}; the curated full-grid results kept in the repository are in verification/,"
            + " written with --full --output verification)")
    Path output = Path.of("output", "verification");

    @Override
    public Integer call() {
        List<VerificationCase> all = VerificationCases.all();
        if (list) {
            for (VerificationCase c : all) {
                System.out.printf("%-20s %s%n", c.name(), c.description());
            }
            return 0;
        }
        List<VerificationCase> selected = select(all);
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new SimulationException("cannot create the output folder " + output + ": " + e.getMessage(), e);
        }
        StringBuilder md = new StringBuilder();
        md.append("# igm verify\n\n");
        md.append(String.format(Locale.ROOT, "%s, %s grids, %s.%n%n", Version.full(), full ? "full" : "small",
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        for (VerificationCase c : selected) {
            System.out.println("running " + c.name() + ": " + c.description());
            long start = System.nanoTime();
            VerificationReport report = c.run(full, output);
            String section = report.toMarkdown();
            System.out.println();
            System.out.println(section);
            System.out.printf(Locale.ROOT, "(%s: %.1f s)%n%n", c.name(), (System.nanoTime() - start) * 1e-9);
            md.append(section).append('\n');
        }
        Path results = output.resolve(RESULTS_FILE);
        AtomicOutput.write(results, partial -> Files.writeString(partial, md.toString()));
        System.out.println("wrote " + results);
        return 0;
    }

    /** The named cases in the order given, or all; an unknown name is a usage error listing the valid ones. */
    private List<VerificationCase> select(List<VerificationCase> all) {
        if (caseNames == null || caseNames.isEmpty()) {
            return all;
        }
        List<VerificationCase> selected = new ArrayList<>();
        for (String name : caseNames) {
            VerificationCase match = all.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (match == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown verification case '" + name
                        + "'; valid cases: " + String.join(", ", VerificationCases.names()));
            }
            if (!selected.contains(match)) {
                selected.add(match);
            }
        }
        return selected;
    }
}
