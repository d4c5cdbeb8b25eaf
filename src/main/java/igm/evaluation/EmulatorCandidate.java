package igm.evaluation;

import igm.InputException;
import igm.emulator.EmulatorManifest;
import igm.emulator.data.Fidelity;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** One emulator folder under evaluation, with its manifest. */
record EmulatorCandidate(Path folder, EmulatorManifest manifest) {

    /** Whether it is physics-informed (trained on the Blatter–Pattyn energy, not on an instructor's runs). */
    boolean physicsInformed() {
        return PhysicsInformedNetwork.isPhysicsInformed(manifest);
    }

    /** The folder's name, which names the emulator in the report. */
    String name() {
        return folder.getFileName().toString();
    }

    /** The sliding coefficients of its training data, km MPa⁻³ a⁻¹. */
    TreeSet<Double> trainedSliding() {
        TreeSet<Double> c = new TreeSet<>();
        Object list = manifest.trainingData().get("sliding_coefficients");
        if (list instanceof List<?> values) {
            for (Object v : values) {
                c.add(Double.parseDouble(v.toString()));
            }
        }
        return c;
    }

    /** The fidelity over the sliding coefficients the emulator was trained on. */
    Fidelity trained(Map<Double, Fidelity> perSliding) {
        Fidelity f = new Fidelity();
        TreeSet<Double> trained = trainedSliding();
        perSliding.forEach((slide, fid) -> {
            if (trained.contains(slide)) {
                f.add(fid);
            }
        });
        return f;
    }

    /**
     * Every folder under {@code root} (or root itself) with a manifest, sorted by name.
     *
     * @throws InputException when {@code root} is missing or holds no emulator folder
     */
    static List<EmulatorCandidate> list(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InputException("evaluate.emulators: folder of emulators not found: " + root);
        }
        List<Path> folders = new ArrayList<>();
        if (Files.isRegularFile(root.resolve(EmulatorManifest.FILE_NAME))) {
            folders.add(root);
        } else {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(f -> Files.isRegularFile(f.resolve(EmulatorManifest.FILE_NAME))).sorted()
                        .forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        if (folders.isEmpty()) {
            throw new InputException("evaluate.emulators: " + root + " holds no emulator folder (one with "
                    + EmulatorManifest.FILE_NAME + ")");
        }
        return folders.stream().map(f -> new EmulatorCandidate(f, EmulatorManifest.read(f.resolve(
                EmulatorManifest.FILE_NAME)))).toList();
    }
}
