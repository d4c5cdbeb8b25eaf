package igm.cli;

import igm.io.TinyGeoTiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code igm run} on GeoTIFF input: a lone DEM as the bed of an ice-free start, and one file per field. */
class GeoTiffRunTest {

    private static final int COLUMNS = 40;
    private static final int ROWS = 24;

    @TempDir
    Path dir;

    /** A valley falling east from 3400 m, its floor along the middle row; top row first. */
    static double[][] valley() {
        double[][] rows = new double[ROWS][COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                rows[r][c] = 3400 - 25 * c + 4 * (r - ROWS / 2.0) * (r - ROWS / 2.0);
            }
        }
        return rows;
    }

    private Path parameters(String input) throws IOException {
        Path file = dir.resolve("valley.yaml");
        Files.writeString(file, """
                run:
                  name: valley
                input:
                %s
                time:
                  start: 2000
                  end: 2005
                iceflow:
                  method: sia
                smb:
                  method: ela
                  ela_table: [[2000, 3000, 0.009, 0.005, 2.0]]
                output:
                  folder: %s
                  interval: 5
                  plots: false
                """.formatted(input.indent(2).stripTrailing(), dir.resolve("out").toAbsolutePath()));
        return file;
    }

    @Test
    void aLoneDemIsTheBedOfAnIceFreeStartAndItsCrsReachesTheOutput() throws IOException {
        TinyGeoTiff.projected(valley(), 32632, 630000, 5200000, 100).compression(TinyGeoTiff.DEFLATE).predictor(3)
                .write(dir.resolve("valley.tif"));
        CliRun r = CliRun.igm("run", parameters("file: valley.tif").toString(), "--no-progress");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("valley.tif") && r.stdout().contains("initial volume 0.0000 km³"), r.stdout());
        Path spatial = dir.resolve("out").resolve("spatial.nc");
        try (NetcdfFile nc = NetcdfFile.open(spatial.toString())) {
            List<Attribute> attributes = new ArrayList<>(nc.getGlobalAttributes());
            for (Variable v : nc.getVariables()) {
                attributes.addAll(v.getAttributes());
            }
            assertTrue(attributes.stream().anyMatch(a -> a.getShortName().equals("crs_wkt") && a.isString()
                            && a.getStringValue().contains("UTM zone 32N")),
                    "the GeoTIFF's CRS is carried to spatial.nc as crs_wkt: " + attributes);
            Variable x = nc.getVariables().stream().filter(v -> v.getShortName().equals("x")).findFirst()
                    .orElseThrow();
            assertEquals(630050.0, x.read().getDouble(0), "cell centre of the first column");
            Variable thk = nc.getVariables().stream().filter(v -> v.getShortName().equals("thk")).findFirst()
                    .orElseThrow();
            double largest = 0;
            var last = thk.read();
            for (int k = 0; k < last.getSize(); k++) {
                largest = Math.max(largest, last.getDouble(k));
            }
            assertTrue(largest > 1, "ice has grown above the ELA: " + largest + " m");
        }
    }

    @Test
    void oneFilePerFieldWithoutInputFile() throws IOException {
        double[][] thickness = new double[ROWS][COLUMNS];
        double[][] mask = new double[ROWS][COLUMNS];
        for (int r = ROWS / 2 - 3; r <= ROWS / 2 + 3; r++) {
            for (int c = 2; c < 12; c++) {
                thickness[r][c] = 50;
                mask[r][c] = 1;
            }
        }
        TinyGeoTiff.projected(valley(), 32632, 630000, 5200000, 100).write(dir.resolve("bed.tif"));
        TinyGeoTiff.projected(thickness, 32632, 630000, 5200000, 100).compression(TinyGeoTiff.LZW).tiled()
                .write(dir.resolve("thk.tif"));
        TinyGeoTiff.projected(mask, 32632, 630000, 5200000, 100).sample(TinyGeoTiff.Sample.INT16)
                .write(dir.resolve("mask.tif"));
        CliRun r = CliRun.igm("run", parameters("""
                geotiff:
                  topg: bed.tif
                  thk: thk.tif
                  icemask: mask.tif""").toString(), "--no-progress", "--set", "time.end=2001");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("bed.tif") && r.stdout().contains("initial volume 0.0350 km³"), r.stdout());
    }
}
