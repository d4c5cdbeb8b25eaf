package igm.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * Runs the {@code igm} command line in-process, capturing what it prints (tests of the CLI).
 *
 * @param code   the exit code
 * @param stdout what it printed on standard output
 * @param stderr what it printed on standard error
 */
record CliRun(int code, String stdout, String stderr) {

    /** Runs {@code igm args…} and returns its exit code and output. */
    static CliRun igm(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            int code = Main.execute(args);
            return new CliRun(code, o.toString(), e.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
