package igm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parameter file that gives a key twice is refused by {@code igm run} as the bad inputs of {@link BadInputTest} are
 * (that table varies the command line only; this one needs its own file).
 */
class DuplicateKeyTest {

    @TempDir
    Path dir;

    @Test
    void aKeyGivenTwiceEndsTheRunWithOneMessageAndNoOutput() throws IOException {
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, """
                input:
                  file: %s
                smb:
                  ela_table: [[2000, 2900, 0.009, 0.005, 2.0]]
                  ela_table: [[2000, 3900, 0.009, 0.005, 2.0]]
                output:
                  folder: out
                """.formatted(Path.of("examples", "aletsch", "aletsch.nc").toAbsolutePath()));
        CliRun r = CliRun.igm("run", params.toString(), "--no-progress", "--set", "time.end=2001");
        String message = r.stderr().strip();
        assertEquals(1, r.code(), message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(params + ": key 'smb.ela_table' is given twice (line 5)"), message);
        assertTrue(Files.notExists(dir.resolve("out")));
    }
}
