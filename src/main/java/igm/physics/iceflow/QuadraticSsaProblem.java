package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.physics.iceflow.ShallowShelfFlow.Boundary;
import igm.solver.BlockStencilMatrix;
import igm.solver.Linearisation;

import java.util.Arrays;

/**
 * One SSA problem of {@link ShallowShelfFlow} (the same equations, energy, units, inputs and boundary options)
 * discretised with biquadratic (Q2) finite elements on the same grid ({@link ShallowShelfFlow.Elements#QUADRATIC}):
 * better than third-order accurate at the grid nodes where the solution is smooth, where the bilinear elements of
 * {@link BilinearSsaProblem} are second-order; selected by {@code iceflow.ssa_elements: quadratic} for the {@code ssa}
 * model.
 *
 * <p><b>Discretisation.</b> Each element is the rectangle between four neighbouring grid nodes (cell centres), as in
 * {@link BilinearSsaProblem}; its nine nodes are those four, the midpoints of its four sides and its centre, so the
 * velocity lives on a lattice of twice the grid's resolution along each axis (about four times the unknowns), and is
 * returned at the grid nodes. The input fields (thickness, driving stress, hardness, sliding-law values, given
 * velocities) are given at the grid nodes; their values at the midpoints come from the four-point cubic interpolation
 * along each axis in turn (weights (−1, 9, 9, −1)/16, one-sided (5, 15, −5, 1)/16 next to a domain edge; the element
 * centres the mean of the two orders, so that the lattice fields rotate with the input), linear where a stencil node is
 * missing or lacks ice (so that the thickness does not overshoot at the ice margin) and where the cubic of a thickness,
 * hardness or sliding-law value would be negative. (Clamping the cubic to the range of its two nodes instead cost the
 * manufactured solution of {@code SsaManufacturedSolutionTest} its third order: it cuts every smooth extremum.) Every
 * term is integrated with 4×4 Gauss points per element, the fields interpolated biquadratically: the viscous
 * dissipation 2Hψ(ε_e²) (B interpolated as the other fields where the element's four grid nodes have ice, else their
 * mean over the ice-covered ones), the load ∫τ_d·u, and the basal drag consistently, P(|u|) of the sliding law at each
 * Gauss point with the law's value interpolated there (Weertman's c kept at least the smallest positive value of the
 * element, so that the drag stays finite next to a no-slip node). With 3×3 points the Newton iterations of Bueler's
 * test I stalled in a prototype; 4×4 converge.
 *
 * <p><b>Boundary conditions.</b> As {@link BilinearSsaProblem}: an element takes part when one of its four grid nodes has
 * ice; a lattice node has zero velocity when one of the grid nodes it lies between (one for a grid node, two for a side
 * midpoint, four for an element centre) has no ice or no slip; it has a given velocity when all of them are given
 * ({@link Boundary#dirichlet}), interpolated as the fields; otherwise it is unknown. Periodic along x as the bilinear
 * elements.
 *
 * <p><b>Linearisations.</b> As {@link BilinearSsaProblem}: the initial one at the strain rate {@value
 * ShallowShelfFlow#COLD_STRAIN_RATE} a⁻¹ and the sliding speed {@value ShallowShelfFlow#COLD_SPEED} m a⁻¹, Picard, and
 * Newton (the full Hessian, but plastic till keeps its secant drag), each on the 5×5 lattice neighbourhood of every
 * node ({@link BlockStencilMatrix}); the solver's stopping rule then measures the relative velocity change over the
 * unknown lattice nodes. Vectors interleave u and v per lattice node. The matrix–vector products are single-threaded
 * (the solver's thread count is not used).
 *
 * <p>Measured on Bueler's test I on PISM's grid ({@code SsaTestICase}): max / mean errors 1.324 / 0.0627 m a⁻¹ on 61
 * nodes across and 0.0627 / 0.0049 on 121, where the bilinear elements reach 5.831 / 0.280 and 1.144 / 0.0593, and
 * PISM's finite differences 4.742 / 0.404 and 1.391 / 0.105. The price: on the example's Aletsch grid coarsened to 400
 * m (ssa, c = 1, one year) the run takes about 5 times as long as with the bilinear elements (2.2–2.8 against
 * 12.1–12.8 model years per second over four runs of each).
 */
