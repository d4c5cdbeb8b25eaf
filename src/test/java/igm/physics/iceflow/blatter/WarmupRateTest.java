package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The warm-up's learning rate rises linearly over the first tenth of its iterations, then holds. */
class WarmupRateTest {

    @Test
    void risesOverTheFirstTenthThenHolds() {
        assertEquals(1e-4, PhysicsInformedTrainer.warmupRate(1e-3, 0, 100), 1e-18);
        assertEquals(5e-4, PhysicsInformedTrainer.warmupRate(1e-3, 4, 100), 1e-18);
        assertEquals(1e-3, PhysicsInformedTrainer.warmupRate(1e-3, 9, 100), 0);
        assertEquals(1e-3, PhysicsInformedTrainer.warmupRate(1e-3, 99, 100), 0);
        assertEquals(0.5e-3, PhysicsInformedTrainer.warmupRate(1e-3, 9, 200), 1e-18);
        // a warm-up of up to 10 iterations (IGM's default is 1) has no ramp
        assertEquals(1e-3, PhysicsInformedTrainer.warmupRate(1e-3, 0, 1), 0);
        assertEquals(1e-3, PhysicsInformedTrainer.warmupRate(1e-3, 0, 10), 0);
        assertEquals(0.5e-3, PhysicsInformedTrainer.warmupRate(1e-3, 0, 11), 1e-18);
    }
}
