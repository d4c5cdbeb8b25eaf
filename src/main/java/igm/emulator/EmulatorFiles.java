package igm.emulator;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

import igm.InputException;
import igm.SimulationException;

/**
 * File-system steps of writing emulators without partial output: a file written under a temporary sibling name and
 * renamed once complete, a folder moved into place, a folder deleted with its contents. (The package sits below
 * {@code igm.io}, so it has its own copy of these few steps instead of {@code igm.io.AtomicOutput}.)
 */
final class EmulatorFiles {

    private EmulatorFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to a temporary file beside {@code file}, then renames it to {@code file},
     * replacing an older one; the temporary file is removed if anything fails.
     *
     * @throws InputException      when the folder of {@code file} does not exist or {@code file} is a folder
     * @throws SimulationException when writing or renaming fails
     */
    static void writeAtomically(Path file, String text) {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InputException("cannot write " + file + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new InputException("cannot write " + file + ": it is a folder");
        }
        Path partial = null;
        try {
            partial = Files.createTempFile(folder, "." + target.getFileName() + ".", ".partial");
            Files.writeString(partial, text);
            move(partial, target);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new SimulationException("cannot write " + file + ": " + e, e);
        }
    }

    /** Renames {@code source} to {@code target}, atomically where the file system allows, replacing a file. */
    static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a folder with everything in it; a missing path is not an error. */
    static void deleteRecursively(Path path) throws IOException {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                try {
                    Files.delete(dir);
                } catch (NoSuchFileException ignored) {
                    // already gone: nothing to delete
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@link #deleteRecursively} for clean-up after an earlier failure: never throws. */
    static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException | RuntimeException ignored) {
            // The earlier failure is the one reported; a leftover temporary name marks itself as unfinished.
        }
    }
}