final class QuadraticSsaProblem implements SsaProblem {

    /** Gauss points per element (4 × 4). */
    static final int POINTS = 16;
    /** Nodes per element (3 × 3): local node {@code a = ax + 3·ay}, ax, ay ∈ {0, 1, 2} along x and y. */
    static final int NODES = 9;

    /** Gauss weight of point q on the unit square. */
    private static final double[] WEIGHT = new double[POINTS];
    /** Shape function N_a at Gauss point q: {@code [9q + a]}. */
    private static final double[] SHAPE = new double[POINTS * NODES];
    /** ∂N_a/∂ξ and ∂N_a/∂η on the unit square at Gauss point q: {@code [9q + a]}. */
    private static final double[] SHAPE_XI = new double[POINTS * NODES];
    private static final double[] SHAPE_ETA = new double[POINTS * NODES];

    static {
        double inner = Math.sqrt(3.0 / 7 - 2.0 / 7 * Math.sqrt(6.0 / 5));
        double outer = Math.sqrt(3.0 / 7 + 2.0 / 7 * Math.sqrt(6.0 / 5));
        double innerWeight = (18 + Math.sqrt(30)) / 36;
        double outerWeight = (18 - Math.sqrt(30)) / 36;
        double[] abscissa = {0.5 - 0.5 * outer, 0.5 - 0.5 * inner, 0.5 + 0.5 * inner, 0.5 + 0.5 * outer};
        double[] weight = {0.5 * outerWeight, 0.5 * innerWeight, 0.5 * innerWeight, 0.5 * outerWeight};
        for (int q = 0; q < POINTS; q++) {
            double xi = abscissa[q % 4];
            double eta = abscissa[q / 4];
            WEIGHT[q] = weight[q % 4] * weight[q / 4];
            for (int a = 0; a < NODES; a++) {
                int ax = a % 3;
                int ay = a / 3;
                SHAPE[NODES * q + a] = shape(ax, xi) * shape(ay, eta);
                SHAPE_XI[NODES * q + a] = shapeDerivative(ax, xi) * shape(ay, eta);
                SHAPE_ETA[NODES * q + a] = shape(ax, xi) * shapeDerivative(ay, eta);
            }
        }
    }

    /** The 1D quadratic shape function of node 0, 1 or 2 (at t = 0, ½, 1) on [0, 1]. */
    private static double shape(int node, double t) {
        return switch (node) {
            case 0 -> (1 - t) * (1 - 2 * t);
            case 1 -> 4 * t * (1 - t);
            default -> t * (2 * t - 1);
        };
    }

    private static double shapeDerivative(int node, double t) {
        return switch (node) {
            case 0 -> 4 * t - 3;
            case 1 -> 4 - 8 * t;
            default -> 4 * t - 1;
        };
    }

    /**
     * Values at the midpoints of a line of n nodes: {@code out[2i] = values[i]}, {@code out[2i+1]} between nodes i and
     * i+1 (and, periodic, between n−1 and 0), by the cubic of the class comment where the four stencil nodes are
     * {@code usable} (and, when {@code nonNegative}, the cubic is not negative), else the mean of the two.
     * {@code usableOut} (same length as out) says which outputs came from usable nodes only.
     */
    static void refineLine(double[] values, boolean[] usable, int n, boolean periodic, boolean nonNegative,
                           double[] out, boolean[] usableOut) {
        for (int i = 0; i < n; i++) {
            out[2 * i] = values[i];
            usableOut[2 * i] = usable[i];
        }
        int midpoints = periodic ? n : n - 1;
        for (int i = 0; i < midpoints; i++) {
            int next = (i + 1) % n;
            double left = values[i];
            double right = values[next];
            boolean ok = usable[i] && usable[next];
            double value = 0.5 * (left + right);
            if (ok && n >= 4) {
                int first;
                double[] w;
                if (periodic || (i >= 1 && i + 2 < n)) {
                    first = i - 1;
                    w = CENTRED;
                } else if (i == 0) {
                    first = 0;
                    w = ONE_SIDED_LOW;
                } else {
                    first = n - 4;
                    w = ONE_SIDED_HIGH;
                }
                double cubic = 0;
                boolean all = true;
                for (int s = 0; s < 4; s++) {
                    int m = Math.floorMod(first + s, n);
                    all &= usable[m];
                    cubic += w[s] * values[m];
                }
                if (all) {
                    value = nonNegative && cubic < 0 ? value : cubic;
                }
            }
            out[2 * i + 1] = value;
            usableOut[2 * i + 1] = ok;
        }
    }

