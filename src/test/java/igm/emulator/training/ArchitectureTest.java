package igm.emulator.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void countsParametersAndFlopsOfThePaperNetwork() {
        Architecture architecture = Architecture.of(5, 6, 16, 32, 3);
        // 3·3·5·32 + 32, then 15 × (3·3·32·32 + 32), then 32·6 + 6
        assertEquals(1472 + 15 * 9248 + 198, architecture.parameterCount());
        assertEquals(2L * (9 * 5 * 32 + 15 * 9 * 32 * 32 + 32 * 6), architecture.flopsPerCell());
        assertEquals("16×32 3×3 (5→6), 140,390 parameters", architecture.describe());
        assertEquals(16, architecture.receptiveRadius());
        assertEquals(0.01, architecture.leakyAlpha());
        assertEquals(17, architecture.convolutionCount());
        assertEquals(0, architecture.kernelOffset(0));
        assertEquals(1440, architecture.biasOffset(0));
        assertEquals(1472, architecture.kernelOffset(1));
        assertEquals(1472 + 15 * 9248, architecture.kernelOffset(16));
        assertEquals(1, architecture.kernelSize(16));
        assertEquals(6, architecture.outChannels(16));
        assertEquals(architecture.parameterCount(), architecture.biasOffset(16) + 6);
    }

    @Test
    void rejectsInvalidShapes() {
        assertThrows(IllegalArgumentException.class, () -> Architecture.of(0, 6, 16, 32, 3));
        assertThrows(IllegalArgumentException.class, () -> Architecture.of(5, 0, 16, 32, 3));
        assertThrows(IllegalArgumentException.class, () -> Architecture.of(5, 6, 0, 32, 3));
        assertThrows(IllegalArgumentException.class, () -> Architecture.of(5, 6, 16, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Architecture.of(5, 6, 16, 32, 4));
        assertThrows(IllegalArgumentException.class, () -> new Architecture(5, 6, 16, 32, 3, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Architecture(5, 6, 16, 32, 3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Architecture.of(5, 6, 100000, 4096, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Architecture.of(5, 6, 2, 4, 3).kernelSize(3));
    }
}
