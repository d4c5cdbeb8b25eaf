package igm.physics.iceflow.blatter;

import igm.InputException;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;
import igm.physics.PhysicalConstants;
import igm.physics.iceflow.SlidingLaw;
import igm.physics.iceflow.WeertmanSliding;

/**
 * One Blatter–Pattyn problem: the geometry, Glen's rate factor and the basal sliding law on a grid, with lateral
 * boundaries either periodic or open.
 *
 * <p>The ice of column (i, j) lies between b + t_x·x + t_y·y and b + t_x·x + t_y·y + H, with b = {@code bed}, H =
 * {@code thickness} and the tilt (t_x, t_y) of an inclined plane, so that periodic benchmarks (ISMIP-HOM) can put a
 * periodic bed and thickness on a sloping plane: the tilt enters only through differences within an element, so a
 * periodic domain stays periodic. Without a tilt, {@code bed} is the bed elevation.
 *
 * <p>Lateral boundaries: with {@code periodic}, column nx − 1 is joined to column 0 and row ny − 1 to row 0 by
 * elements (the domain is nx·Δx by ny·Δx); otherwise the grid's edges are stress-free. Columns without ice (H not
 * above {@link #MIN_ICE_THICKNESS}) have zero velocity in either case. An axis with a single grid point is an
 * invariant direction (a flowline): its one element joins the point to itself, so that derivatives along it vanish
 * (plane strain, width Δx), and a tilt along it is ignored.
 *
 * @param grid       the grid (its nodes are the cell centres)
 * @param bed        b per grid point, m (on the tilted plane when a tilt is given)
 * @param thickness  H per grid point, m, ≥ 0
 * @param rateFactor Glen's A per grid point, MPa⁻³ a⁻¹, &gt; 0 where there is ice (constant over the column)
 * @param sliding    the basal sliding law (per grid point; no slip where {@link SlidingLaw#noSlip})
 * @param periodic   periodic lateral boundaries
 * @param tiltX      t_x, the slope of the plane along x (m/m); 0 for a plain bed
 * @param tiltY      t_y, the slope of the plane along y (m/m)
 */