    private static final double[] CENTRED = {-1.0 / 16, 9.0 / 16, 9.0 / 16, -1.0 / 16};
    /** Midpoint between nodes 0 and 1 from nodes 0–3. */
    private static final double[] ONE_SIDED_LOW = {5.0 / 16, 15.0 / 16, -5.0 / 16, 1.0 / 16};
    /** Midpoint between nodes n−2 and n−1 from nodes n−4 … n−1. */
    private static final double[] ONE_SIDED_HIGH = {1.0 / 16, -5.0 / 16, 15.0 / 16, 5.0 / 16};

    private final int nx;
    private final int ny;
    private final boolean periodic;
    /** Lattice nodes along x and y. */
    private final int mx;
    private final int my;
    private final int elementsX;
    private final int elementsY;
    private final double dx;
    private final double dy;
    private final boolean[] active;
    /** B, H, τ_dx, τ_dy at the Gauss points, {@code [16e + q]}. */
    private final double[] pointHardness;
    private final double[] pointThickness;
    private final double[] pointStressX;
    private final double[] pointStressY;
    /** The sliding law at the Gauss points (point index 16e + q), read where {@link #pointDrag} is true. */
    private final SlidingLaw pointLaw;
    private final boolean[] pointDrag;
    private final boolean plastic;
    /** ε_0 of the viscosity, a⁻¹. */
    private final double strainRateRegularisation;
    /** Given velocities of the lattice nodes (zero where not given), interleaved u, v. */
    private final double[] fixed;
    /** The matrix row of each lattice node, −1 where its velocity is not unknown. */
    private final int[] rowOfLattice;

    private final BlockStencilMatrix matrix;

