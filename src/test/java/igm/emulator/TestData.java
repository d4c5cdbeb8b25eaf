package igm.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates the shared reference data: {@code ../shared/data} from the working directory, else /work/shared/data. */
final class TestData {

    private TestData() {
    }

    static Path root() {
        Path relative = Path.of("..", "shared", "data");
        return Files.isDirectory(relative) ? relative : Path.of("/work/shared/data");
    }

    /** The path under the data root, skipping the calling test when it is absent. */
    static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "reference data not found, skipping: " + p);
        return p;
    }

    static Path f15() {
        return require("igm-emulators/f15_cfsflow_GJ_22_a");
    }
}
