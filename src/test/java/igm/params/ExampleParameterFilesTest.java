package igm.params;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every parameter file of the examples reads without error against the registry: no key renamed or removed from the
 * registry is left behind in an example.
 */
class ExampleParameterFilesTest {

    @Test
    void everyExampleParameterFileReads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() > 20, "found " + files.size() + " parameter files");
        for (Path f : files) {
            ParameterFile.load(f, List.of());
        }
    }
}
