package igm.io;

import igm.InputException;
import igm.SimulationException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a temporary name beside its target and renames it to the target only once it is complete, so
 * that a crash or an exception never leaves a file that looks finished.
 *
 * <p>The temporary file is {@code <target name>.partial} in the target's folder (the same file system, so the final
 * rename is atomic where the file system allows it). {@link #commit()} renames it, replacing an older target;
 * {@link #abort()} and {@link #close()} without commit delete it.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.begin(target)) {
 *     write(out.partialPath());
 *     out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {

    /** Suffix of the temporary file, appended to the target's file name. */
    public static final String PARTIAL_SUFFIX = ".partial";

    private final Path target;
    private final Path partial;
    private boolean finished;

    private AtomicOutput(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    /**
     * Starts writing {@code target}: checks its folder exists and removes a stale partial file from an earlier run.
     *
     * @throws InputException      if the target's folder does not exist or the target is a folder
     * @throws SimulationException if a stale partial file cannot be removed
     */
    public static AtomicOutput begin(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InputException("cannot write " + target + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new InputException("cannot write " + target + ": it is a folder");
        }
        Path partial = partialPathOf(absolute);
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new SimulationException("cannot remove the stale partial file " + partial + ": " + e.getMessage(), e);
        }
        return new AtomicOutput(absolute, partial);
    }

    /** The temporary path used while {@code target} is written: the same folder, name + {@value #PARTIAL_SUFFIX}. */
    public static Path partialPathOf(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + PARTIAL_SUFFIX);
    }

    /**
     * Writes {@code target} in one go: calls {@code writer} on the partial path, then commits; deletes the partial
     * file if the writer throws.
     */
    public static void write(Path target, PathWriter writer) {
        try (AtomicOutput out = begin(target)) {
            try {
                writer.write(out.partialPath());
            } catch (IOException e) {
                throw new SimulationException("cannot write " + target + ": " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    /** Writes {@code text} to {@code target} atomically (as {@link #write}), creating the target's folders first. */
    public static void writeText(Path target, CharSequence text) {
        Path folder = target.toAbsolutePath().normalize().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InputException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
        write(target, partial -> Files.writeString(partial, text));
    }

    /** Writes {@code image} to {@code target} as PNG, atomically (as {@link #write}). */
    public static void writePng(Path target, java.awt.image.RenderedImage image) {
        write(target, partial -> {
            if (!javax.imageio.ImageIO.write(image, "png", partial.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Writes a complete file at the given path. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path partialPath) throws IOException;
    }

    /** The final path. */
    public Path target() {
        return target;
    }

    /** The temporary path to write to. */
    public Path partialPath() {
        return partial;
    }

    /** Whether {@link #commit()} or {@link #abort()} has run. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Renames the partial file to the target, atomically where the file system supports it.
     *
     * @throws SimulationException if the partial file is missing or cannot be renamed (the partial file is deleted)
     * @throws IllegalStateException if already committed or aborted
     */
    public void commit() {
        if (finished) {
            throw new IllegalStateException("output " + target + " was already committed or aborted");
        }
        finished = true;
        try {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly();
            throw new SimulationException("cannot rename " + partial + " to " + target + ": " + e, e);
        }
    }

    /** Deletes the partial file; does nothing after {@link #commit()}. Never throws. */
    public void abort() {
        if (!finished) {
            finished = true;
            deleteQuietly();
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // Nothing more can be done; the .partial name already marks the file as unfinished.
        }
    }
}
