package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.physics.iceflow.ShallowShelfFlow.Boundary;
import igm.solver.BlockStencilMatrix;
import igm.solver.Linearisation;

import java.util.Arrays;

/**
 * One SSA problem discretised with bilinear (Q1) finite elements ({@link ShallowShelfFlow.Elements#BILINEAR}): the
 * mesh, the fixed nodes, the load, the energy and its Picard and Newton linearisations.
 *
 * <p><b>Discretisation.</b> The nodes are the cell centres of the grid: each element is the square between four
 * neighbouring cell centres (or a Δx × Δy rectangle, when the solve is given its own Δy; second order on rectangles
 * too, measured with Δy = Δx/2 and 2Δx), integrated with 2×2 Gauss points (H interpolated bilinearly; B the mean over
 * the element's ice-covered nodes). The driving stress is given at the nodes and interpolated bilinearly (a consistent
 * load); the basal drag is lumped at the nodes, β_k times the node's area (its cell, within the elements that take
 * part), so that the sliding law's value at a node acts as the value of its cell (a yield stress that varies steeply
 * is best given as its cell mean, see {@code SsaTestICase}). Each node couples to its 3×3 neighbourhood: a symmetric
 * positive-definite system per step, second-order accurate for smooth solutions (measured on Bueler's test I).
 *
 * <p><b>Boundary conditions.</b> Nodes without ice (H = 0) and nodes where the sliding law is {@link
 * SlidingLaw#noSlip no-slip} have zero velocity; nodes chosen in {@link Boundary} have given velocities. An element
 * takes part when at least one of its nodes has ice, so the ice margin is a lateral no-slip wall whose thickness
 * tapers to zero over half a cell (no singular viscosity: η stays bounded by the regularisation). Domain edges are
 * free (zero normal stress beyond the last node), or periodic along x ({@link Boundary#periodicX}).
 *
 * <p><b>Linearisations.</b> The initial one evaluates the viscosity at the strain rate
 * {@value ShallowShelfFlow#COLD_STRAIN_RATE} a⁻¹ and the drag at the speed {@value ShallowShelfFlow#COLD_SPEED}
 * m a⁻¹; Picard freezes viscosity and drag at the iterate; Newton adds to the Picard matrix the rank-one terms
 * 2H dη/dε_e² (∂ε_e²/∂U)(∂ε_e²/∂U)ᵀ of every Gauss point and β'(|u|) u uᵀ/|u| of every node (plastic till keeps its
 * secant drag β: its exact curvature τ_c ε²/(|u|² + ε²)^(3/2) all but vanishes where the ice slides, and full Newton
 * steps overshoot), still symmetric positive definite because the energy is convex. Vectors interleave u and v per
 * grid node.
 */
final class BilinearSsaProblem implements SsaProblem {

