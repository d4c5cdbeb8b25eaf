package igm.emulator;

import igm.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates the shared reference data ({@link SharedData#WHERE}); tests that need it skip with a message otherwise. */
final class TestData {

    private TestData() {
    }

    /** The path under the data root, skipping the calling test when it is absent. */
    static Path require(String relative) {
        Path folder = SharedData.folder();
        Assumptions.assumeTrue(folder != null, "shared data folder " + SharedData.WHERE + " is absent: skipped");
        Path p = folder.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "reference data not found, skipping: " + p);
        return p;
    }

    static Path f15() {
        return require("igm-emulators/f15_cfsflow_GJ_22_a");
    }
}
