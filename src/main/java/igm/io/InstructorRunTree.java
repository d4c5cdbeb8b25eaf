package igm.io;

import igm.InputException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the instructor runs of a folder and of its direct sub-folders (one folder per {@code igm generate}) for
 * training and evaluation. Messages name the parameter that gave the folder ({@code key}, e.g.
 * {@code train.data}).
 */
public final class InstructorRunTree {

    private InstructorRunTree() {
    }

    /**
     * The runs of {@code root} and of its direct sub-folders (one folder per {@code igm generate}), sub-folders first,
     * in name order. Runs are grouped into valleys by their valley name, so two generations of one instructor must not
     * give one name to different valleys (a later generation with the same seed takes other valley numbers,
     * {@code generate.first_valley}, or repeats the same valleys with other sliding coefficients; a DEM window is
     * compared by the DEM's file name, {@link InstructorRunFile#valleyIdentity}), and no run may appear twice. A run
     * without ice is skipped with a line on {@code out}.
     *
     * @throws InputException when the folder is missing or holds no run, or for a repeated run or valley name
     */
    public static List<InstructorRunFile> read(Path root, String key, PrintStream out) {
        if (!Files.isDirectory(root)) {
            throw new InputException(key + ": folder of instructor runs not found: " + root);
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).sorted().forEach(folders::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        folders.add(root);
        List<InstructorRunFile> runs = new ArrayList<>();
        for (Path f : folders) {
            if (hasRuns(f)) {
                runs.addAll(readFolder(f, key, out));
            }
        }
        if (runs.isEmpty()) {
            throw new InputException(key + ": " + root + " and its sub-folders hold no instructor run (*.nc from igm "
                    + "generate)");
        }
        checkNames(runs, key);
        return runs;
    }

    /** Refuses one valley name for different valleys and a run that appears twice, per instructor. */
    private static void checkNames(List<InstructorRunFile> runs, String key) {
        Map<String, InstructorRunFile> byId = new HashMap<>();
        Map<String, InstructorRunFile> byValley = new HashMap<>();
        for (InstructorRunFile r : runs) {
            // runs of different instructors may share valley names and run ids (evaluate reads them together)
            String instructor = r.instructor() + "/";
            InstructorRunFile valley = byValley.putIfAbsent(instructor + r.valley(), r);
            if (valley != null && !valley.valleyIdentity().equals(r.valleyIdentity())) {
                throw new InputException(key + ": " + valley.data().file() + " and " + r.data().file() + " both "
                        + "name their valley '" + r.valley() + "' but describe different valleys; give a later "
                        + "generation with the same seed other valley numbers (generate.first_valley)");
            }
            InstructorRunFile same = byId.putIfAbsent(instructor + r.id(), r);
            if (same != null) {
                throw new InputException(key + ": run " + r.id() + " appears twice: " + same.data().file() + " and "
                        + r.data().file() + "; expected each run once");
            }
        }
    }

    private static boolean hasRuns(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".nc"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * Every run file ({@code *.nc}) of one folder, in name order; runs without ice are skipped with a line on
     * {@code out}.
     *
     * @throws InputException when the folder is missing, holds no run or no run with ice, or for a run without a
     *                        finite {@code ice_volume_max_m3}
     */
    private static List<InstructorRunFile> readFolder(Path folder, String key, PrintStream out) {
        if (!Files.isDirectory(folder)) {
            throw new InputException(key + ": folder of instructor runs not found: " + folder);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".nc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new InputException(key + ": " + folder + " holds no instructor run (*.nc from igm generate)");
        }
        List<InstructorRunFile> runs = new ArrayList<>();
        for (Path f : files) {
            InstructorRunData d = InstructorSnapshotReader.read(f);
            if (d.snapshots() == 0) {
                out.println("skipping " + f.getFileName() + ": no snapshot with ice");
                continue;
            }
            runs.add(run(f, d));
        }
        if (runs.isEmpty()) {
            throw new InputException(key + ": no run in " + folder + " has a snapshot with ice");
        }
        return runs;
    }

    private static InstructorRunFile run(Path f, InstructorRunData d) {
        Map<String, String> m = d.metadata();
        String id = m.getOrDefault("run_id", f.getFileName().toString());
        String valley = m.getOrDefault("valley", id);
        double maxVolume;
        try {
            maxVolume = Double.parseDouble(m.getOrDefault("ice_volume_max_m3", "NaN"));
        } catch (NumberFormatException e) {
            maxVolume = Double.NaN;
        }
        if (!Double.isFinite(maxVolume)) {
            throw new InputException(f + ": attribute ice_volume_max_m3 is missing or not a number");
        }
        return new InstructorRunFile(id, valley, maxVolume, d);
    }
}