    /** Gauss abscissae on [0, 1]. */
    private static final double[] GAUSS = {0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)};
    /** Shape function N_a at Gauss point q: {@code SHAPE[4q + a]}. */
    private static final double[] SHAPE = new double[16];
    /** ∂N_a/∂x and ∂N_a/∂y at Gauss point q on the unit square: {@code [4q + a]}. */
    private static final double[] SHAPE_X = new double[16];
    private static final double[] SHAPE_Y = new double[16];
    /** Element stiffness of square cells ({@link #stiffness(double)} of aspect ratio 1). */
    private static final double[] SQUARE_STIFFNESS;
    /** Q1 mass matrix of the unit square, {@code MASS[4a + b]}. */
    private static final double[] MASS = new double[16];

    static {
        for (int q = 0; q < 4; q++) {
            double xi = GAUSS[q & 1];
            double eta = GAUSS[q >> 1];
            for (int a = 0; a < 4; a++) {
                double fx = (a & 1) == 1 ? xi : 1 - xi;
                double fy = (a >> 1) == 1 ? eta : 1 - eta;
                SHAPE[4 * q + a] = fx * fy;
                SHAPE_X[4 * q + a] = ((a & 1) == 1 ? 1 : -1) * fy;
                SHAPE_Y[4 * q + a] = fx * ((a >> 1) == 1 ? 1 : -1);
            }
        }
        for (int q = 0; q < 4; q++) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    MASS[4 * a + b] += 0.25 * SHAPE[4 * q + a] * SHAPE[4 * q + b];
                }
            }
        }
        SQUARE_STIFFNESS = stiffness(1);
    }

    /**
     * Element stiffness per unit ηH of a Δx × Δy element with aspect ratio r = Δy/Δx, at Gauss point q, row corner a,
     * column corner b, pair c (uu, uv, vu, vv), with the Gauss weight ΔxΔy/4 and the derivatives ∂N/∂x = N_ξ/Δx,
     * ∂N/∂y = N_η/Δy: uu = ¼(4 N_aξ N_bξ r + N_aη N_bη / r), uv = ¼(2 N_aξ N_bη + N_aη N_bξ) (the cell size cancels),
     * vu and vv alike; {@code [64q + 16a + 4b + c]}. With r = 1 the factors are exact ones, so square cells get the
     * same numbers as without them.
     */
    private static double[] stiffness(double r) {
        double[] k = new double[256];
        for (int q = 0; q < 4; q++) {
            for (int a = 0; a < 4; a++) {
                double xa = SHAPE_X[4 * q + a];
                double ya = SHAPE_Y[4 * q + a];
                for (int b = 0; b < 4; b++) {
                    double xb = SHAPE_X[4 * q + b];
                    double yb = SHAPE_Y[4 * q + b];
                    int t = 64 * q + 16 * a + 4 * b;
                    k[t] = 0.25 * (4 * xa * xb * r + ya * yb / r);
                    k[t + 1] = 0.25 * (2 * xa * yb + ya * xb);
                    k[t + 2] = 0.25 * (2 * ya * xb + xa * yb);
                    k[t + 3] = 0.25 * (4 * ya * yb / r + xa * xb * r);
                }
            }
        }
        return k;
    }

    private final int nx;
    private final int ny;
    private final boolean periodic;
    private final int elementsX;
    private final int elementsY;
    private final double[] h;
    private final double[] elementHardness;
    private final boolean[] active;
    private final double[] nodeArea;
    private final double[] load;
    private final SlidingLaw sliding;
    private final Boundary boundary;
    /** ε_0 of the viscosity, a⁻¹. */
    private final double strainRateRegularisation;
    private final double dx;
    private final double dy;
    /** Element stiffness per unit ηH of this aspect ratio (see {@link #stiffness(double)}). */
    private final double[] stiffness;
    /**
     * N_ξ √(Δy/Δx) and N_η √(Δx/Δy) at the Gauss points, {@code [4q + a]}: ∂N/∂x and ∂N/∂y times √(ΔxΔy), so that
     * the Gauss weight ΔxΔy/4 of a rank-one Newton term g gᵀ becomes ¼.
     */
    private final double[] scaledShapeX;
    private final double[] scaledShapeY;
    /** ηH at the Gauss points of each element, {@code [4e + q]}. */
    private final double[] coefficient;
    /** ½ H dη/dε_e² at the Gauss points (Newton; allocated at the first Newton linearisation), {@code [4e + q]}. */
    private double[] newtonCoefficient;
    /** ∂ε_e²/∂(u_a, v_a) at the Gauss points (Newton), {@code [32e + 8q + 2a + component]}. */
    private double[] strainGradient;

    private final BlockStencilMatrix matrix;

    /**
     * The problem of the arguments of {@link ShallowShelfFlow#solve(Grid2D, double, double[], double[], double[],
     * double[], SlidingLaw, Boundary)} (already checked), with the viscosity regularisation ε_0 (a⁻¹) and the threads
     * of the matrix–vector products.
     */
    BilinearSsaProblem(Grid2D grid, double dy, double[] thickness, double[] tx, double[] ty, double[] hardness,
                       SlidingLaw sliding, Boundary boundary, double strainRateRegularisation, int threads) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.dx = grid.dx();
        this.dy = dy;
        double ratio = dy / dx;
        this.stiffness = ratio == 1 ? SQUARE_STIFFNESS : stiffness(ratio);
        double sx = Math.sqrt(ratio);
        double sy = Math.sqrt(1 / ratio);
        this.scaledShapeX = new double[16];
        this.scaledShapeY = new double[16];
        for (int t = 0; t < 16; t++) {
            scaledShapeX[t] = SHAPE_X[t] * sx;
            scaledShapeY[t] = SHAPE_Y[t] * sy;
        }
        this.periodic = boundary.periodicX();
        this.elementsX = periodic ? nx : nx - 1;
        this.elementsY = ny - 1;
        this.h = thickness;
        this.sliding = sliding;
        this.boundary = boundary;
        this.strainRateRegularisation = strainRateRegularisation;
        int elements = Math.max(elementsX, 0) * Math.max(elementsY, 0);
        this.active = new boolean[elements];
        this.elementHardness = new double[elements];
        this.coefficient = new double[4 * elements];
        for (int ej = 0; ej < elementsY; ej++) {
            for (int ei = 0; ei < elementsX; ei++) {
                int e = ej * elementsX + ei;
                double sum = 0;
                int count = 0;
                for (int a = 0; a < 4; a++) {
                    int k = corner(ei, ej, a);
                    if (thickness[k] > 0) {
                        sum += hardness[k];
                        count++;
                    }
                }
                active[e] = count > 0;
                elementHardness[e] = count > 0 ? sum / count : 0;
            }
        }
        int n = nx * ny;
        nodeArea = new double[n];
        double quarter = 0.25 * dx * dy;
        int[] freeList = new int[n];
        int nFree = 0;
        boolean[] given = boundary.dirichlet();
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                for (int a = 0; a < 4; a++) {
                    int e = element(i, j, a);
                    if (e >= 0 && active[e]) {
                        nodeArea[k] += quarter;
                    }
                }
                if (thickness[k] > 0 && nodeArea[k] > 0 && !sliding.noSlip(k) && (given == null || !given[k])) {
                    freeList[nFree++] = k;
                }
            }
        }
        int[] free = Arrays.copyOf(freeList, nFree);
        int[] neighbour = new int[9 * nFree];
        for (int f = 0; f < nFree; f++) {
            int k = free[f];
            int i = k % nx;
            int j = k / nx;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int ii = i + di;
                    int jj = j + dj;
                    if (periodic) {
                        ii = Math.floorMod(ii, nx);
                    }
                    boolean inside = ii >= 0 && ii < nx && jj >= 0 && jj < ny;
                    neighbour[9 * f + 3 * (dj + 1) + di + 1] = inside ? jj * nx + ii : k;
                }
            }
        }
        matrix = new BlockStencilMatrix(free, neighbour, 9, threads);
        load = new double[2 * n];
        double area = dx * dy;
        for (int k : free) {
            int i = k % nx;
            int j = k / nx;
            double bx = 0;
            double by = 0;
            for (int a = 0; a < 4; a++) {
                int e = element(i, j, a);
                if (e < 0 || !active[e]) {
                    continue;
                }
                int ei = e % elementsX;
                int ej = e / elementsX;
                for (int b = 0; b < 4; b++) {
                    int m = corner(ei, ej, b);
                    bx += MASS[4 * a + b] * tx[m];
                    by += MASS[4 * a + b] * ty[m];
                }
            }
            load[2 * k] = -area * bx;
            load[2 * k + 1] = -area * by;
        }
    }

    /** Node index of corner a (0 SW, 1 SE, 2 NW, 3 NE) of element (ei, ej). */
    private int corner(int ei, int ej, int a) {
        int i = ei + (a & 1);
        if (i == nx) {
            i = 0;
        }
        return (ej + (a >> 1)) * nx + i;
    }

    /** The element of which node (i, j) is corner a, or −1 where there is none. */
    private int element(int i, int j, int a) {
        int ei = i - (a & 1);
        int ej = j - (a >> 1);
        if (ei < 0) {
            if (!periodic) {
                return -1;
            }
            ei += nx;
        }
        if (ei >= elementsX || ej < 0 || ej >= elementsY) {
            return -1;
        }
        return ej * elementsX + ei;
    }

    /**
     * The discrete energy J_h at x: the Gauss-quadrature sum of 2Hψ over the active elements, the lumped sliding
     * potential over the unknown nodes and the load ∫τ_d·u (the terms of fixed nodes alone are left out: they are
     * constants).
     */
    @Override
    public double energy(double[] x) {
        double eps0Squared = strainRateRegularisation * strainRateRegularisation;
        double invDx = 1 / dx;
        double invDy = 1 / dy;
        double quarter = 0.25 * dx * dy;
        double total = 0;
        for (int e = 0; e < active.length; e++) {
            if (!active[e]) {
                continue;
            }
            int ei = e % elementsX;
            int ej = e / elementsX;
            for (int q = 0; q < 4; q++) {
                double hq = 0;
                double ux = 0;
                double uy = 0;
                double vx = 0;
                double vy = 0;
                for (int a = 0; a < 4; a++) {
                    int k = corner(ei, ej, a);
                    int t = 4 * q + a;
                    hq += SHAPE[t] * h[k];
                    ux += SHAPE_X[t] * x[2 * k] * invDx;
                    uy += SHAPE_Y[t] * x[2 * k] * invDy;
                    vx += SHAPE_X[t] * x[2 * k + 1] * invDx;
                    vy += SHAPE_Y[t] * x[2 * k + 1] * invDy;
                }
                double exy = 0.5 * (uy + vx);
                double strainSquared = ux * ux + vy * vy + ux * vy + exy * exy;
                total += quarter * 2 * hq * GlenLaw.dissipation(elementHardness[e], strainSquared, eps0Squared);
            }
        }
        for (int k : matrix.free()) {
            total += nodeArea[k] * sliding.potential(k, Math.hypot(x[2 * k], x[2 * k + 1]));
            total -= load[2 * k] * x[2 * k] + load[2 * k + 1] * x[2 * k + 1];
        }
        return total;
    }

    @Override
    public BlockStencilMatrix matrix() {
        return matrix;
    }

    /** The given velocities of the fixed nodes (zero unless Dirichlet), a new vector. */
    @Override
    public double[] fixedVelocity() {
        double[] x = new double[2 * nx * ny];
        boolean[] given = boundary.dirichlet();
        if (given == null) {
            return x;
        }
        for (int k = 0; k < given.length; k++) {
            if (given[k]) {
                x[2 * k] = boundary.dirichletU()[k];
                x[2 * k + 1] = boundary.dirichletV()[k];
            }
        }
        return x;
    }

    @Override
    public void nodeVelocity(double[] x, double[] u, double[] v) {
        for (int k = 0; k < u.length; k++) {
            u[k] = x[2 * k];
            v[k] = x[2 * k + 1];
        }
    }

    /**
     * The viscosity at x (or the initial strain rate), the matrix of the linearisation and the residual
     * load − A_Picard·x = −∇J_h of the free nodes.
     */
    @Override
    public void linearise(double[] x, Linearisation linearisation, double[] rightHandSide) {
        boolean cold = linearisation == Linearisation.INITIAL;
        boolean newtonStep = linearisation == Linearisation.NEWTON;
        if (newtonStep && newtonCoefficient == null) {
            newtonCoefficient = new double[coefficient.length];
            strainGradient = new double[8 * coefficient.length];
        }
        viscosity(x, cold, newtonStep);
        assemble(x, cold);
        matrix.multiply(x, rightHandSide);
        for (int k : matrix.free()) {
            rightHandSide[2 * k] = load[2 * k] - rightHandSide[2 * k];
            rightHandSide[2 * k + 1] = load[2 * k + 1] - rightHandSide[2 * k + 1];
        }
        if (newtonStep) {
            addNewtonTerms(x);
        }
    }

    /**
     * ηH at the Gauss points of every active element from the velocity x (or the cold-start strain rate), and for
     * a Newton step the rank-one part of the Hessian at each Gauss point: ½ H dη/dε_e² and ∂ε_e²/∂U (per unit
     * cell size).
     */
    private void viscosity(double[] x, boolean cold, boolean newtonStep) {
        double eps0Squared = strainRateRegularisation * strainRateRegularisation;
        double invDx = 1 / dx;
        double invDy = 1 / dy;
        int[] node = new int[4];
        for (int e = 0; e < active.length; e++) {
            if (!active[e]) {
                continue;
            }
            int ei = e % elementsX;
            int ej = e / elementsX;
            for (int a = 0; a < 4; a++) {
                node[a] = corner(ei, ej, a);
            }
            double b = elementHardness[e];
            for (int q = 0; q < 4; q++) {
                double hq = 0;
                double ux = 0;
                double uy = 0;
                double vx = 0;
                double vy = 0;
                for (int a = 0; a < 4; a++) {
                    int k = node[a];
                    int t = 4 * q + a;
                    hq += SHAPE[t] * h[k];
                    double u = x[2 * k];
                    double v = x[2 * k + 1];
                    ux += SHAPE_X[t] * u;
                    uy += SHAPE_Y[t] * u;
                    vx += SHAPE_X[t] * v;
                    vy += SHAPE_Y[t] * v;
                }
                double strainSquared;
                if (cold) {
                    strainSquared = ShallowShelfFlow.COLD_STRAIN_RATE * ShallowShelfFlow.COLD_STRAIN_RATE;
                } else {
                    ux *= invDx;
                    uy *= invDy;
                    vx *= invDx;
                    vy *= invDy;
                    double exy = 0.5 * (uy + vx);
                    strainSquared = ux * ux + vy * vy + ux * vy + exy * exy;
                }
                double eta = GlenLaw.viscosity(b, strainSquared, eps0Squared);
                coefficient[4 * e + q] = eta * hq;
                if (newtonStep) {
                    newtonCoefficient[4 * e + q] = -0.5 * hq * eta / (3 * (strainSquared + eps0Squared));
                    double exy = 0.5 * (uy + vx);
                    int g = 32 * e + 8 * q;
                    for (int a = 0; a < 4; a++) {
                        int t = 4 * q + a;
                        strainGradient[g + 2 * a] = (2 * ux + vy) * scaledShapeX[t] + exy * scaledShapeY[t];
                        strainGradient[g + 2 * a + 1] = (2 * vy + ux) * scaledShapeY[t] + exy * scaledShapeX[t];
                    }
                }
            }
        }
    }

    /** The matrix of the current coefficients and the drag at the current velocity (or the cold-start speed). */
    private void assemble(double[] x, boolean cold) {
        int[] free = matrix.free();
        double[] m = matrix.coefficients();
        Arrays.fill(m, 0);
        for (int f = 0; f < free.length; f++) {
            int k = free[f];
            int i = k % nx;
            int j = k / nx;
            int row = 36 * f;
            for (int a = 0; a < 4; a++) {
                int e = element(i, j, a);
                if (e < 0 || !active[e]) {
                    continue;
                }
                int ai = a & 1;
                int aj = a >> 1;
                for (int q = 0; q < 4; q++) {
                    double c = coefficient[4 * e + q];
                    int t = 64 * q + 16 * a;
                    for (int b = 0; b < 4; b++) {
                        int o = 3 * ((b >> 1) - aj + 1) + (b & 1) - ai + 1;
                        int dst = row + 4 * o;
                        int src = t + 4 * b;
                        m[dst] += c * stiffness[src];
                        m[dst + 1] += c * stiffness[src + 1];
                        m[dst + 2] += c * stiffness[src + 2];
                        m[dst + 3] += c * stiffness[src + 3];
                    }
                }
            }
            double speed = cold ? ShallowShelfFlow.COLD_SPEED : Math.hypot(x[2 * k], x[2 * k + 1]);
            double basal = sliding.drag(k, speed) * nodeArea[k];
            int centre = row + 4 * BlockStencilMatrix.CENTRE;
            m[centre] += basal;
            m[centre + 3] += basal;
        }
    }

    /**
     * Adds to the assembled Picard matrix the rest of the Hessian of the energy at x: the rank-one viscous terms
     * ½ H dη/dε_e² g gᵀ of each Gauss point (g = ∂ε_e²/∂U) and the drag term β'(|u|) u uᵀ/|u| of each node, except
     * for plastic till, which keeps its secant drag β (test I on 61 nodes: 238 iterations with its exact
     * curvature, 125 without).
     */
    private void addNewtonTerms(double[] x) {
        int[] free = matrix.free();
        double[] m = matrix.coefficients();
        for (int f = 0; f < free.length; f++) {
            int k = free[f];
            int i = k % nx;
            int j = k / nx;
            int row = 36 * f;
            for (int a = 0; a < 4; a++) {
                int e = element(i, j, a);
                if (e < 0 || !active[e]) {
                    continue;
                }
                int ai = a & 1;
                int aj = a >> 1;
                for (int q = 0; q < 4; q++) {
                    double c = newtonCoefficient[4 * e + q];
                    int g = 32 * e + 8 * q;
                    double gu = c * strainGradient[g + 2 * a];
                    double gv = c * strainGradient[g + 2 * a + 1];
                    for (int b = 0; b < 4; b++) {
                        int o = 3 * ((b >> 1) - aj + 1) + (b & 1) - ai + 1;
                        int dst = row + 4 * o;
                        double hu = strainGradient[g + 2 * b];
                        double hv = strainGradient[g + 2 * b + 1];
                        m[dst] += gu * hu;
                        m[dst + 1] += gu * hv;
                        m[dst + 2] += gv * hu;
                        m[dst + 3] += gv * hv;
                    }
                }
            }
            double u = x[2 * k];
            double v = x[2 * k + 1];
            double speed = Math.hypot(u, v);
            if (speed > 0 && !(sliding instanceof PlasticSliding)) {
                double d = sliding.dragDerivative(k, speed) / speed * nodeArea[k];
                int centre = row + 4 * BlockStencilMatrix.CENTRE;
                m[centre] += d * u * u;
                m[centre + 1] += d * u * v;
                m[centre + 2] += d * v * u;
                m[centre + 3] += d * v * v;
            }
        }
    }

}
