package igm.io;

import java.nio.file.Path;

/** Paths as the manifests, logs and reports show them: relative to the working directory where they lie in it. */
public final class WorkingDirectory {

    private WorkingDirectory() {
    }

    /**
     * {@code path} relative to the working directory when it lies inside it, else {@code path} as it is; both as
     * text. A relative {@code path} is returned as it is (it does not start with the absolute working directory).
     */
    public static String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
