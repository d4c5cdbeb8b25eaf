package igm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared data folder is found through ../shared or the system property only, never at a hard-coded path. */
class SharedDataTest {

    @Test
    void theSystemPropertyNamesTheFolderAndNothingElseIsTried(@TempDir Path dir) throws IOException {
        String before = System.getProperty(SharedData.PROPERTY);
        try {
            Files.createDirectories(dir.resolve("data/aletsch"));
            Files.writeString(dir.resolve("data/aletsch/x.nc"), "x");
            System.setProperty(SharedData.PROPERTY, dir.resolve("data").toString());
            assertEquals(dir.resolve("data"), SharedData.folder());
            assertEquals(dir.resolve("data/aletsch/x.nc"), SharedData.resolve("aletsch/x.nc"));
            assertNull(SharedData.resolve("aletsch/missing.nc"));
            System.setProperty(SharedData.PROPERTY, dir.resolve("absent").toString());
            assertNull(SharedData.folder(), "an absent folder must not fall back to another one");
            assertNull(SharedData.resolve("aletsch/x.nc"));
        } finally {
            if (before == null) {
                System.clearProperty(SharedData.PROPERTY);
            } else {
                System.setProperty(SharedData.PROPERTY, before);
            }
        }
    }

    @Test
    void noSourceFileFallsBackToAnAbsoluteDataFolder() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main")), Files.walk(Path.of("src/test")))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("SharedDataTest.java"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("\"/work/");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertTrue(offenders.isEmpty(), "hard-coded absolute data folders in " + offenders);
    }
}
