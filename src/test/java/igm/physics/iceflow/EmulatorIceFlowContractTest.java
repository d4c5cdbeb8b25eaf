package igm.physics.iceflow;

import igm.SharedData;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;

/**
 * The {@link IceFlowModelContract} for IGM's f15 emulator (skipped without the shared data).
 *
 * <p><b>The network is not equivariant.</b> On the contract's 24×24 synthetic glacier, rotating the input by 90°
 * or reflecting it changes the emulated velocity by 30–47 % in the contract's mean norm (Σ|difference| / Σ|speed|
 * over the depth-averaged, surface and basal velocities; 26–35 % without the basal one). That is a property of the
 * trained weights, not of the wiring:
 * <ul>
 *   <li>On a uniform slab (constant thickness and surface slope) every cell away from the edge sees a constant
 *       input, so the output there depends only on the input channels (row order, kernel orientation and the
 *       transposition of the kernels cannot matter), and physics gives the same speed for every slope direction.
 *       The emulator's speed varies with the direction of the slope: for H = 300 m, slope 0.1, c = 0 it ranges over
 *       79–120 m a⁻¹ across the 8 directions 0°, 45°, …, 315° (the SIA, exact here: 180 for all), for c = 10 over
 *       164–315 m a⁻¹.
 *       No relabelling or change of sign of the slope and velocity channels can make 8 unequal values equal: the
 *       network itself depends on the direction. Its flow direction is within 14° of straight downhill in every
 *       case ({@link #slabFlowsDownhillInEveryDirection}: a swapped axis or a wrong sign of a slope or velocity
 *       channel would give 90° or more).</li>
 *   <li>The emulator flows the same way as the SIA: the speed-weighted mean angle between their depth-averaged
 *       velocities is 16° on the synthetic glacier and 19° on the Aletsch square below, and stays so on y-reflected
 *       inputs (14° and 19°); and on Aletsch (igm_1880_geology.nc) it is within 10° of the observed surface
 *       velocity, with a speed correlation of 0.88 (SIA: 21°, 0.56).</li>
 *   <li>On a real geometry the asymmetry is smaller but of the same kind: on the bundled Aletsch example cropped
 *       to a 160×160 square ({@link #symmetryGlacier()}), rotation by 90° changes the velocity by 19.9 % and
 *       reflection in x by 22.7 % in the contract's norm (and, on the depth-averaged and surface velocities only:
 *       rotation by 90° 20 %, by 180° 15 %, reflection in x 22 %, in y 16 %, transposition 14 %). So IGM's own 10 % relative-L1 fidelity to the Stokes instructor cannot hold uniformly under
 *       rotation: the instructor is equivariant, so the emulator's error is at least half the asymmetry on one of
 *       the two orientations. On the Aletsch velocity cross-check (igm.verification.AletschVelocityCase), the four
 *       orientations that keep the grid (none, reflection in x, in y, rotation by 180°, each result transformed
 *       back) give mean surface speeds of 96, 105, 81 and 75 m a⁻¹ and errors against the observations (MAE) of 57,
 *       66, 44 and 38 m a⁻¹.</li>
 * </ul>
 * The symmetry tests here therefore run on that Aletsch square and bound the mean-norm difference by
 * {@value #MEASURED_ASYMMETRY_BOUND}: the figures above (measured here, all three velocity pairs included, as
 * printed by the contract) with some margin, a regression guard on the network and its evaluation rather than a
 * symmetry the network has.
 */
class EmulatorIceFlowContractTest extends IceFlowModelContract {

    /** Bound on the mean-norm symmetry difference on the Aletsch square (see the class comment). */
    static final double MEASURED_ASYMMETRY_BOUND = 0.25;

    /** IGM's f15 emulator folder in the shared data, skipping the calling test without it. */
    static Path folder() {
        Path folder = SharedData.f15EmulatorFolder();
        Assumptions.assumeTrue(folder != null, "IGM's f15 emulator not found in ../shared/data: skipped");
        return folder;
    }

    @Override
    protected IceFlowModel model() {
        return EmulatorIceFlow.load(folder(), DX, 1);
    }

    @Override
    protected double symmetryTolerance() {
        return MEASURED_ASYMMETRY_BOUND;
    }

    @Override
    protected boolean symmetryInMeanNorm() {
        return true;
    }

