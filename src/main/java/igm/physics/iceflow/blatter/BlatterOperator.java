package igm.physics.iceflow.blatter;

import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import igm.parallel.ParallelRows;
import igm.physics.iceflow.SlidingLaw;
import igm.solver.PreconditionedProblem;
import igm.solver.Preconditioner;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The discrete Blatter–Pattyn energy of one problem, its gradient and a column-wise preconditioner: the
 * {@link PreconditionedProblem} that the L-BFGS solver of {@link igm.physics.iceflow.BlatterPattynFlow} minimises,
 * usable on its own (without a time loop) wherever the energy and its gradient at a given velocity are wanted
 * ({@link #gather} and {@link #scatter} map between the unknowns and the grid layout of the velocity).
 *
 * <p><b>Discretisation.</b> Unknowns are the horizontal velocity (u, v) at the grid points × levels of the ice
 * columns only, those thicker than {@link BlatterProblem#MIN_ICE_THICKNESS} (node index {@code slot·N_z + k}, slot =
 * the column's rank among the ice columns; every ice-free column shares one extra dummy slot held at zero; a vector x
 * holds u in [0, n) and v in [n, 2n)). Between four neighbouring grid points and two levels lies a trilinear (Q1)
 * hexahedron with vertical edges; its nodes sit at z = b + t_x·x + t_y·y + H·ζ_k. The Jacobian's vertical entry
 * ∂z/∂ζ is taken from the four edge lengths H_c (ζ_(k+1) − ζ_k), a sum of non-negative terms, and the other entries
 * from heights relative to the element's first bed node: from the absolute elevations, a column of 1e-12 m under a
 * bed at 3 km gave ∂z/∂ζ of either sign at rounding level, elements of negative volume, and an energy unbounded
 * below (a coupled Aletsch run then diverged). The energy
 * <pre>
 *   E(u, v) = ∫ 2ψ(ε_e²) dV + ∫ ρg (s_x u + s_y v) dV + Σ_bed nodes a_k P_k(|u_b|)
 * </pre>
 * with ψ = (3/4) B (ε_e² + ε_0²)^(2/3) of {@link igm.physics.iceflow.GlenLaw} (2ψ, because dψ/dε_e² = η and the
 * deviatoric stress is 2η ε, so that dE/dε_ij = σ'_ij), is integrated with 2×2×2 Gauss points per element (exact
 * for the driving term, stable: no hourglass modes) and its minimiser solves the first-order equations with a
 * stress-free surface. B is the mean hardness A^(−1/3) of the element's ice columns. The surface gradient is that of
 * the bilinear surface of each element. The basal term uses nodal quadrature: each bed node carries the area a_k of
 * its share of the element faces (Δx² where all four are ice) and its own sliding law; bed nodes under
 * {@link SlidingLaw#noSlip} and every node of an ice-free column are fixed at zero (their gradient entries are
 * zero). Elements where no corner has ice are skipped.
 *
 * <p><b>Preconditioner.</b> For each ice column and each component, the tridiagonal block of the Picard matrix
 * (viscosity and drag frozen at the current velocity) that couples the column's nodes (a block-Jacobi
 * preconditioner): per Gauss point η det [4φ_x^a φ_x^b + φ_y^a φ_y^b + φ_z^a φ_z^b] for u, the same with the 4 on
 * the y term for v, plus the basal a_k β on the bed node. It captures the stiff vertical shear coupling of thin
 * elements exactly; as principal blocks of a positive definite matrix the blocks are positive definite. The same
 * blocks of the Newton Hessian (with Glen's −2/(3q)·D_a D_b term) were tried and did worse on Aletsch (warm solves:
 * 86–89 L-BFGS iterations against 72–75).
 *
 * <p><b>Kernels.</b> Where the hardware has 8-lane double vectors, the element kernel puts the eight Gauss points of an
 * element in the eight lanes of a {@code jdk.incubator.vector} vector (the gradient and the column blocks are
 * gathered back with lanes = nodes); it uses only exactly rounded operations and fixed-order lane sums (its own
 * inverse cube root rather than the Vector API's CBRT), so results do not depend on whether the code runs
 * interpreted or compiled. Elsewhere a scalar kernel computes the same sums.
 *
 * <p>The element loops are split into up to eight chunks of element rows, shared between the threads; the last row of
 * each chunk is done in a second phase so that no two threads add into the same node at once. The chunks do not
 * depend on the number of threads, so neither does any result, bit for bit.
 */
public final class BlatterOperator implements PreconditionedProblem {

    /**
     * A speed no ice reaches, m a⁻¹ (a thousand km a⁻¹; the fastest outlet glaciers run at about 17 km a⁻¹): an
     * iterate beyond it is diverging ({@link #divergenceBound()}).
     */
    public static final double MAX_SPEED = 1e6;

    /** ρg in MPa per metre. */
    private static final double RHO_G = PhysicalConstants.ICE_WEIGHT_MPA_PER_M;
    private static final double GAUSS = 1.0 / Math.sqrt(3.0);
    /** Reference shape values and derivatives at the 8 Gauss points: [gauss point][node]. */
    private static final double[][] N = new double[8][8];
    private static final double[][] DXI = new double[8][8];
    private static final double[][] DETA = new double[8][8];
    private static final double[][] DZETA = new double[8][8];

    /** Eight lanes of doubles: one per Gauss point of an element. */
    private static final VectorSpecies<Double> EIGHT = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorShuffle<Double> SWAP_4 = VectorShuffle.fromValues(EIGHT, 4, 5, 6, 7, 0, 1, 2, 3);
    private static final VectorShuffle<Double> SWAP_2 = VectorShuffle.fromValues(EIGHT, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Double> SWAP_1 = VectorShuffle.fromValues(EIGHT, 1, 0, 3, 2, 5, 4, 7, 6);
    /** 4/3 of the bits of 1.0: the exponent-bit first guess of q^(−1/3). */
    private static final long INVERSE_CBRT_MAGIC = 0x5540000000000000L;
    /** Whether the vectorised kernel pays here: 8-lane double vectors in hardware. */
    static final boolean VECTOR_HARDWARE = DoubleVector.SPECIES_PREFERRED.length() >= 8;
    /** The derivative tables by node, each 8 Gauss points long: [a·8 + g]. */
    private static final double[] BY_NODE_XI = new double[64];
    private static final double[] BY_NODE_ETA = new double[64];
    private static final double[] BY_NODE_ZETA = new double[64];
    /** The derivative tables by Gauss point, each 8 nodes long: [g·8 + a]. */
    private static final double[] BY_POINT_XI = new double[64];
    private static final double[] BY_POINT_ETA = new double[64];
    private static final double[] BY_POINT_ZETA = new double[64];

    static {
        for (int g = 0; g < 8; g++) {
            double xi = ((g & 1) * 2 - 1) * GAUSS;
            double eta = (((g >> 1) & 1) * 2 - 1) * GAUSS;
            double zeta = (((g >> 2) & 1) * 2 - 1) * GAUSS;
            for (int a = 0; a < 8; a++) {
                double sx = (a & 1) * 2 - 1;
                double sy = ((a >> 1) & 1) * 2 - 1;
                double sz = ((a >> 2) & 1) * 2 - 1;
                double fx = 1 + sx * xi;
                double fy = 1 + sy * eta;
                double fz = 1 + sz * zeta;
                N[g][a] = fx * fy * fz / 8;
                DXI[g][a] = sx * fy * fz / 8;
                DETA[g][a] = fx * sy * fz / 8;
                DZETA[g][a] = fx * fy * sz / 8;
                BY_NODE_XI[a * 8 + g] = DXI[g][a];
                BY_NODE_ETA[a * 8 + g] = DETA[g][a];
                BY_NODE_ZETA[a * 8 + g] = DZETA[g][a];
                BY_POINT_XI[g * 8 + a] = DXI[g][a];
                BY_POINT_ETA[g * 8 + a] = DETA[g][a];
                BY_POINT_ZETA[g * 8 + a] = DZETA[g][a];
            }
        }
    }

    final Grid2D grid;
    final int nx;
    final int ny;
    final int nz;
    /** Unknowns per component: (ice columns + 1) × levels. */
    public final int n;
    /** Ice columns (H &gt; 0), in grid order; slot s of the unknowns holds column iceColumns[s]. */
    final int[] iceColumns;
    /** The slot of each grid point's column: its rank among the ice columns, or the always-zero dummy slot. */
    private final int[] slot;
    /** The dummy slot: every column without ice shares it; its nodes are fixed at zero. */
    private final int dummy;
    final double[] zeta;
    private final double hx;
    private final double[] base;
    private final double[] thick;
    private final double[] hardness;
    private final SlidingLaw sliding;
    private final double eps0sq;
    private final boolean periodic;
    private final double tiltX;
    private final double tiltY;
    /** Element columns along x and y. */
    private final int ex;
    private final int ey;
    /** Active element columns by element row: i of the k-th active element column of row j in rowI[rowStart[j] + k]. */
    private final int[] rowStart;
    private final int[] rowI;
    /** Fixed (Dirichlet, zero) nodes. */
    final boolean[] fixed;
    /** Bed area per grid point (0 where the bed node is fixed or the column has no ice), m². */
    private final double[] bedArea;
    /** The driving load ∫ ρg s_x φ dV (u), ∫ ρg s_y φ dV (v), MPa m² (gradient of the linear term). */
    private final double[] load;
    private final int threads;
    private final boolean vector;
    /** Element rows are split into this many chunks (fewer when there are fewer than two rows per chunk). */
    private static final int CHUNKS = 8;
    /** Problems with fewer active elements are not split. */
    private static final int MIN_ELEMENTS_TO_SPLIT = 2000;
    private int[] chunkBounds;

    /** The operator of problem p with the levels, regularisation and threads of o. */
    public BlatterOperator(BlatterProblem p, BlatterOptions o) {
        this(p, o, VECTOR_HARDWARE);
    }

    /** The operator, with the vectorised energy-and-gradient kernel or the scalar one. */
    BlatterOperator(BlatterProblem p, BlatterOptions o, boolean vector) {
        this.vector = vector;
        grid = p.grid();
        nx = grid.nx();
        ny = grid.ny();
        nz = o.levels();
        int iceCount = 0;
        for (double h : p.thickness()) {
            if (h > BlatterProblem.MIN_ICE_THICKNESS) {
                iceCount++;
            }
        }
        iceColumns = new int[iceCount];
        slot = new int[grid.size()];
        dummy = iceCount;
        iceCount = 0;
        for (int c = 0; c < grid.size(); c++) {
            if (p.thickness()[c] > BlatterProblem.MIN_ICE_THICKNESS) {
                iceColumns[iceCount] = c;
                slot[c] = iceCount++;
            } else {
                slot[c] = dummy;
            }
        }
        n = (dummy + 1) * nz;
        zeta = o.levelHeights();
        hx = grid.dx() / 2;
        base = p.bed();
        thick = p.thickness();
        sliding = p.sliding();
        eps0sq = o.regularisation() * o.regularisation();
        periodic = p.periodic();
        tiltX = nx == 1 ? 0 : p.tiltX();
        tiltY = ny == 1 ? 0 : p.tiltY();
        threads = o.threads();
        int cols = grid.size();
        hardness = new double[cols];
        for (int c = 0; c < cols; c++) {
            hardness[c] = thick[c] > 0 ? 1.0 / Math.cbrt(p.rateFactor()[c]) : 0;
        }
        ex = nx == 1 ? 1 : periodic ? nx : nx - 1;
        ey = ny == 1 ? 1 : periodic ? ny : ny - 1;
        rowStart = new int[ey + 1];
        int[] list = new int[ex * ey];
        int count = 0;
        int[] col = new int[4];
        double[] area = new double[cols];
        for (int j = 0; j < ey; j++) {
            rowStart[j] = count;
            for (int i = 0; i < ex; i++) {
                corners(i, j, col);
                if (slot[col[0]] != dummy || slot[col[1]] != dummy || slot[col[2]] != dummy
                        || slot[col[3]] != dummy) {
                    list[count++] = i;
                    for (int c = 0; c < 4; c++) {
                        area[col[c]] += hx * hx;
                    }
                }
            }
        }
        rowStart[ey] = count;
        rowI = Arrays.copyOf(list, count);
        fixed = new boolean[n];
        Arrays.fill(fixed, dummy * nz, n, true);
        bedArea = new double[dummy];
        for (int q = 0; q < dummy; q++) {
            int c = iceColumns[q];
            if (sliding.noSlip(c)) {
                fixed[q * nz] = true;
            } else {
                bedArea[q] = area[c];
            }
        }
        load = new double[2 * n];
        assembleLoad();
    }

    /**
     * Copies a velocity in grid layout (u then v, each {@code grid.size() · N_z}, index column·N_z + k) into the
     * unknowns x; fixed nodes get zero.
     */
    public void gather(double[] full, double[] x) {
        int m = grid.size() * nz;
        Arrays.fill(x, 0);
        for (int q = 0; q < dummy; q++) {
            int c = iceColumns[q];
            for (int k = 0; k < nz; k++) {
                int i = q * nz + k;
                if (!fixed[i]) {
                    x[i] = full[c * nz + k];
                    x[n + i] = full[m + c * nz + k];
                }
            }
        }
    }

    /**
     * Copies the unknowns x (or a gradient over them) into grid-layout u and v (each {@code grid.size() · N_z}, index
     * column·N_z + k; zero in ice-free columns).
     */
    public void scatter(double[] x, double[] u, double[] v) {
        Arrays.fill(u, 0);
        Arrays.fill(v, 0);
        for (int q = 0; q < dummy; q++) {
            int c = iceColumns[q];
            System.arraycopy(x, q * nz, u, c * nz, nz);
            System.arraycopy(x, n + q * nz, v, c * nz, nz);
        }
    }

    /**
     * The energy of a velocity in grid layout (u and v, each {@code grid.size() · N_z}, index column·N_z + k, as
     * {@link BlatterSolution} holds them) per unit area of the grid, MPa m a⁻¹: what a physics-informed network's loss
     * is ({@link BlatterEnergyLoss}); entries at fixed nodes are ignored.
     */
    public double energyPerArea(double[] u, double[] v) {
        double[] full = new double[u.length + v.length];
        System.arraycopy(u, 0, full, 0, u.length);
        System.arraycopy(v, 0, full, u.length, v.length);
        double[] x = new double[size()];
        gather(full, x);
        return energy(x, new double[size()]) / (grid.size() * grid.dx() * grid.dx());
    }

    /** Number of active elements (ice columns between two levels). */
    public long activeElements() {
        return (long) rowI.length * (nz - 1);
    }

    /** The hardness of an element column: the mean of B over its corners that have ice. */
    private double meanHardness(int[] col) {
        double sum = 0;
        int count = 0;
        for (int c = 0; c < 4; c++) {
            if (slot[col[c]] != dummy) {
                sum += hardness[col[c]];
                count++;
            }
        }
        return sum / count;
    }

    /** The grid points at the corners of element column (i, j): [i0j0, i1j0, i0j1, i1j1]. */
    private void corners(int i, int j, int[] col) {
        int i1 = nx == 1 ? i : (i + 1) % nx;
        int j1 = ny == 1 ? j : (j + 1) % ny;
        col[0] = j * nx + i;
        col[1] = j * nx + i1;
        col[2] = j1 * nx + i;
        col[3] = j1 * nx + i1;
    }

    /** Elevation offsets of the corners from the tilt of the plane, relative to corner 0. */
    private void tiltOffsets(double[] off) {
        double d = grid.dx();
        off[0] = 0;
        off[1] = tiltX * d;
        off[2] = tiltY * d;
        off[3] = tiltX * d + tiltY * d;
    }

    private void assembleLoad() {
        int[] col = new int[4];
        double[] off = new double[4];
        tiltOffsets(off);
        double[] z = new double[8];
        double[] s = new double[4];
        double[] edge = new double[4];
        for (int j = 0; j < ey; j++) {
            for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                corners(rowI[e], j, col);
                for (int c = 0; c < 4; c++) {
                    s[c] = base[col[c]] + off[c] + thick[col[c]];
                }
                for (int k = 0; k < nz - 1; k++) {
                    elementHeights(col, off, k, z, edge);
                    for (int g = 0; g < 8; g++) {
                        double zz = jacobianZ(DZETA[g], edge);
                        double xi = ((g & 1) * 2 - 1) * GAUSS;
                        double eta = (((g >> 1) & 1) * 2 - 1) * GAUSS;
                        double sXi = ((1 - eta) * (s[1] - s[0]) + (1 + eta) * (s[3] - s[2])) / 4;
                        double sEta = ((1 - xi) * (s[2] - s[0]) + (1 + xi) * (s[3] - s[1])) / 4;
                        double det = hx * hx * zz;
                        double fu = RHO_G * sXi / hx * det;
                        double fv = RHO_G * sEta / hx * det;
                        for (int a = 0; a < 8; a++) {
                            int node = slot[col[a & 3]] * nz + k + (a >> 2);
                            load[node] += fu * N[g][a];
                            load[n + node] += fv * N[g][a];
                        }
                    }
                }
            }
        }
    }

    /**
     * The node heights of the element between levels k and k + 1, relative to the bed of corner 0 (so that the
     * horizontal differences of the Jacobian are not rounded at the scale of the absolute elevation), into z, and
     * the vertical edge lengths H_c (ζ_(k+1) − ζ_k) ≥ 0 of the four corners into {@code edge}.
     */
    private void elementHeights(int[] col, double[] off, int k, double[] z, double[] edge) {
        double z0 = zeta[k];
        double dZeta = zeta[k + 1] - z0;
        double b0 = base[col[0]] + off[0];
        for (int c = 0; c < 4; c++) {
            double b = (base[col[c]] - b0) + off[c];
            double h = thick[col[c]];
            double length = h * dZeta;
            z[c] = b + h * z0;
            z[4 + c] = z[c] + length;
            edge[c] = length;
        }
    }

    /**
     * ∂z/∂ζ at a Gauss point, Σ_c ∂φ_(c+4)/∂ζ · (z_(c+4) − z_c) over the four vertical edges (∂φ_(c+4)/∂ζ = −∂φ_c/∂ζ
     * &gt; 0 at the Gauss points): non-negative by construction, in the order of the vector kernel's fused sums.
     */
    private static double jacobianZ(double[] dZeta, double[] edge) {
        double zz = 0;
        for (int c = 0; c < 4; c++) {
            zz = Math.fma(dZeta[4 + c], edge[c], zz);
        }
        return zz;
    }

    /** The number of unknowns, 2n: u then v. */
    @Override
    public int size() {
        return 2 * n;
    }

    /** {@value #MAX_SPEED} m a⁻¹. */
    @Override
    public double divergenceBound() {
        return MAX_SPEED;
    }

    /** New, empty column blocks of this operator. */
    @Override
    public Preconditioner newPreconditioner() {
        return new ColumnBlocks();
    }

    /**
     * The energy at x, MPa m³ a⁻¹, its gradient into {@code gradient} and, when {@code preconditioner} is not null,
     * the column blocks at x into it ({@link #evaluate}).
     *
     * @throws IllegalArgumentException when the preconditioner is not one of this operator's
     */
    @Override
    public double energy(double[] x, double[] gradient, Preconditioner preconditioner) {
        if (preconditioner == null) {
            return evaluate(x, gradient, null);
        }
        if (!(preconditioner instanceof ColumnBlocks blocks) || blocks.owner() != this) {
            throw new IllegalArgumentException("a preconditioner of another problem: " + preconditioner);
        }
        return evaluate(x, gradient, blocks.blocks);
    }

    /** The column tridiagonal blocks (4n, see {@link #evaluate}) and their factors (4n, see {@link #factor}). */
    private final class ColumnBlocks implements Preconditioner {
        private final double[] blocks = new double[4 * n];
        private final double[] factors = new double[4 * n];

        private BlatterOperator owner() {
            return BlatterOperator.this;
        }

        @Override
        public void factor() {
            BlatterOperator.this.factor(blocks, factors);
        }

        @Override
        public void apply(double[] r, double[] out) {
            applyPreconditioner(blocks, factors, r, out);
        }
    }

    /**
     * The energy at x, its gradient (zero at fixed nodes) into {@code grad} and, when {@code prec} is not null, the
     * column tridiagonal blocks into {@code prec} (4n: diagonal of u, coupling of node k with k + 1 for u, the same for
     * v; fixed nodes get a unit diagonal and no coupling).
     */
    public double evaluate(double[] x, double[] grad, double[] prec) {
        Arrays.fill(grad, 0);
        if (prec != null) {
            Arrays.fill(prec, 0);
        }
        // The chunks depend on the problem only, and each node receives its contributions in the same order whatever
        // the number of threads: results are the same, bit for bit, on any number of threads.
        int chunks = rowI.length * (long) (nz - 1) < MIN_ELEMENTS_TO_SPLIT ? 1 : Math.max(1, Math.min(CHUNKS, ey / 2));
        int[] bounds = bounds(chunks);
        double[] partial = new double[2 * chunks];
        ParallelRows team = ParallelRows.shared();
        int workers = chunks == 1 ? 1 : Math.max(1, team.chunks(threads, Integer.MAX_VALUE, chunks));
        team.run(workers, t -> {
            for (int c = t; c < chunks; c += workers) {
                double e = 0;
                for (int j = bounds[c]; j < bounds[c + 1] - 1; j++) {
                    e += elementRow(j, x, grad, prec);
                }
                partial[c] = e;
            }
        });
        team.run(workers, t -> {
            for (int c = t; c < chunks; c += workers) {
                partial[chunks + c] = elementRow(bounds[c + 1] - 1, x, grad, prec);
            }
        });
        double energy = 0;
        for (double e : partial) {
            energy += e;
        }
        for (int i = 0; i < 2 * n; i++) {
            energy += load[i] * x[i];
            grad[i] += load[i];
        }
        energy += basal(x, grad, prec);
        for (int i = 0; i < n; i++) {
            if (fixed[i]) {
                grad[i] = 0;
                grad[n + i] = 0;
                if (prec != null) {
                    prec[i] = 1;
                    prec[2 * n + i] = 1;
                    prec[n + i] = 0;
                    prec[3 * n + i] = 0;
                    if (i % nz != 0) {
                        prec[n + i - 1] = 0;
                        prec[3 * n + i - 1] = 0;
                    }
                }
            }
        }
        return energy;
    }

    private int[] bounds(int chunks) {
        int[] b = chunkBounds;
        if (b != null && b.length == chunks + 1) {
            return b;
        }
        b = new int[chunks + 1];
        long total = rowI.length;
        int t = 1;
        b[chunks] = ey;
        for (int j = 0; j < ey && t < chunks; j++) {
            while (t < chunks && (long) rowStart[j + 1] * chunks >= total * t) {
                b[t++] = j + 1;
            }
        }
        for (; t < chunks; t++) {
            b[t] = ey;
        }
        // every chunk at least two rows, so that the second-phase rows never touch the same nodes
        for (t = 1; t < chunks; t++) {
            b[t] = Math.max(b[t], b[t - 1] + 2);
        }
        for (t = chunks - 1; t >= 1; t--) {
            b[t] = Math.min(b[t], b[t + 1] - 2);
        }
        chunkBounds = b;
        return b;
    }

    private double basal(double[] x, double[] grad, double[] prec) {
        double e = 0;
        for (int q = 0; q < bedArea.length; q++) {
            double area = bedArea[q];
            if (area == 0) {
                continue;
            }
            int c = iceColumns[q];
            int node = q * nz;
            double u = x[node];
            double v = x[n + node];
            double speed = Math.sqrt(u * u + v * v);
            e += area * sliding.potential(c, speed);
            double beta = area * sliding.drag(c, speed);
            grad[node] += beta * u;
            grad[n + node] += beta * v;
            if (prec != null) {
                prec[node] += beta;
                prec[2 * n + node] += beta;
            }
        }
        return e;
    }

    /** Viscous energy of one row of element columns, adding its gradient (and preconditioner) contributions. */
    private double elementRow(int j, double[] x, double[] grad, double[] prec) {
        return vector ? elementRowVector(j, x, grad, prec) : elementRowScalar(j, x, grad, prec);
    }

    /**
     * {@link #elementRowScalar} with the eight Gauss points of an element in the eight lanes of a vector; the gradient
     * is gathered back node by node (lanes = nodes), the column blocks by sums over the lanes.
     */
    private double elementRowVector(int j, double[] x, double[] grad, double[] prec) {
        int[] col = new int[4];
        double[] off = new double[4];
        tiltOffsets(off);
        double[] z = new double[8];
        double[] edge = new double[4];
        double[] u = new double[8];
        double[] v = new double[8];
        double[] flux = new double[48];
        double[] out = new double[16];
        int[] nodes = new int[8];
        double[] gp = new double[32];
        double inv = 1 / hx;
        double area = hx * hx;
        DoubleVector energy = DoubleVector.zero(EIGHT);
        DoubleVector eps = DoubleVector.broadcast(EIGHT, eps0sq);
        for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
            corners(rowI[e], j, col);
            double hard = meanHardness(col);
            for (int k = 0; k < nz - 1; k++) {
                elementHeights(col, off, k, z, edge);
                for (int a = 0; a < 8; a++) {
                    int node = slot[col[a & 3]] * nz + k + (a >> 2);
                    nodes[a] = node;
                    u[a] = x[node];
                    v[a] = x[n + node];
                }
                DoubleVector zx = DoubleVector.zero(EIGHT);
                DoubleVector zy = zx;
                DoubleVector uXi = zx;
                DoubleVector uEta = zx;
                DoubleVector uZeta = zx;
                DoubleVector vXi = zx;
                DoubleVector vEta = zx;
                DoubleVector vZeta = zx;
                for (int a = 0; a < 8; a++) {
                    DoubleVector cXi = DoubleVector.fromArray(EIGHT, BY_NODE_XI, a * 8);
                    DoubleVector cEta = DoubleVector.fromArray(EIGHT, BY_NODE_ETA, a * 8);
                    DoubleVector cZeta = DoubleVector.fromArray(EIGHT, BY_NODE_ZETA, a * 8);
                    zx = cXi.fma(DoubleVector.broadcast(EIGHT, z[a]), zx);
                    zy = cEta.fma(DoubleVector.broadcast(EIGHT, z[a]), zy);
                    uXi = cXi.fma(DoubleVector.broadcast(EIGHT, u[a]), uXi);
                    uEta = cEta.fma(DoubleVector.broadcast(EIGHT, u[a]), uEta);
                    uZeta = cZeta.fma(DoubleVector.broadcast(EIGHT, u[a]), uZeta);
                    vXi = cXi.fma(DoubleVector.broadcast(EIGHT, v[a]), vXi);
                    vEta = cEta.fma(DoubleVector.broadcast(EIGHT, v[a]), vEta);
                    vZeta = cZeta.fma(DoubleVector.broadcast(EIGHT, v[a]), vZeta);
                }
                // ∂z/∂ζ from the edge lengths: a sum of non-negative terms, never rounded below zero (from the
                // elevations, thin columns under a high bed gave negative volumes, hence an unbounded energy)
                DoubleVector zz = DoubleVector.zero(EIGHT);
                for (int c = 0; c < 4; c++) {
                    zz = DoubleVector.fromArray(EIGHT, BY_NODE_ZETA, (4 + c) * 8)
                            .fma(DoubleVector.broadcast(EIGHT, edge[c]), zz);
                }
                DoubleVector invZ = DoubleVector.broadcast(EIGHT, 1.0).div(zz);
                DoubleVector uz = uZeta.mul(invZ);
                DoubleVector vz = vZeta.mul(invZ);
                DoubleVector ux = uXi.sub(zx.mul(uz)).mul(inv);
                DoubleVector uy = uEta.sub(zy.mul(uz)).mul(inv);
                DoubleVector vx = vXi.sub(zx.mul(vz)).mul(inv);
                DoubleVector vy = vEta.sub(zy.mul(vz)).mul(inv);
                DoubleVector exy = uy.add(vx).mul(0.5);
                DoubleVector exz = uz.mul(0.5);
                DoubleVector eyz = vz.mul(0.5);
                DoubleVector q = ux.fma(ux, eps).add(vy.fma(vy, ux.mul(vy))).add(exy.fma(exy, exz.mul(exz)))
                        .add(eyz.mul(eyz));
                DoubleVector rq = inverseCubeRoot(q);
                DoubleVector det = zz.mul(area);
                DoubleVector hd = det.mul(hard).mul(rq);
                energy = q.mul(hd).mul(1.5).add(energy);
                // m = 2η·det = B·det / q^(1/3)
                DoubleVector pux = ux.mul(2).add(vy).mul(hd);
                DoubleVector puy = exy.mul(hd);
                DoubleVector puz = exz.mul(hd);
                DoubleVector pvy = vy.mul(2).add(ux).mul(hd);
                DoubleVector pvz = eyz.mul(hd);
                pux.mul(inv).intoArray(flux, 0);
                puy.mul(inv).intoArray(flux, 8);
                puz.sub(pux.mul(zx).add(puy.mul(zy)).mul(inv)).mul(invZ).intoArray(flux, 16);
                puy.mul(inv).intoArray(flux, 24);
                pvy.mul(inv).intoArray(flux, 32);
                pvz.sub(puy.mul(zx).add(pvy.mul(zy)).mul(inv)).mul(invZ).intoArray(flux, 40);
                DoubleVector gu = DoubleVector.zero(EIGHT);
                DoubleVector gv = gu;
                for (int g = 0; g < 8; g++) {
                    DoubleVector rXi = DoubleVector.fromArray(EIGHT, BY_POINT_XI, g * 8);
                    DoubleVector rEta = DoubleVector.fromArray(EIGHT, BY_POINT_ETA, g * 8);
                    DoubleVector rZeta = DoubleVector.fromArray(EIGHT, BY_POINT_ZETA, g * 8);
                    gu = rXi.fma(DoubleVector.broadcast(EIGHT, flux[g]), gu);
                    gu = rEta.fma(DoubleVector.broadcast(EIGHT, flux[8 + g]), gu);
                    gu = rZeta.fma(DoubleVector.broadcast(EIGHT, flux[16 + g]), gu);
                    gv = rXi.fma(DoubleVector.broadcast(EIGHT, flux[24 + g]), gv);
                    gv = rEta.fma(DoubleVector.broadcast(EIGHT, flux[32 + g]), gv);
                    gv = rZeta.fma(DoubleVector.broadcast(EIGHT, flux[40 + g]), gv);
                }
                gu.intoArray(out, 0);
                gv.intoArray(out, 8);
                for (int a = 0; a < 8; a++) {
                    grad[nodes[a]] += out[a];
                    grad[n + nodes[a]] += out[8 + a];
                }
                if (prec != null) {
                    // lanes = nodes: loop over the Gauss points, the column's lower and upper nodes swapped by SWAP_4
                    hd.mul(0.5).intoArray(gp, 0);
                    zx.intoArray(gp, 8);
                    zy.intoArray(gp, 16);
                    invZ.intoArray(gp, 24);
                    DoubleVector diagU = DoubleVector.zero(EIGHT);
                    DoubleVector diagV = diagU;
                    DoubleVector offU = diagU;
                    DoubleVector offV = diagU;
                    for (int g = 0; g < 8; g++) {
                        DoubleVector pz = DoubleVector.fromArray(EIGHT, BY_POINT_ZETA, g * 8).mul(gp[24 + g]);
                        DoubleVector px = DoubleVector.fromArray(EIGHT, BY_POINT_XI, g * 8).sub(pz.mul(gp[8 + g]))
                                .mul(inv);
                        DoubleVector py = DoubleVector.fromArray(EIGHT, BY_POINT_ETA, g * 8).sub(pz.mul(gp[16 + g]))
                                .mul(inv);
                        DoubleVector xx = px.mul(px);
                        DoubleVector yy = py.mul(py);
                        DoubleVector zzz = pz.mul(pz);
                        double ed = gp[g];
                        diagU = xx.mul(4).add(yy).add(zzz).mul(ed).add(diagU);
                        diagV = yy.mul(4).add(xx).add(zzz).mul(ed).add(diagV);
                        DoubleVector xo = px.mul(px.rearrange(SWAP_4));
                        DoubleVector yo = py.mul(py.rearrange(SWAP_4));
                        DoubleVector zo = pz.mul(pz.rearrange(SWAP_4));
                        offU = xo.mul(4).add(yo).add(zo).mul(ed).add(offU);
                        offV = yo.mul(4).add(xo).add(zo).mul(ed).add(offV);
                    }
                    diagU.intoArray(out, 0);
                    diagV.intoArray(out, 8);
                    for (int a = 0; a < 8; a++) {
                        prec[nodes[a]] += out[a];
                        prec[2 * n + nodes[a]] += out[8 + a];
                    }
                    offU.intoArray(out, 0);
                    offV.intoArray(out, 8);
                    for (int c = 0; c < 4; c++) {
                        prec[n + nodes[c]] += out[c];
                        prec[3 * n + nodes[c]] += out[8 + c];
                    }
                }
            }
        }
        return sum8(energy);
    }

    /**
     * q^(−1/3) for positive normal q, to a few units in the last place, by exactly rounded operations only, so that
     * the result is the same whether the code runs interpreted or compiled (the Vector API's CBRT is not: its
     * intrinsic and its Java fallback may differ by an ulp, which made solves irreproducible). A first guess from
     * the exponent bits, y₀ = bits⁻¹(K − bits(q)/3) with K = 4/3·bits(1.0) (within about 10%), then five Newton steps
     * y ← y (4 − q y³)/3, each squaring the relative error.
     */
    static DoubleVector inverseCubeRoot(DoubleVector q) {
        LongVector bits = q.reinterpretAsLongs();
        DoubleVector third = ((DoubleVector) bits.convert(VectorOperators.L2D, 0)).mul(1.0 / 3);
        LongVector guess = LongVector.broadcast(LONGS, INVERSE_CBRT_MAGIC)
                .sub((LongVector) third.convert(VectorOperators.D2L, 0));
        DoubleVector y = guess.reinterpretAsDoubles();
        for (int i = 0; i < 5; i++) {
            DoubleVector t = q.mul(y).mul(y).mul(y);
            y = y.mul(t.neg().add(4)).mul(1.0 / 3);
        }
        return y;
    }

    /**
     * The sum of the eight lanes in a fixed order, as a tree of lane swaps (reduceLanes may add in any order, and
     * differently once compiled, which would make solves irreproducible at the rounding level).
     */
    private static double sum8(DoubleVector v) {
        DoubleVector a = v.add(v.rearrange(SWAP_4));
        DoubleVector b = a.add(a.rearrange(SWAP_2));
        return b.add(b.rearrange(SWAP_1)).lane(0);
    }

    /** The scalar kernel: viscous energy, gradient and (when {@code prec} is not null) the column blocks. */
    private double elementRowScalar(int j, double[] x, double[] grad, double[] prec) {
        int[] col = new int[4];
        double[] off = new double[4];
        tiltOffsets(off);
        double[] z = new double[8];
        double[] edge = new double[4];
        double[] u = new double[8];
        double[] v = new double[8];
        double[] gu = new double[8];
        double[] gv = new double[8];
        double[] px = new double[8];
        double[] py = new double[8];
        double[] pz = new double[8];
        double inv = 1 / hx;
        double energy = 0;
        for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
            corners(rowI[e], j, col);
            double hard = meanHardness(col);
            for (int k = 0; k < nz - 1; k++) {
                elementHeights(col, off, k, z, edge);
                for (int a = 0; a < 8; a++) {
                    int node = slot[col[a & 3]] * nz + k + (a >> 2);
                    u[a] = x[node];
                    v[a] = x[n + node];
                    gu[a] = 0;
                    gv[a] = 0;
                }
                for (int g = 0; g < 8; g++) {
                    double[] nXi = DXI[g];
                    double[] nEta = DETA[g];
                    double[] nZeta = DZETA[g];
                    double zx = 0;
                    double zy = 0;
                    double zz = jacobianZ(nZeta, edge);
                    double uXi = 0;
                    double uEta = 0;
                    double uZeta = 0;
                    double vXi = 0;
                    double vEta = 0;
                    double vZeta = 0;
                    for (int a = 0; a < 8; a++) {
                        zx += nXi[a] * z[a];
                        zy += nEta[a] * z[a];
                        uXi += nXi[a] * u[a];
                        uEta += nEta[a] * u[a];
                        uZeta += nZeta[a] * u[a];
                        vXi += nXi[a] * v[a];
                        vEta += nEta[a] * v[a];
                        vZeta += nZeta[a] * v[a];
                    }
                    double invZ = 1 / zz;
                    double uz = uZeta * invZ;
                    double vz = vZeta * invZ;
                    double ux = (uXi - zx * uz) * inv;
                    double uy = (uEta - zy * uz) * inv;
                    double vx = (vXi - zx * vz) * inv;
                    double vy = (vEta - zy * vz) * inv;
                    double exy = 0.5 * (uy + vx);
                    double exz = 0.5 * uz;
                    double eyz = 0.5 * vz;
                    double q = ux * ux + vy * vy + ux * vy + exy * exy + exz * exz + eyz * eyz + eps0sq;
                    double cq = Math.cbrt(q);
                    double det = hx * hx * zz;
                    energy += 1.5 * hard * q / cq * det;
                    double eta = 0.5 * hard / cq;
                    double m = 2 * eta * det;
                    double pux = m * (2 * ux + vy);
                    double puy = m * exy;
                    double puz = m * exz;
                    double pvx = puy;
                    double pvy = m * (2 * vy + ux);
                    double pvz = m * eyz;
                    double fuXi = pux * inv;
                    double fuEta = puy * inv;
                    double fuZeta = (puz - (pux * zx + puy * zy) * inv) * invZ;
                    double fvXi = pvx * inv;
                    double fvEta = pvy * inv;
                    double fvZeta = (pvz - (pvx * zx + pvy * zy) * inv) * invZ;
                    for (int a = 0; a < 8; a++) {
                        gu[a] += fuXi * nXi[a] + fuEta * nEta[a] + fuZeta * nZeta[a];
                        gv[a] += fvXi * nXi[a] + fvEta * nEta[a] + fvZeta * nZeta[a];
                    }
                    if (prec != null) {
                        double ed = eta * det;
                        for (int a = 0; a < 8; a++) {
                            pz[a] = nZeta[a] * invZ;
                            px[a] = (nXi[a] - zx * pz[a]) * inv;
                            py[a] = (nEta[a] - zy * pz[a]) * inv;
                        }
                        for (int c = 0; c < 4; c++) {
                            int lo = c;
                            int hi = 4 + c;
                            int node = slot[col[c]] * nz + k;
                            double xx0 = px[lo] * px[lo];
                            double yy0 = py[lo] * py[lo];
                            double zz0 = pz[lo] * pz[lo];
                            double xx1 = px[hi] * px[hi];
                            double yy1 = py[hi] * py[hi];
                            double zz1 = pz[hi] * pz[hi];
                            double xx01 = px[lo] * px[hi];
                            double yy01 = py[lo] * py[hi];
                            double zz01 = pz[lo] * pz[hi];
                            prec[node] += ed * (4 * xx0 + yy0 + zz0);
                            prec[node + 1] += ed * (4 * xx1 + yy1 + zz1);
                            prec[n + node] += ed * (4 * xx01 + yy01 + zz01);
                            prec[2 * n + node] += ed * (xx0 + 4 * yy0 + zz0);
                            prec[2 * n + node + 1] += ed * (xx1 + 4 * yy1 + zz1);
                            prec[3 * n + node] += ed * (xx01 + 4 * yy01 + zz01);
                        }
                    }
                }
                for (int a = 0; a < 8; a++) {
                    int node = slot[col[a & 3]] * nz + k + (a >> 2);
                    grad[node] += gu[a];
                    grad[n + node] += gv[a];
                }
            }
        }
        return energy;
    }

    /**
     * Factors the column blocks (Thomas algorithm; the blocks are principal submatrices of a symmetric positive
     * definite matrix, so no pivoting is needed): {@code lu} (4n) receives, per component, the reciprocal pivots and
     * the eliminated upper couplings, for {@link #applyPreconditioner}.
     */
    private void factor(double[] prec, double[] lu) {
        for (int comp = 0; comp < 2; comp++) {
            int d0 = 2 * comp * n;
            int o0 = d0 + n;
            for (int c = 0; c < dummy; c++) {
                int first = c * nz;
                double upper = 0;
                for (int k = 0; k < nz; k++) {
                    int i = first + k;
                    double lower = k > 0 ? prec[o0 + i - 1] : 0;
                    double pivot = 1 / (prec[d0 + i] - lower * upper);
                    upper = k < nz - 1 ? prec[o0 + i] * pivot : 0;
                    lu[d0 + i] = pivot;
                    lu[o0 + i] = upper;
                }
            }
        }
    }

    /**
     * Applies the inverse of the column blocks, out = P⁻¹ r, column by column and component by component, from the
     * blocks {@code prec} and their factors {@code lu} ({@link #factor}); zero on the dummy column.
     */
    private void applyPreconditioner(double[] prec, double[] lu, double[] r, double[] out) {
        ParallelRows team = ParallelRows.shared();
        int workers = dummy < 2048 ? 1 : Math.max(1, team.chunks(threads, Integer.MAX_VALUE, 2));
        team.run(workers, t -> {
            for (int comp = t; comp < 2; comp += workers) {
                solveColumns(prec, lu, r, out, comp);
            }
        });
    }

    /** P⁻¹ r for one component (0: u, 1: v). */
    private void solveColumns(double[] prec, double[] lu, double[] r, double[] out, int comp) {
        int d0 = 2 * comp * n;
        int o0 = d0 + n;
        int r0 = comp * n;
        for (int c = 0; c < dummy; c++) {
            int first = c * nz;
            double previous = r[r0 + first] * lu[d0 + first];
            out[r0 + first] = previous;
            for (int k = 1; k < nz; k++) {
                int i = first + k;
                previous = (r[r0 + i] - prec[o0 + i - 1] * previous) * lu[d0 + i];
                out[r0 + i] = previous;
            }
            for (int k = nz - 2; k >= 0; k--) {
                int i = first + k;
                out[r0 + i] -= lu[o0 + i] * out[r0 + i + 1];
            }
        }
        Arrays.fill(out, r0 + dummy * nz, r0 + n, 0);
    }
}