    /**
     * The problem of the arguments of {@link ShallowShelfFlow#solve(Grid2D, double, double[], double[], double[],
     * double[], SlidingLaw, Boundary)} (already checked), with the viscosity regularisation ε_0 (a⁻¹).
     */
    QuadraticSsaProblem(Grid2D grid, double dy, double[] thickness, double[] tx, double[] ty, double[] hardness,
                        SlidingLaw sliding, Boundary boundary, double strainRateRegularisation) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.dx = grid.dx();
        this.dy = dy;
        this.periodic = boundary.periodicX();
        this.strainRateRegularisation = strainRateRegularisation;
        this.mx = periodic ? 2 * nx : 2 * nx - 1;
        this.my = 2 * ny - 1;
        this.elementsX = periodic ? nx : nx - 1;
        this.elementsY = ny - 1;
        int n = nx * ny;
        int lattice = mx * my;
        boolean[] ice = new boolean[n];
        boolean[] slides = new boolean[n];
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        for (int k = 0; k < n; k++) {
            ice[k] = thickness[k] > 0;
            slides[k] = ice[k] && !sliding.noSlip(k);
        }
        double[] latticeThickness = refine(thickness, ice, true);
        double[] latticeStressX = refine(tx, ice, false);
        double[] latticeStressY = refine(ty, ice, false);
        double[] latticeLaw = refine(ShallowShelfFlow.lawValues(sliding), all, true);
        double[] latticeHardness = refine(hardness, ice, true);
        boolean[] slidingLattice = allDefining(slides);
        fixed = new double[2 * lattice];
        boolean[] givenLattice = boundary.dirichlet() != null ? allDefining(boundary.dirichlet())
                : new boolean[lattice];
        if (boundary.dirichlet() != null) {
            double[] gu = refine(boundary.dirichletU(), boundary.dirichlet(), false);
            double[] gv = refine(boundary.dirichletV(), boundary.dirichlet(), false);
            for (int m = 0; m < lattice; m++) {
                if (givenLattice[m]) {
                    fixed[2 * m] = gu[m];
                    fixed[2 * m + 1] = gv[m];
                }
            }
        }
        int elements = elementsX * elementsY;
        active = new boolean[elements];
        pointHardness = new double[POINTS * elements];
        pointThickness = new double[POINTS * elements];
        pointStressX = new double[POINTS * elements];
        pointStressY = new double[POINTS * elements];
        pointDrag = new boolean[POINTS * elements];
        double[] pointValues = new double[POINTS * elements];
        boolean[] takesPart = new boolean[lattice];
        int[] node = new int[NODES];
        for (int e = 0; e < elements; e++) {
            int ei = e % elementsX;
            int ej = e / elementsX;
            double sum = 0;
            int count = 0;
            for (int c = 0; c < 4; c++) {
                int k = (ej + c / 2) * nx + (ei + c % 2) % nx;
                if (ice[k]) {
                    sum += hardness[k];
                    count++;
                }
            }
            active[e] = count > 0;
            if (!active[e]) {
                continue;
            }
            double meanHardness = sum / count;
            nodes(ei, ej, node);
            double floor = Double.POSITIVE_INFINITY;
            for (int a = 0; a < NODES; a++) {
                takesPart[node[a]] = true;
                if (latticeLaw[node[a]] > 0) {
                    floor = Math.min(floor, latticeLaw[node[a]]);
                }
            }
            for (int q = 0; q < POINTS; q++) {
                double hq = 0;
                double sx = 0;
                double sy = 0;
                double law = 0;
                double b = 0;
                for (int a = 0; a < NODES; a++) {
                    double s = SHAPE[NODES * q + a];
                    b += s * latticeHardness[node[a]];
                    hq += s * latticeThickness[node[a]];
                    sx += s * latticeStressX[node[a]];
                    sy += s * latticeStressY[node[a]];
                    law += s * latticeLaw[node[a]];
                }
                int point = POINTS * e + q;
                pointHardness[point] = count == 4 && b > 0 ? b : meanHardness;
                pointThickness[point] = Math.max(hq, 0);
                pointStressX[point] = sx;
                pointStressY[point] = sy;
                if (sliding instanceof WeertmanSliding) {
                    pointDrag[point] = floor < Double.POSITIVE_INFINITY;
                    pointValues[point] = Math.max(law, pointDrag[point] ? floor : 0);
                } else {
                    pointDrag[point] = true;
                    pointValues[point] = Math.max(law, 0);
                }
            }
        }
        pointLaw = switch (sliding) {
            case WeertmanSliding w -> new WeertmanSliding(pointValues, w.epsilon());
            case LinearSliding l -> new LinearSliding(pointValues);
            case PlasticSliding p -> new PlasticSliding(pointValues, p.epsilon());
        };
        plastic = sliding instanceof PlasticSliding;
        int[] freeList = new int[lattice];
        int nFree = 0;
        for (int m = 0; m < lattice; m++) {
            if (takesPart[m] && slidingLattice[m] && !givenLattice[m]) {
                freeList[nFree++] = m;
            }
        }
        int[] free = Arrays.copyOf(freeList, nFree);
        int[] neighbour = new int[25 * nFree];
        for (int f = 0; f < nFree; f++) {
            int m = free[f];
            int i = m % mx;
            int j = m / mx;
            for (int dj = -2; dj <= 2; dj++) {
                for (int di = -2; di <= 2; di++) {
                    int ii = periodic ? Math.floorMod(i + di, mx) : i + di;
                    int jj = j + dj;
                    boolean inside = ii >= 0 && ii < mx && jj >= 0 && jj < my;
                    neighbour[25 * f + 5 * (dj + 2) + di + 2] = inside ? jj * mx + ii : m;
                }
            }
        }
        matrix = new BlockStencilMatrix(free, neighbour, 25, 1);
        rowOfLattice = new int[lattice];
        Arrays.fill(rowOfLattice, -1);
        for (int f = 0; f < nFree; f++) {
            rowOfLattice[free[f]] = f;
        }
    }

    /**
     * Per lattice node, whether all the grid nodes it lies between (one for a grid node, two for a side midpoint,
     * four for an element centre) are marked.
     */
    private boolean[] allDefining(boolean[] marked) {
        boolean[] out = new boolean[mx * my];
        for (int jj = 0; jj < my; jj++) {
            for (int ii = 0; ii < mx; ii++) {
                boolean all = true;
                for (int j = jj / 2; j <= (jj + 1) / 2; j++) {
                    for (int i = ii / 2; i <= (ii + 1) / 2; i++) {
                        all &= marked[j * nx + i % nx];
                    }
                }
                out[jj * mx + ii] = all;
            }
        }
        return out;
    }

    /**
     * A field of the grid nodes on the lattice ({@link #refineLine} along each axis in turn). The element centres
     * are the mean of the two orders, x then y and y then x, which differ where a stencil falls back to the mean:
     * so a rotated input gives the rotated lattice field.
     */
    private double[] refine(double[] values, boolean[] usable, boolean nonNegative) {
        double[] xFirst = refine(values, usable, nonNegative, true);
        double[] yFirst = refine(values, usable, nonNegative, false);
        for (int m = 0; m < xFirst.length; m++) {
            xFirst[m] = 0.5 * (xFirst[m] + yFirst[m]);
        }
        return xFirst;
    }

    private double[] refine(double[] values, boolean[] usable, boolean nonNegative, boolean xFirst) {
        double[] out = new double[mx * my];
        boolean[] usableOut = new boolean[mx * my];
        int longest = Math.max(mx, my);
        double[] line = new double[longest];
        boolean[] lineUsable = new boolean[longest];
        double[] refined = new double[longest];
        boolean[] refinedUsable = new boolean[longest];
        // first pass: along the first axis on the grid's own lines; second: along the other on every lattice line
        for (int pass = 0; pass < 2; pass++) {
            boolean alongX = (pass == 0) == xFirst;
            int lines = pass == 0 ? (alongX ? ny : nx) : (alongX ? my : mx);
            int nodes = alongX ? nx : ny;
            int lineStep = alongX ? mx : 1;
            int nodeStep = alongX ? 1 : mx;
            int lineScale = pass == 0 ? 2 : 1;
            for (int l = 0; l < lines; l++) {
                int base = l * lineScale * lineStep;
                for (int t = 0; t < nodes; t++) {
                    if (pass == 0) {
                        int k = alongX ? l * nx + t : t * nx + l;
                        line[t] = values[k];
                        lineUsable[t] = usable[k];
                    } else {
                        line[t] = out[base + 2 * t * nodeStep];
                        lineUsable[t] = usableOut[base + 2 * t * nodeStep];
                    }
                }
                refineLine(line, lineUsable, nodes, alongX && periodic, nonNegative, refined, refinedUsable);
                int length = alongX ? mx : my;
                for (int t = 0; t < length; t++) {
                    out[base + t * nodeStep] = refined[t];
                    usableOut[base + t * nodeStep] = refinedUsable[t];
                }
            }
        }
        return out;
    }

    /** The lattice nodes of element (ei, ej), local order a = ax + 3·ay. */
    private void nodes(int ei, int ej, int[] node) {
        for (int a = 0; a < NODES; a++) {
            int i = 2 * ei + a % 3;
            if (i >= mx) {
                i -= mx;
            }
            node[a] = (2 * ej + a / 3) * mx + i;
        }
    }

    /** The lattice index of grid node k. */
    private int latticeOfNode(int k) {
        return 2 * (k / nx) * mx + 2 * (k % nx);
    }

    @Override
    public BlockStencilMatrix matrix() {
        return matrix;
    }

    /** A lattice velocity with the given values at the fixed nodes and zero elsewhere. */
    @Override
    public double[] fixedVelocity() {
        return fixed.clone();
    }

    /** The velocity at the lattice nodes that are grid nodes. */
    @Override
    public void nodeVelocity(double[] x, double[] u, double[] v) {
        for (int k = 0; k < u.length; k++) {
            int lattice = latticeOfNode(k);
            u[k] = x[2 * lattice];
            v[k] = x[2 * lattice + 1];
        }
    }

    /**
     * The discrete energy at the lattice velocity x: the 4×4-point quadrature of 2Hψ(ε_e²) + P(|u|) + τ_d·u over
     * the active elements.
     */
    @Override
    public double energy(double[] x) {
        double eps0Squared = strainRateRegularisation * strainRateRegularisation;
        double area = dx * dy;
        double total = 0;
        int[] node = new int[NODES];
        double[] at = new double[6];
        for (int e = 0; e < active.length; e++) {
            if (!active[e]) {
                continue;
            }
            nodes(e % elementsX, e / elementsX, node);
            for (int q = 0; q < POINTS; q++) {
                int point = POINTS * e + q;
                pointVelocity(x, node, q, at);
                double u = at[0];
                double v = at[1];
                double ux = at[2];
                double uy = at[3];
                double vx = at[4];
                double vy = at[5];
                double exy = 0.5 * (uy + vx);
                double strainSquared = ux * ux + vy * vy + ux * vy + exy * exy;
                double density = 2 * pointThickness[point]
                        * GlenLaw.dissipation(pointHardness[point], strainSquared, eps0Squared)
                        + pointStressX[point] * u + pointStressY[point] * v;
                if (pointDrag[point]) {
                    density += pointLaw.potential(point, Math.hypot(u, v));
                }
                total += WEIGHT[q] * area * density;
            }
        }
        return total;
    }

    /**
     * The gradient of the energy at x into {@code gradient} (free lattice nodes only; others zero) and, when
     * {@code assemble}, the matrix: Picard (viscosity and drag frozen; with {@code cold} at the cold-start strain
     * rate and speed, the gradient then that of the frozen quadratic energy) or Newton (the full Hessian, but the
     * secant drag of plastic till).
     */
    @Override
    public void linearise(double[] x, Linearisation linearisation, double[] rightHandSide) {
        linearise(x, linearisation == Linearisation.INITIAL, linearisation == Linearisation.NEWTON, rightHandSide,
                true);
        for (int k : matrix.free()) {
            rightHandSide[2 * k] = -rightHandSide[2 * k];
            rightHandSide[2 * k + 1] = -rightHandSide[2 * k + 1];
        }
    }

    /**
     * The gradient of the energy at x into {@code gradient} (free lattice nodes only; others zero) and, when
     * {@code assemble}, the matrix: Picard (viscosity and drag frozen; with {@code cold} at the cold-start strain
     * rate and speed, the gradient then that of the frozen quadratic energy) or Newton (the full Hessian, but the
     * secant drag of plastic till).
     */
    void linearise(double[] x, boolean cold, boolean newton, double[] gradient, boolean assemble) {
        double eps0Squared = strainRateRegularisation * strainRateRegularisation;
        double area = dx * dy;
        Arrays.fill(gradient, 0);
        if (assemble) {
            Arrays.fill(matrix.coefficients(), 0);
        }
        int[] node = new int[NODES];
        double[] gx = new double[NODES];
        double[] gy = new double[NODES];
        double[] du = new double[NODES];
        double[] dv = new double[NODES];
        double[] at = new double[6];
        for (int e = 0; e < active.length; e++) {
            if (!active[e]) {
                continue;
            }
            nodes(e % elementsX, e / elementsX, node);
            for (int q = 0; q < POINTS; q++) {
                int point = POINTS * e + q;
                pointVelocity(x, node, q, at);
                double u = at[0];
                double v = at[1];
                double ux = at[2];
                double uy = at[3];
                double vx = at[4];
                double vy = at[5];
                for (int a = 0; a < NODES; a++) {
                    gx[a] = SHAPE_XI[NODES * q + a] / dx;
                    gy[a] = SHAPE_ETA[NODES * q + a] / dy;
                }
                double exy = 0.5 * (uy + vx);
                double strainSquared = cold ? ShallowShelfFlow.COLD_STRAIN_RATE * ShallowShelfFlow.COLD_STRAIN_RATE
                        : ux * ux + vy * vy + ux * vy + exy * exy;
                double w = WEIGHT[q] * area;
                // d(2Hψ)/dε_e² = 2ηH, and its derivative −(2/3)ηH/(ε_e² + ε_0²)
                double c = 2 * pointThickness[point]
                        * GlenLaw.viscosity(pointHardness[point], strainSquared, eps0Squared) * w;
                double c2 = newton ? -c / (3 * (strainSquared + eps0Squared)) : 0;
                double speed = cold ? ShallowShelfFlow.COLD_SPEED : Math.hypot(u, v);
                double beta = pointDrag[point] ? pointLaw.drag(point, speed) * w : 0;
                double betaPrime = newton && pointDrag[point] && !plastic && speed > 0
                        ? pointLaw.dragDerivative(point, speed) / speed * w : 0;
                for (int a = 0; a < NODES; a++) {
                    du[a] = (2 * ux + vy) * gx[a] + exy * gy[a];
                    dv[a] = (2 * vy + ux) * gy[a] + exy * gx[a];
                }
                for (int a = 0; a < NODES; a++) {
                    int r = rowOfLattice[node[a]];
                    if (r < 0) {
                        continue;
                    }
                    double s = SHAPE[NODES * q + a];
                    gradient[2 * node[a]] += c * du[a] + (beta * u + pointStressX[point] * w) * s;
                    gradient[2 * node[a] + 1] += c * dv[a] + (beta * v + pointStressY[point] * w) * s;
                    if (!assemble) {
                        continue;
                    }
                    int ax = a % 3;
                    int ay = a / 3;
                    for (int b = 0; b < NODES; b++) {
                        int o = 100 * r + 4 * (5 * (b / 3 - ay + 2) + b % 3 - ax + 2);
                        double sb = SHAPE[NODES * q + b];
                        double drag = beta * s * sb;
                        double dragUV = betaPrime * s * sb;
                        double[] m = matrix.coefficients();
                        m[o] += c * (2 * gx[a] * gx[b] + 0.5 * gy[a] * gy[b]) + c2 * du[a] * du[b] + drag
                                + dragUV * u * u;
                        m[o + 1] += c * (gx[a] * gy[b] + 0.5 * gy[a] * gx[b]) + c2 * du[a] * dv[b]
                                + dragUV * u * v;
                        m[o + 2] += c * (gy[a] * gx[b] + 0.5 * gx[a] * gy[b]) + c2 * dv[a] * du[b]
                                + dragUV * v * u;
                        m[o + 3] += c * (2 * gy[a] * gy[b] + 0.5 * gx[a] * gx[b]) + c2 * dv[a] * dv[b] + drag
                                + dragUV * v * v;
                    }
                }
            }
        }
    }

    /** u, v, ∂u/∂x, ∂u/∂y, ∂v/∂x, ∂v/∂y at Gauss point q of the element of lattice nodes {@code node}. */
    private void pointVelocity(double[] x, int[] node, int q, double[] at) {
        Arrays.fill(at, 0);
        for (int a = 0; a < NODES; a++) {
            int t = NODES * q + a;
            double nu = x[2 * node[a]];
            double nv = x[2 * node[a] + 1];
            at[0] += SHAPE[t] * nu;
            at[1] += SHAPE[t] * nv;
            at[2] += SHAPE_XI[t] * nu;
            at[3] += SHAPE_ETA[t] * nu;
            at[4] += SHAPE_XI[t] * nv;
            at[5] += SHAPE_ETA[t] * nv;
        }
        at[2] /= dx;
        at[3] /= dy;
        at[4] /= dx;
        at[5] /= dy;
    }
}
