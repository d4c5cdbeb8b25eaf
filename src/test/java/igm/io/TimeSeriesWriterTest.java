package igm.io;

import igm.field.FieldSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeSeriesWriterTest {

    @Test
    void writesNetcdfAndCsvTwin(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("ts.nc");
        try (TimeSeriesWriter writer = TimeSeriesWriter.create(target,
                List.of(FieldSpec.VOLUME, FieldSpec.AREA, FieldSpec.MAX_SPEED), Map.of("seed", "7"))) {
            writer.write(2000, Map.of("vol", 12.25, "area", 80.0, "velsurf_max", 212.5));
            writer.write(2001, Map.of("vol", 12.0, "area", 79.5, "velsurf_max", 1.0e-5));
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(folder.resolve("ts.csv")));
            writer.commit();
        }
        assertEquals(List.of("time [years],vol [km3],area [km2],velsurf_max [m year-1]", "2000,12.25,80,212.5",
                "2001,12,79.5,1e-05"), Files.readAllLines(folder.resolve("ts.csv")));
        try (NetcdfFile nc = NetcdfFile.open(target.toString())) {
            assertArrayEquals(new double[] {0, 365},
                    (double[]) SpatialOutputWriterTest.variable(nc, "time").read().copyTo1DJavaArray());
            assertArrayEquals(new double[] {2000, 2001},
                    (double[]) SpatialOutputWriterTest.variable(nc, "year").read().copyTo1DJavaArray());
            assertArrayEquals(new double[] {12.25, 12},
                    (double[]) SpatialOutputWriterTest.variable(nc, "vol").read().copyTo1DJavaArray());
            assertEquals("km2", SpatialOutputWriterTest.attribute(SpatialOutputWriterTest.variable(nc, "area"),
                    "units"));
            assertEquals("7", SpatialOutputWriterTest.globalAttribute(nc, "seed"));
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "no partial files left");
        }
        assertEquals(List.of("vol", "area", "velsurf_max"), CfCheck.check(target, false, false));
    }

    @Test
    void failureLeavesNeitherFile(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("ts.nc");
        assertThrows(IllegalArgumentException.class, () -> {
            try (TimeSeriesWriter writer = TimeSeriesWriter.create(target, List.of(FieldSpec.VOLUME), null)) {
                writer.write(0, Map.of("vol", 1.0));
                writer.write(1, Map.of("area", 1.0));
            }
        });
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void csvTwinPath() {
        assertEquals(Path.of("out", "ts.csv"), TimeSeriesWriter.csvPathOf(Path.of("out", "ts.nc")));
        assertEquals(Path.of("series.csv"), TimeSeriesWriter.csvPathOf(Path.of("series")));
    }
}
