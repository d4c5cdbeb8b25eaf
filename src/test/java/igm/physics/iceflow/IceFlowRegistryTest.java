package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.ModelRegistryChecks;

/**
 * The registered ice-flow models: their names are the values of {@code iceflow.method}; the keys they declare are
 * registered parameters, and every model key is declared; every instructor builds and solves a small glacier.
 */
class IceFlowRegistryTest {

    @Test
    void theModelsAreTheMethodChoicesAndDeclareTheirKeys() {
        ModelRegistryChecks.assertWellFormed(IceFlowRegistry.models(), "iceflow",
                Set.of("iceflow.method", "iceflow.rate_factor", "iceflow.sliding_coefficient"));
    }

    @Test
    void theInstructorsAreTheModelsBesidesTheEmulator() {
        assertEquals(List.of("sia", "ssa", "hybrid", "blatter"), IceFlowRegistry.instructorNames());
        assertTrue(IceFlowRegistry.isInstructor("blatter"));
        assertFalse(IceFlowRegistry.isInstructor("emulator"));
        assertFalse(IceFlowRegistry.isInstructor("stokes"));
        assertEquals(List.of("iceflow.emulator"), IceFlowRegistry.models().named("emulator").fileKeys());
    }

    @Test
    void everyInstructorInstructsAndRuns() {
        IceFlowInput glacier = glacier();
        for (String name : IceFlowRegistry.instructorNames()) {
            Parameters p = ParameterFile.load(null, List.of("iceflow.method=" + name, "iceflow.threads=1"));
            InstructorProvider provider = assertInstanceOf(InstructorProvider.class,
                    IceFlowRegistry.models().named(name));
            assertFalse(provider.lagged(p), name);
            for (IceFlowModel model : List.of(provider.instructor(p, 1, true), provider.instructor(p, 1, false),
                    provider.create(p, glacier.grid()))) {
                assertEquals(name, model.name());
                assertFlows(name, glacier, model.solve(glacier));
            }
        }
    }

    @Test
    void theLaggedModelsAreLaggedOnlyWhenAnUpdateThicknessIsGiven() {
        Parameters hybrid = ParameterFile.load(null, List.of("iceflow.method=hybrid",
                "iceflow.hybrid_ssa_update=2"));
        Parameters blatter = ParameterFile.load(null, List.of("iceflow.method=blatter", "iceflow.blatter_update=2",
                "iceflow.threads=1"));
        assertTrue(((InstructorProvider) IceFlowRegistry.models().named("hybrid")).lagged(hybrid));
        assertTrue(((InstructorProvider) IceFlowRegistry.models().named("blatter")).lagged(blatter));
        InstructorProvider provider = (InstructorProvider) IceFlowRegistry.models().named("blatter");
        assertInstanceOf(LaggedIceFlow.class, provider.create(blatter, glacier().grid()));
        assertInstanceOf(LaggedIceFlow.class, provider.instructor(blatter, 1, false));
        assertInstanceOf(BlatterPattynFlow.class, provider.instructor(blatter, 1, true));
    }

    private static void assertFlows(String name, IceFlowInput in, IceFlowResult r) {
        double max = 0;
        for (int k = 0; k < in.grid().size(); k++) {
            assertTrue(Double.isFinite(r.ubar()[k]) && Double.isFinite(r.vbar()[k]), name + ": finite at " + k);
            max = Math.max(max, Math.hypot(r.ubar()[k], r.vbar()[k]));
        }
        assertTrue(max > 1, name + ": the glacier flows (max |ū| = " + max + " m/a)");
    }

    /** A small cap of ice on a bed sloping to the east, with sliding. */
    private static IceFlowInput glacier() {
        int n = 12;
        Grid2D grid = Grid2D.of(n, n, 100);
        double[] h = new double[grid.size()];
        double[] s = new double[grid.size()];
        double[] c = new double[grid.size()];
        double[] a = new double[grid.size()];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int k = grid.index(i, j);
                double r2 = (Math.pow(i - 5.5, 2) + Math.pow(j - 5.5, 2)) / 16.0;
                h[k] = r2 < 1 ? 150 * Math.sqrt(1 - r2) : 0;
                s[k] = 2500 + 0.1 * grid.x(i) + h[k];
                c[k] = 5;
                a[k] = 78;
            }
        }
        return new IceFlowInput(grid, h, s, c, a);
    }
}
