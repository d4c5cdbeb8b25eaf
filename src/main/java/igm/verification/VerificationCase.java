package igm.verification;

import java.nio.file.Path;

/**
 * One verification case of {@code igm verify}: a solver run against an exact solution or a published benchmark,
 * summarised as a table of errors. Each case is also a JUnit test (tagged {@code verification}) on its small grids.
 */
public interface VerificationCase {

    /** Short name, as given on the command line (e.g. {@code ssa-test-i}). */
    String name();

    /** One line: what is compared with what. */
    String description();

    /**
     * Runs the case.
     *
     * @param full         the full grids of the published comparison (slow) rather than the small ones of CI
     * @param outputFolder where to write result files (CSV, plots), or {@code null} to write none
     * @return the error table
     */
    VerificationReport run(boolean full, Path outputFolder);
}
