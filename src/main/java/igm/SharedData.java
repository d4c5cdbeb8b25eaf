package igm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's shared reference data lie (real glaciers, climate series, IGM's emulators; see
 * {@code ../shared/data/README.md}): the folder named by the system property {@value #PROPERTY} when it is set,
 * otherwise {@code ../shared/data} from the working directory. There is no other fallback: code that needs the data
 * says so (tests skip with a message) when neither exists.
 */
public final class SharedData {

    /** System property naming the shared data folder ({@code -Digm.shared.data=/path/to/shared/data}). */
    public static final String PROPERTY = "igm.shared.data";

    /** How the folder is looked for, for messages. */
    public static final String WHERE = "../shared/data (or the folder of -D" + PROPERTY + "=FOLDER)";

    private SharedData() {
    }

    /** The shared data folder, or {@code null} when it does not exist. */
    public static Path folder() {
        String property = System.getProperty(PROPERTY);
        Path folder = property == null || property.isBlank() ? Path.of("..", "shared", "data") : Path.of(property);
        return Files.isDirectory(folder) ? folder : null;
    }

    /** {@code relative} under the shared data folder, or {@code null} when the folder or the entry is absent. */
    public static Path resolve(String relative) {
        Path folder = folder();
        if (folder == null) {
            return null;
        }
        Path path = folder.resolve(relative);
        return Files.exists(path) ? path : null;
    }

    /** IGM's f15 emulator folder ({@code igm-emulators/f15_cfsflow_GJ_22_a}), or {@code null} when it is absent. */
    public static Path f15EmulatorFolder() {
        Path folder = resolve("igm-emulators/f15_cfsflow_GJ_22_a");
        return folder != null && Files.isDirectory(folder) ? folder : null;
    }
}
