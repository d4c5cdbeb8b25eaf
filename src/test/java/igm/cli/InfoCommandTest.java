package igm.cli;

import igm.params.Parameters;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code igm info} with and without words, and {@code --help} of every command. */
class InfoCommandTest {

    @Test
    void everyCommandAnswersHelp() {
        CommandLine cli = new CommandLine(new Main());
        for (String name : cli.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRun r = CliRun.igm(name, "--help");
            assertEquals(0, r.code(), name + ": " + r.stderr());
            assertTrue(r.stdout().contains("Usage: igm " + name), name + ": " + r.stdout());
            assertTrue(r.stdout().contains("--help"), name + ": " + r.stdout());
        }
        CliRun run = CliRun.igm("run", "-h");
        assertEquals(0, run.code(), run.stderr());
        assertTrue(run.stdout().contains("PARAMS.yaml") && run.stdout().contains("--set"), run.stdout());
    }

    @Test
    void infoStatesThePathRuleFirst() {
        CliRun r = CliRun.igm("info");
        assertEquals(0, r.code(), r.stderr());
        assertTrue(r.stdout().startsWith("Paths: " + Parameters.PATH_RULE), r.stdout().lines().findFirst().orElse(""));
    }

    @Test
    void aWordListsTheKeysThatContainIt() {
        CliRun r = CliRun.igm("info", "ela");
        assertEquals(0, r.code(), r.stderr());
        assertTrue(r.stdout().contains("smb.ela_table") && r.stdout().contains("smb.paleo_ela0")
                && r.stdout().contains("generate.ela_quantiles"), r.stdout());
        assertFalse(r.stdout().contains("time.end") || r.stdout().contains("iceflow.method"), r.stdout());

        CliRun component = CliRun.igm("info", "time");
        assertTrue(component.stdout().contains("time.start") && component.stdout().contains("time.max_step"),
                component.stdout());
        assertFalse(component.stdout().contains("smb."), component.stdout());
    }

    @Test
    void aWordThatMatchesNothingIsAUsageError() {
        CliRun r = CliRun.igm("info", "foo");
        assertEquals(2, r.code(), r.stdout());
        assertTrue(r.stderr().contains("no parameter matches 'foo'") && r.stderr().contains("iceflow"), r.stderr());
        assertFalse(r.stdout().contains(":"), "nothing listed: " + r.stdout());
    }
}
