package igm.io;

import igm.SimulationException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpatialOutputWriterTest {

    private static final Grid2D GRID = new Grid2D(3, 2, 100, 415000, 5135000);

    static Variable variable(NetcdfFile nc, String name) {
        return nc.getVariables().stream().filter(v -> v.getShortName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no variable " + name));
    }

    static String attribute(Variable v, String name) {
        Attribute a = v.findAttribute(name);
        return a == null ? null : a.getStringValue();
    }

    static String globalAttribute(NetcdfFile nc, String name) {
        return nc.getGlobalAttributes().stream().filter(a -> a.getShortName().equals(name)).findFirst()
                .map(Attribute::getStringValue).orElse(null);
    }

    @Test
    void roundTripOfTwoSteps(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("output.nc");
        String yaml = "time:\n  start: 2000\n  end: 2100\nflow: emulator # déjà, 3×3, m a⁻¹\n";
        double[] thk0 = {0, 10.5, 20, 30, 40, 0};
        double[] thk1 = {0, 11, 21, 31, 41, 0};
        double[] speed0 = {0, 1, 2, 3, Double.NaN, 5};
        double[] speed1 = {0, 2, 4, 6, 8, 10};
        try (SpatialOutputWriter writer = SpatialOutputWriter.create(target, GRID,
                List.of(FieldSpec.THK, FieldSpec.VELSURF_MAG), Map.of("pyproj_srs", "+proj=utm +zone=32",
                        "igm_parameters", yaml, "seed", "42"))) {
            assertTrue(Files.exists(AtomicOutput.partialPathOf(target)));
            assertFalse(Files.exists(target));
            writer.write(2000, Map.of("thk", thk0, "velsurf_mag", speed0, "ignored", new double[1]));
            writer.write(2010.5, Map.of("thk", thk1, "velsurf_mag", speed1));
            assertEquals(2, writer.steps());
            writer.commit();
        }
        assertTrue(Files.exists(target));
        assertFalse(Files.exists(AtomicOutput.partialPathOf(target)));
        try (NetcdfFile nc = NetcdfFile.open(target.toString())) {
            assertEquals("netCDF", nc.getFileTypeId());
            Dimension time = nc.getDimensions().stream().filter(d -> d.getShortName().equals("time")).findFirst()
                    .orElseThrow();
            assertTrue(time.isUnlimited());
            assertArrayEquals(new double[] {0, 10.5 * 365}, (double[]) variable(nc, "time").read().copyTo1DJavaArray());
            assertEquals("days since 2000-01-01 00:00:00", attribute(variable(nc, "time"), "units"));
            assertEquals("365_day", attribute(variable(nc, "time"), "calendar"));
            assertArrayEquals(new double[] {2000, 2010.5}, (double[]) variable(nc, "year").read().copyTo1DJavaArray());
            assertArrayEquals(new double[] {415000, 415100, 415200},
                    (double[]) variable(nc, "x").read().copyTo1DJavaArray());
            assertArrayEquals(new double[] {5135000, 5135100}, (double[]) variable(nc, "y").read().copyTo1DJavaArray());
            assertEquals("projection_y_coordinate", attribute(variable(nc, "y"), "standard_name"));
            assertEquals("Y", attribute(variable(nc, "y"), "axis"));
            assertEquals("m", attribute(variable(nc, "y"), "units"));
            Variable thk = variable(nc, "thk");
            assertEquals(List.of("time", "y", "x"), thk.getDimensions().stream().map(Dimension::getShortName).toList());
            assertEquals("m", attribute(thk, "units"));
            assertEquals("ice thickness", attribute(thk, "long_name"));
            assertEquals("land_ice_thickness", attribute(thk, "standard_name"));
            assertEquals("crs", attribute(thk, "grid_mapping"));
            assertEquals("transverse_mercator", attribute(variable(nc, "crs"), "grid_mapping_name"));
            assertEquals("EPSG:32632", attribute(variable(nc, "crs"), "epsg_code"));
            Array data = thk.read();
            assertArrayEquals(new int[] {2, 2, 3}, data.getShape());
            for (int k = 0; k < 6; k++) {
                assertEquals(thk0[k], data.getFloat(k), 1e-6);
                assertEquals(thk1[k], data.getFloat(6 + k), 1e-6);
            }
            Variable speed = variable(nc, "velsurf_mag");
            assertEquals("m year-1", attribute(speed, "units"));
            assertEquals("crs", attribute(speed, "grid_mapping"));
            assertTrue(Float.isNaN(speed.read().getFloat(4)));
            assertEquals(10, speed.read().getFloat(11));
            assertEquals(yaml, globalAttribute(nc, "igm_parameters"));
            assertEquals("+proj=utm +zone=32", globalAttribute(nc, "pyproj_srs"));
            assertEquals("42", globalAttribute(nc, "seed"));
        }
        assertEquals(List.of("thk", "velsurf_mag"), CfCheck.check(target, true, true));
    }

    @Test
    void everyStandardFieldIsCfCompliant(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("all.nc");
        List<FieldSpec> fields = List.copyOf(FieldSpec.STANDARD_FIELDS.values());
        try (SpatialOutputWriter writer = SpatialOutputWriter.create(target, GRID, fields,
                Map.of("pyproj_srs", "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs"))) {
            Map<String, double[]> values = new java.util.HashMap<>();
            fields.forEach(f -> values.put(f.name(), new double[6]));
            writer.write(2000.25, values);
            writer.commit();
        }
        assertEquals(fields.stream().map(FieldSpec::name).toList(), CfCheck.check(target, true, true));
    }

    @Test
    void withoutProjectionThereIsNoGridMapping(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("plain.nc");
        try (SpatialOutputWriter writer = SpatialOutputWriter.create(target, GRID, List.of(FieldSpec.THK),
                Map.of("projection", "UTM zone 32N, as the source"))) {
            writer.write(1990, Map.of("thk", new double[6]));
            writer.commit();
        }
        try (NetcdfFile nc = NetcdfFile.open(target.toString())) {
            assertEquals(null, CfCheck.find(nc, "crs"));
            assertEquals(null, attribute(variable(nc, "thk"), "grid_mapping"));
            assertArrayEquals(new double[] {-3650}, (double[]) variable(nc, "time").read().copyTo1DJavaArray());
        }
        CfCheck.check(target, true, false);
    }

    @Test
    void failureBetweenCreateAndCommitLeavesNoFile(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("crash.nc");
        assertThrows(IllegalStateException.class, () -> {
            try (SpatialOutputWriter writer = SpatialOutputWriter.create(target, GRID, List.of(FieldSpec.THK),
                    Map.of())) {
                writer.write(0, Map.of("thk", new double[6]));
                throw new IllegalStateException("simulated crash");
            }
        });
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(AtomicOutput.partialPathOf(target)));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void badWritesAreRefusedAndAnOldTargetSurvivesAnAbort(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("old.nc");
        Files.writeString(target, "previous run");
        try (SpatialOutputWriter writer = SpatialOutputWriter.create(target, GRID, List.of(FieldSpec.THK), null)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(0, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> writer.write(0, Map.of("thk", new double[5])));
            writer.write(1, Map.of("thk", new double[6]));
            assertThrows(IllegalArgumentException.class, () -> writer.write(1, Map.of("thk", new double[6])));
        }
        assertEquals("previous run", Files.readString(target));
        assertFalse(Files.exists(AtomicOutput.partialPathOf(target)));
        assertThrows(IllegalArgumentException.class, () -> SpatialOutputWriter.create(folder.resolve("dup.nc"), GRID,
                List.of(FieldSpec.THK, FieldSpec.THK), Map.of()));
        assertThrows(igm.InputException.class, () -> SpatialOutputWriter.create(folder.resolve("no/such/a.nc"), GRID,
                List.of(FieldSpec.THK), Map.of()));
    }

    @Test
    void atomicOutputDeletesThePartialFileWhenTheWriterFails(@TempDir Path folder) {
        Path target = folder.resolve("plot.png");
        assertThrows(SimulationException.class, () -> AtomicOutput.write(target, partial -> {
            Files.writeString(partial, "half");
            throw new java.io.IOException("disk full");
        }));
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(AtomicOutput.partialPathOf(target)));
    }
}
