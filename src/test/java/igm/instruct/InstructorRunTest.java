package igm.instruct;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.InstructorRunData;
import igm.io.InstructorSnapshotReader;
import igm.io.InstructorSnapshotWriter;
import igm.operator.SurfaceSlope;
import igm.physics.iceflow.HybridIceFlow;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.iceflow.ShallowShelfFlow;
import igm.physics.massbalance.TimeTable;
import igm.simulation.RunawayCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One instructor run on a tiny valley with the SIA: schedule, snapshots, their consistency and the file. */
class InstructorRunTest {

    /** 10 years of advance, 10 of retreat, snapshots every 2 years. */
    static final InstructorSchedule SHORT = new InstructorSchedule(10, 10, 0.2, 0.9, 0.005, 0.009, 2.0, 1, 2);

    private static Valley valley;
    private static InstructorRun run;
    private static InstructorRunOutput output;

    @BeforeAll
    static void runOnce() {
        valley = SyntheticValley.random(7, 1, 24, 32, 200).toValley();
        run = new InstructorRun("synthetic-001-c12", valley, 12, 78, SHORT,
                new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, 1), null, 0.3, 1.0,
                Map.of("seed", "7"), RunawayCheck.Limits.defaults());
        output = run.execute();
    }

    @Test
    void theElaIsAtTheBedQuantilesThenRisesLinearly() {
        double[] bed = valley.bed();
        TimeTable t = run.elaTable();
        double low = t.value("ela", 0);
        double high = t.value("ela", 20);
        assertEquals(low, t.value("ela", 5));
        assertEquals(low, t.value("ela", 10));
        assertEquals(0.5 * (low + high), t.value("ela", 15), 1e-9);
        assertEquals(high, t.value("ela", 30), "held after the end");
        assertEquals(fractionBelow(bed, low), 0.2, 1.0 / bed.length);
        assertEquals(fractionBelow(bed, high), 0.9, 1.0 / bed.length);
        assertEquals(0.005, t.value("gradacc", 12));
        assertEquals(0.009, t.value("gradabl", 12));
        assertEquals(2.0, t.value("maxacc", 12));
    }

    private static double fractionBelow(double[] values, double level) {
        int below = 0;
        for (double v : values) {
            if (v < level) {
                below++;
            }
        }
        return (double) below / values.length;
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(1.8, InstructorSchedule.quantile(v, 0.2), 1e-12);
        assertEquals(4.6, InstructorSchedule.quantile(v, 0.9), 1e-12);
        assertEquals(1, InstructorSchedule.quantile(v, 0));
        assertEquals(5, InstructorSchedule.quantile(v, 1));
        assertArrayEquals(new double[] {5, 1, 4, 2, 3}, v, "input untouched");
    }

    @Test
    void badSchedulesAreRejected() {
        assertThrows(InputException.class, () -> new InstructorSchedule(10, 10, 0.9, 0.2, 0.005, 0.009, 2, 1, 2));
        assertThrows(InputException.class, () -> new InstructorSchedule(10, 10, 0.2, 1.5, 0.005, 0.009, 2, 1, 2));
        assertThrows(InputException.class, () -> new InstructorSchedule(0, 0, 0.2, 0.9, 0.005, 0.009, 2, 1, 2));
        assertThrows(InputException.class, () -> new InstructorSchedule(10, 10, 0.2, 0.9, 0.005, 0.009, 2, 1, 0));
    }

    @Test
    void snapshotsEveryTwoYearsWithIceGrowingThenShrinking() {
        double[] times = output.times();
        assertEquals(10, times.length);
        for (int k = 0; k < times.length; k++) {
            assertEquals(2.0 * (k + 1), times[k], 1e-9, "year 0 is ice-free and left out");
        }
        double[] volume = new double[times.length];
        int largest = 0;
        for (int k = 0; k < times.length; k++) {
            float[] h = output.fields().get("thk")[k];
            double max = 0;
            for (float v : h) {
                volume[k] += v * valley.grid().cellArea();
                max = Math.max(max, v);
            }
            assertTrue(max > 1, "snapshot " + k + " has ice");
            if (volume[k] > volume[largest]) {
                largest = k;
            }
        }
        assertTrue(times[largest] > 10 && times[largest] < 20, "largest volume at " + times[largest]);
        for (int k = 1; k <= largest; k++) {
            assertTrue(volume[k] > volume[k - 1], "growing at " + times[k]);
        }
        for (int k = largest + 1; k < times.length; k++) {
            assertTrue(volume[k] < volume[k - 1], "shrinking at " + times[k]);
        }
        assertTrue(output.maxVolume() >= volume[largest] * (1 - 1e-6));
        assertTrue(output.accumulatedVolume() > output.maxVolume());
        assertEquals(Double.toString(output.maxVolume()), output.metadata().get("ice_volume_max_m3"));
        assertEquals("10", output.metadata().get("snapshots"));
        assertEquals("7", output.metadata().get("seed"));
    }

    @Test
    void storedSlopesAreTheGradientOfTheStoredSurface() {
        Grid2D g = valley.grid();
        for (int k = 0; k < output.snapshots(); k++) {
            float[] s = output.fields().get("usurf")[k];
            double[] surface = new double[s.length];
            for (int c = 0; c < s.length; c++) {
                surface[c] = s[c];
            }
            double[][] slope = SurfaceSlope.gradient(g, surface);
            for (int c = 0; c < s.length; c++) {
                assertEquals((float) slope[0][c], output.fields().get("slopsurfx")[k][c]);
                assertEquals((float) slope[1][c], output.fields().get("slopsurfy")[k][c]);
            }
            float[] h = output.fields().get("thk")[k];
            float[] b = output.fields().get("topg")[k];
            for (int c = 0; c < s.length; c++) {
                assertEquals(b[c] + h[c], s[c], 1e-3f, "usurf = topg + thk");
                assertEquals(12f, output.fields().get("slidingco")[k][c]);
                assertEquals(78f, output.fields().get("arrhenius")[k][c]);
            }
        }
    }

    @Test
    void storedVelocitiesAreTheInstructorsAnswerForTheStoredState() {
        int k = 6;
        Grid2D g = valley.grid();
        IceFlowResult again = new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, 1)
                .solve(storedInput(output.fields(), k, g));
        double scale = maxAbs(again.ubar(), again.vbar());
        assertTrue(scale > 1, "the glacier flows: " + scale + " m/a");
        // float32 storage of thickness and surface changes the SIA velocity by ~1e-6 of its scale
        double tolerance = 1e-5 * scale;
        Map<String, double[]> expected = Map.of("ubar", again.ubar(), "vbar", again.vbar(), "uvelsurf",
                again.uSurface(), "vvelsurf", again.vSurface(), "uvelbase", again.uBase(), "vvelbase", again.vBase());
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            float[] stored = output.fields().get(e.getKey())[k];
            for (int c = 0; c < stored.length; c++) {
                assertEquals(e.getValue()[c], stored[c], tolerance, e.getKey() + " at cell " + c);
            }
        }
        // the neighbouring snapshot is a different state: the check can tell snapshots apart
        IceFlowResult next = new ShallowIceFlow(ShallowIceFlow.DEFAULT_SAFETY_FACTOR, 1)
                .solve(storedInput(output.fields(), k + 1, g));
        double difference = 0;
        for (int c = 0; c < g.size(); c++) {
            difference = Math.max(difference, Math.abs(next.ubar()[c] - output.fields().get("ubar")[k][c]));
        }
        assertTrue(difference > 100 * tolerance, "snapshots differ by " + difference);
    }

    private static IceFlowInput storedInput(Map<String, float[][]> fields, int k, Grid2D g) {
        return new IceFlowInput(g, toDouble(fields.get("thk")[k]), toDouble(fields.get("usurf")[k]),
                toDouble(fields.get("slidingco")[k]), toDouble(fields.get("arrhenius")[k]));
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int c = 0; c < values.length; c++) {
            out[c] = values[c];
        }
        return out;
    }

    private static double maxAbs(double[]... arrays) {
        double m = 0;
        for (double[] a : arrays) {
            for (double v : a) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    @Test
    void theFileReadsBackAsWritten(@TempDir Path dir) {
        Path file = dir.resolve("run.nc");
        output.write(file);
        InstructorRunData data = InstructorSnapshotReader.read(file);
        assertEquals(valley.grid(), data.grid());
        assertArrayEquals(output.times(), data.times());
        assertEquals(InstructorSnapshotWriter.FIELD_NAMES, java.util.List.copyOf(data.fields().keySet()));
        for (String name : InstructorSnapshotWriter.FIELD_NAMES) {
            for (int k = 0; k < output.snapshots(); k++) {
                assertArrayEquals(toDouble(output.fields().get(name)[k]), data.field(name, k), name);
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Conventions", "CF-1.8");
        expected.putAll(output.metadata());
        assertEquals(expected, data.metadata());
        assertEquals(expected, InstructorSnapshotReader.readMetadata(file));
    }

    @Test
    void aLaggedHybridTakesSnapshotVelocitiesFromAnUnlaggedSolve() {
        Valley small = SyntheticValley.random(7, 0, 16, 24, 200).toValley();
        InstructorSchedule schedule = new InstructorSchedule(4, 4, 0.2, 0.9, 0.005, 0.009, 2.0, 1, 4);
        // with a 50 m threshold the time loop never re-solves the SSA of its ice-free start: no sliding at all
        InstructorRunOutput withSnapshotSolve = laggedHybridRun(small, schedule, true);
        InstructorRunOutput timeLoopOnly = laggedHybridRun(small, schedule, false);
        assertEquals(2, withSnapshotSolve.snapshots());
        int k = 1;
        IceFlowResult fresh = new HybridIceFlow(new ShallowIceFlow(0.5, 1), new ShallowShelfFlow(), 0)
                .solve(storedInput(withSnapshotSolve.fields(), k, small.grid()));
        double scale = maxAbs(fresh.uBase(), fresh.vBase());
        assertTrue(scale > 1, "the glacier slides: " + scale + " m/a");
        for (int c = 0; c < small.grid().size(); c++) {
            // the SSA solves to a relative tolerance of 1e-5, from a cold start here
            assertEquals(fresh.uBase()[c], withSnapshotSolve.fields().get("uvelbase")[k][c], 1e-4 * scale);
            assertEquals(fresh.vBase()[c], withSnapshotSolve.fields().get("vvelbase")[k][c], 1e-4 * scale);
        }
        assertEquals(0, maxAbs(toDouble(timeLoopOnly.fields().get("uvelbase")[k]),
                toDouble(timeLoopOnly.fields().get("vvelbase")[k])), "the time loop's own velocity is lagged");
        assertTrue(withSnapshotSolve.metadata().get("snapshot_velocities").contains("separate hybrid solve"));
    }

    private static InstructorRunOutput laggedHybridRun(Valley v, InstructorSchedule schedule, boolean snapshotSolve) {
        return new InstructorRun("hybrid", v, 25, 78, schedule,
                new HybridIceFlow(new ShallowIceFlow(0.5, 1), new ShallowShelfFlow(), 50.0),
                snapshotSolve ? new HybridIceFlow(new ShallowIceFlow(0.5, 1), new ShallowShelfFlow(), 0) : null,
                0.3, 1.0, Map.of(), RunawayCheck.Limits.defaults()).execute();
    }
}
