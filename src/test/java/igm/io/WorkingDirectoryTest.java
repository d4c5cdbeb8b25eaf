package igm.io;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkingDirectoryTest {

    @Test
    void pathsInsideTheWorkingDirectoryAreRelative() {
        Path cwd = Path.of("").toAbsolutePath();
        assertEquals(Path.of("data", "runs").toString(), WorkingDirectory.relative(cwd.resolve("data").resolve("runs")));
    }

    @Test
    void otherPathsStayAsTheyAre() {
        Path outside = Path.of("").toAbsolutePath().getRoot().resolve("elsewhere-" + System.nanoTime());
        assertEquals(outside.toString(), WorkingDirectory.relative(outside));
        assertEquals(Path.of("relative", "folder").toString(), WorkingDirectory.relative(Path.of("relative", "folder")));
    }
}