public record BlatterProblem(Grid2D grid, double[] bed, double[] thickness, double[] rateFactor, SlidingLaw sliding,
                             boolean periodic, double tiltX, double tiltY) {

    /**
     * Columns not thicker than this, m, count as ice-free: zero velocity, no unknowns. Mass transport leaves films
     * down to 1e-90 m at the margins. The vertical stiffness of such a column, ~ η/(H Δζ), dwarfs everything that
     * couples it sideways or to the bed: on Aletsch, counting every H &gt; 0 as ice gave non-finite column solves
     * within five time steps (a threshold of 1e-12 m was still enough there). A millimetre leaves a wide
     * margin and moves no measurable ice (the flux H·|u| is under 1e-3 m² a⁻¹ at 1 km a⁻¹).
     */
    public static final double MIN_ICE_THICKNESS = 1e-3;

    /**
     * @throws InputException when an array has the wrong length, a value is not finite, a thickness is negative or a
     *                        rate factor under ice is not positive
     */
    public BlatterProblem {
        int n = grid.size();
        check("bed", bed, n);
        check("thickness", thickness, n);
        check("rateFactor", rateFactor, n);
        if (sliding == null) {
            throw new InputException("Blatter–Pattyn problem needs a sliding law, got null");
        }
        if (!Double.isFinite(tiltX) || !Double.isFinite(tiltY)) {
            throw new InputException("plane tilt must be finite, got (" + tiltX + ", " + tiltY + ")");
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(bed[k])) {
                throw new InputException("bed elevation at grid point " + k + " must be finite, got " + bed[k]);
            }
            if (!(thickness[k] >= 0) || !Double.isFinite(thickness[k])) {
                throw new InputException("ice thickness at grid point " + k + " must be finite and ≥ 0, got "
                        + thickness[k] + " m");
            }
            if (thickness[k] > 0 && (!(rateFactor[k] > 0) || !Double.isFinite(rateFactor[k]))) {
                throw new InputException("rate factor at grid point " + k + " must be finite and positive under ice,"
                        + " got " + rateFactor[k] + " MPa⁻³ a⁻¹");
            }
        }
    }

    /**
     * The size of this problem's minimum energy per unit area estimated from the shallow-ice velocity, MPa m a⁻¹: a
     * scale that makes the energies of different glaciers comparable. The energy (Glen's law and Weertman sliding,
     * both of degree 1 + 1/n in the velocity, minus the work of the driving stress, of degree 1) has its minimum at
     * E_min = −W/(n + 1), W = Σ τ_d·ū Δx² the work of the driving stress τ_d = ρ g H ∇s at the solution; the scale is
     * that W/(n + 1) per unit area with ū the shallow-ice speed 2A/(n + 2)·τ_d^n·H plus Weertman's 1000·c·τ_d³ (no
     * sliding under another law), the slope that of {@link #surfaceSlope}. Zero for a glacier that does not move
     * (no ice or a flat surface).
     */
    public double shallowIceEnergyScale() {
        int n = grid.size();
        double[] speed = shallowIceSpeed();
        double[][] slope = surfaceSlope();
        int glen = PhysicalConstants.GLEN_EXPONENT;
        double work = 0;
        for (int k = 0; k < n; k++) {
            if (speed[k] > 0) {
                double tau = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * thickness[k]
                        * Math.hypot(slope[0][k], slope[1][k]);
                work += tau * speed[k];
            }
        }
        return work / n / (glen + 1);
    }

    /**
     * The shallow-ice depth-averaged speed per grid point, m a⁻¹: 2A/(n + 2)·τ_d^n·H with τ_d = ρ g H |∇s| (the slope
     * of {@link #surfaceSlope}), plus Weertman's sliding 1000·c·τ_d³ where c &gt; 0 (no sliding under another law); 0
     * where there is no ice ({@link #MIN_ICE_THICKNESS}). The velocity points down the surface slope.
     */
    public double[] shallowIceSpeed() {
        return sum(columnSpeeds(false));
    }

    /**
     * The first-order (Blatter–Pattyn) speed of a parallel-sided slab with each grid point's thickness and surface
     * slope, m a⁻¹: the exact depth average 2A/(n + 2)·τ_d^n·H/(1 + 4t²)² (t = |∇s|, τ_d = ρ g H t; the factor is the
     * first-order stretching of the slope, {@code PhysicsInformedSlabTest}) plus Weertman's sliding 1000·c·τ_d³ where
     * c &gt; 0; 0 where there is no ice. It is the shallow-ice speed ({@link #shallowIceSpeed}) with the deformation
     * slowed on steep slopes: at t = 1 by a factor 25.
     */
    public double[] slabSpeed() {
        return sum(slabSpeedParts());
    }

    /** The two parts of {@link #slabSpeed}: {deformation, sliding} per grid point, m a⁻¹. */
    double[][] slabSpeedParts() {
        return columnSpeeds(true);
    }

    /**
     * {deformation, sliding} speeds per grid point: the shallow-ice deformation, divided by (1 + 4t²)² when
     * {@code firstOrder}, and Weertman's sliding of the driving stress.
     */
    private double[][] columnSpeeds(boolean firstOrder) {
        int n = grid.size();
        double[][] slope = surfaceSlope();
        double[] coefficient = weertmanCoefficient();
        int glen = PhysicalConstants.GLEN_EXPONENT;
        double[] deformation = new double[n];
        double[] sliding = new double[n];
        for (int k = 0; k < n; k++) {
            double h = thickness[k];
            if (!(h > MIN_ICE_THICKNESS)) {
                continue;
            }
            double t = Math.hypot(slope[0][k], slope[1][k]);
            double tau = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * h * t;
            deformation[k] = 2 * rateFactor[k] / (glen + 2) * Math.pow(tau, glen) * h;
            if (firstOrder) {
                double stretch = 1 + 4 * t * t;
                deformation[k] /= stretch * stretch;
            }
            if (coefficient[k] > 0) {
                sliding[k] = 1000 * coefficient[k] * tau * tau * tau;
            }
        }
        return new double[][] {deformation, sliding};
    }

    private static double[] sum(double[][] parts) {
        double[] total = parts[0].clone();
        for (int k = 0; k < total.length; k++) {
            total[k] += parts[1][k];
        }
        return total;
    }

    /**
     * The slope of the ice surface, {ds/dx, ds/dy} per grid point: that of b + H by {@link SurfaceSlope} plus the
     * plane's tilt along each axis with more than one grid point.
     */
    public double[][] surfaceSlope() {
        int n = grid.size();
        double[] surface = new double[n];
        for (int k = 0; k < n; k++) {
            surface[k] = bed[k] + thickness[k];
        }
        double[][] slope = SurfaceSlope.gradient(grid, surface);
        double tx = grid.nx() == 1 ? 0 : tiltX;
        double ty = grid.ny() == 1 ? 0 : tiltY;
        for (int k = 0; k < n; k++) {
            slope[0][k] += tx;
            slope[1][k] += ty;
        }
        return slope;
    }

    /**
     * Weertman's sliding coefficient c per grid point, km MPa⁻³ a⁻¹ (the law's own array, not copied), or zeros under
     * another sliding law.
     */
    public double[] weertmanCoefficient() {
        return sliding instanceof WeertmanSliding w ? w.coefficient() : new double[grid.size()];
    }

    private static void check(String name, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new InputException(name + " must have " + n + " entries (one per grid point), got "
                    + (a == null ? "null" : a.length));
        }
    }
}
