package igm.io;

import igm.SharedData;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data; tests that need it are skipped when it is absent. */
final class TestData {

    private TestData() {
    }

    /** The shared data folder ({@link SharedData#WHERE}); null when it is absent. */
    static Path sharedDataFolder() {
        return SharedData.folder();
    }

    /** A file under the shared data folder, or the test is skipped with a message. */
    static Path require(String relativePath) {
        Path folder = sharedDataFolder();
        Assumptions.assumeTrue(folder != null, "shared data folder " + SharedData.WHERE + " is absent");
        Path file = folder.resolve(relativePath);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared data file " + file + " is absent");
        return file;
    }
}