    /**
     * The bundled example (examples/aletsch/aletsch.nc, 160×225 cells of 100 m) cropped to the square of rows
     * 32–191, A = 78 MPa⁻³ a⁻¹, no sliding.
     */
    @Override
    protected IceFlowInput symmetryGlacier() {
        GriddedInput aletsch = GriddedInputReader.read(Path.of("examples", "aletsch", "aletsch.nc"));
        Grid2D g = aletsch.grid();
        int m = Math.min(g.nx(), g.ny());
        int i0 = (g.nx() - m) / 2;
        int j0 = (g.ny() - m) / 2;
        Grid2D square = Grid2D.of(m, m, g.dx());
        double[] h = new double[m * m];
        double[] s = new double[m * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                h[j * m + i] = aletsch.thickness()[g.index(i0 + i, j0 + j)];
                s[j * m + i] = aletsch.surface()[g.index(i0 + i, j0 + j)];
            }
        }
        double[] a = new double[m * m];
        Arrays.fill(a, 78);
        return new IceFlowInput(square, h, s, new double[m * m], a);
    }

    /**
     * The emulator flows the way the SIA does: the mean angle between their depth-averaged velocities, weighted by
     * the emulator's speed over the cells where both exceed 1 m a⁻¹, is below 30° on the synthetic glacier, on its
     * reflection in y (rows reversed, v negated by the physics, not by the test) and on the Aletsch square. Measured:
     * 16°, 14°, 19°. A sign error in a slope or velocity channel, or swapped axes, gives about 90° or more.
     */
    @Test
    void flowsTheWayTheSiaDoes() {
        IceFlowInput synthetic = glacier(0.1, 0);
        int n = synthetic.grid().ny();
        Grid2D g = synthetic.grid();
        double[][] reflected = new double[4][g.size()];
        double[][] original = {synthetic.thickness(), synthetic.surface(), synthetic.slidingCoefficient(),
            synthetic.rateFactor()};
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < g.nx(); i++) {
                for (int f = 0; f < 4; f++) {
                    reflected[f][g.index(i, n - 1 - j)] = original[f][g.index(i, j)];
                }
            }
        }
        IceFlowInput yReflected = new IceFlowInput(g, reflected[0], reflected[1], reflected[2], reflected[3]);
        try (EmulatorIceFlow emulator = EmulatorIceFlow.load(folder(), DX, 1)) {
            for (IceFlowInput in : new IceFlowInput[] {synthetic, yReflected, symmetryGlacier()}) {
                IceFlowResult e = emulator.solve(in);
                IceFlowResult s = new ShallowIceFlow().solve(in);
                double angleSum = 0;
                double weight = 0;
                for (int k = 0; k < in.grid().size(); k++) {
                    double se = Math.hypot(e.ubar()[k], e.vbar()[k]);
                    double ss = Math.hypot(s.ubar()[k], s.vbar()[k]);
                    if (se > 1 && ss > 1) {
                        double cos = (e.ubar()[k] * s.ubar()[k] + e.vbar()[k] * s.vbar()[k]) / (se * ss);
                        angleSum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos)))) * se;
                        weight += se;
                    }
                }
                double meanAngle = angleSum / weight;
                System.out.printf("emulator vs SIA on %d×%d cells: mean angle %.1f°%n", in.grid().nx(),
                        in.grid().ny(), meanAngle);
                assertTrue(weight > 0 && meanAngle < 30, "mean angle between emulator and SIA " + meanAngle + "°");
            }
        }
    }

    /**
     * A slab 300 m thick with a surface slope of 0.1 in 8 directions (41×41 cells): the depth-averaged velocity at
     * the centre points downhill within 20° (measured: at most 9° without sliding, 14° with c = 10), which a swapped
     * axis or a wrong sign of a slope or velocity channel would break by 90° or more. The speed is not asserted: without
     * sliding the SIA is exact for an infinite slab up to O(slope²) (180 m a⁻¹) and the emulator gives 79–120 m a⁻¹
     * depending on the direction of the slope (for a 100 m slab 1.6–3.1 against 2.2; with c = 10, 164–315 against
     * the SIA's 372).
     */
    @Test
    void slabFlowsDownhillInEveryDirection() {
        int m = 41;
        Grid2D g = Grid2D.of(m, m, DX);
        int centre = g.index(m / 2, m / 2);
        try (EmulatorIceFlow emulator = EmulatorIceFlow.load(folder(), DX, 1)) {
            for (double c : new double[] {0, 10}) {
                for (int direction = 0; direction < 360; direction += 45) {
                    double sx = 0.1 * Math.cos(Math.toRadians(direction));
                    double sy = 0.1 * Math.sin(Math.toRadians(direction));
                    double[] h = new double[g.size()];
                    double[] s = new double[g.size()];
                    double[] sliding = new double[g.size()];
                    double[] a = new double[g.size()];
                    for (int j = 0; j < m; j++) {
                        for (int i = 0; i < m; i++) {
                            int k = g.index(i, j);
                            h[k] = 300;
                            s[k] = 3000 + sx * g.x(i) + sy * g.y(j);
                            sliding[k] = c;
                            a[k] = 78;
                        }
                    }
                    IceFlowInput in = new IceFlowInput(g, h, s, sliding, a);
                    IceFlowResult r = emulator.solve(in);
                    IceFlowResult sia = new ShallowIceFlow().solve(in);
                    double u = r.ubar()[centre];
                    double v = r.vbar()[centre];
                    double speed = Math.hypot(u, v);
                    double siaSpeed = Math.hypot(sia.ubar()[centre], sia.vbar()[centre]);
                    double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1,
                            -(u * sx + v * sy) / (speed * 0.1)))));
                    String at = " for slope direction " + direction + "°, c = " + c;
                    assertTrue(angle <= 20, "flow " + angle + "° from downhill" + at);
                    System.out.printf("slab, slope direction %3d°, c = %2.0f: emulator %.1f m/a, %.1f° from downhill;"
                            + " SIA (exact) %.1f m/a%n", direction, c, speed, angle, siaSpeed);
                }
            }
        }
    }

    /**
     * A network has no exact zero: on a flat slab reaching the domain edge (where the convolutions' zero padding sees
     * a cliff) f15 gives up to 5.8 m/a. The bound is 1 % of the network's output scale (1000 m/a in fieldout.dat),
     * far below its fidelity (10 % relative L1).
     */
    @Override
    protected double flatSlabTolerance() {
        return 10;
    }
}
