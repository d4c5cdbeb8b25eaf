package igm.io;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data; tests that need it are skipped when it is absent. */
final class TestData {

    private TestData() {
    }

    /** {@code ../shared/data} from the working directory, else {@code /work/shared/data}; null if neither. */
    static Path sharedDataFolder() {
        Path relative = Path.of("..", "shared", "data");
        if (Files.isDirectory(relative)) {
            return relative;
        }
        Path absolute = Path.of("/work/shared/data");
        return Files.isDirectory(absolute) ? absolute : null;
    }

    /** A file under the shared data folder, or the test is skipped with a message. */
    static Path require(String relativePath) {
        Path folder = sharedDataFolder();
        Assumptions.assumeTrue(folder != null, "shared data folder ../shared/data (or /work/shared/data) is absent");
        Path file = folder.resolve(relativePath);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared data file " + file + " is absent");
        return file;
    }
}
