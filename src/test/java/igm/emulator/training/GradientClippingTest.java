package igm.emulator.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void scalesToTheBoundOnlyAboveIt() {
        float[] gradient = {3, 0, -4};
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(gradient, 10), 0.0);
        assertArrayEquals(new float[] {3, 0, -4}, gradient, "untouched below the bound");
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(gradient, 5), 0.0);
        assertArrayEquals(new float[] {3, 0, -4}, gradient, "untouched at the bound");
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(gradient, 1), 0.0);
        assertArrayEquals(new float[] {0.6f, 0, -0.8f}, gradient, 1e-7f);
        assertEquals(1.0, GradientClipping.norm(gradient), 1e-7);
    }

    @Test
    void leavesNonFiniteGradientsForTheCallerToStop() {
        float[] gradient = {Float.NaN, 1};
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(gradient, 1)));
        assertEquals(1f, gradient[1]);
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(gradient, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipByGlobalNorm(gradient, Double.POSITIVE_INFINITY));
    }
}
