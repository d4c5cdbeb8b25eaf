package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import igm.verification.BuelerTestCCase;
import igm.verification.VerificationCases;

/** {@code igm verify} through the command line, with the fast test-C case. */
class VerifyCommandTest {

    @TempDir
    Path out;

    @Test
    void listPrintsEveryCaseAndRunsNothing() {
        CliRun r = CliRun.igm("verify", "--list", "--output", out.resolve("never").toString());
        assertEquals(0, r.code(), r.stderr());
        for (String name : VerificationCases.names()) {
            assertTrue(r.stdout().contains(name), name + " in " + r.stdout());
        }
        assertTrue(VerificationCases.names().containsAll(java.util.List.of("sia-test-b", "sia-test-c",
                "aletsch-velocity")));
        assertFalse(Files.exists(out.resolve("never")));
    }

    @Test
    void namedCaseWritesResultsAndCsv() throws IOException {
        CliRun r = CliRun.igm("verify", BuelerTestCCase.NAME, "--output", out.toString());
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        String results = Files.readString(out.resolve(VerifyCommand.RESULTS_FILE));
        assertTrue(results.contains("### sia-test-c:"), results);
        assertTrue(results.contains("| 12.50 |"), results);
        assertFalse(results.contains("sia-test-b"), "only the named case runs");
        assertTrue(r.stdout().contains("observed order"), r.stdout());
        assertEquals(5, Files.readAllLines(out.resolve("sia-test-c.csv")).size());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")));
        }
    }

    @Test
    void unknownCaseIsAUsageErrorListingTheValidNames() {
        CliRun r = CliRun.igm("verify", "sia-test-z", "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.stderr().contains("unknown verification case 'sia-test-z'"), r.stderr());
        assertTrue(r.stderr().contains(String.join(", ", VerificationCases.names())), r.stderr());
        assertFalse(Files.exists(out.resolve(VerifyCommand.RESULTS_FILE)));
    }
}
