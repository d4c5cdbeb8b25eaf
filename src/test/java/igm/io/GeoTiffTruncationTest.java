package igm.io;

import igm.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GeoTIFF shorter than its directory says (a download cut short) is one error naming the file and the block that is
 * cut, not a decoding failure that advises another compression.
 */
class GeoTiffTruncationTest {

    @TempDir
    Path dir;

    private static double[][] image() {
        double[][] rows = new double[12][10];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = 2000 + 10 * r + c;
            }
        }
        return rows;
    }

    private void assertTruncated(TinyGeoTiff tiff, String name) throws IOException {
        Path whole = tiff.write(dir.resolve(name));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut-" + name);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
        InputException e = assertThrows(InputException.class, () -> GeoTiffRaster.read(cut, "topg"));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("GeoTIFF " + cut + " (topg) is truncated: it has " + (bytes.length - 5)
                + " bytes but its directory places") && e.getMessage().contains("copy or download it again"),
                e.getMessage());
    }

    @Test
    void aCutUncompressedStripIsReportedAsTruncation() throws IOException {
        assertTruncated(TinyGeoTiff.projected(image(), 32632, 600000, 5200000, 100), "plain.tif");
    }

    @Test
    void aCutDeflateTileIsReportedAsTruncation() throws IOException {
        assertTruncated(TinyGeoTiff.projected(image(), 32632, 600000, 5200000, 100).compression(TinyGeoTiff.DEFLATE)
                .tiled(), "tiled.tif");
    }
}
