package igm.solver;

import igm.parallel.ParallelRows;

/**
 * A symmetric positive-definite matrix of a two-component field on the nodes of a regular grid, each node coupled to
 * a square neighbourhood of nodes, with its preconditioned conjugate-gradient solver: the linear systems of the
 * {@link NewtonSolver} (the linearised shallow-shelf equations on bilinear or biquadratic elements).
 *
 * <p>Every unknown node couples with its 3×3 neighbourhood (or 5×5), each coupling a 2×2 block (u–u, u–v, v–u,
 * v–v): 36 (100) coefficients per node,
 * stored as {@code a[36·f + 4·o + c]} for the f-th free node, neighbour offset {@code o = 3·(dj+1) + (di+1)}
 * ({@code a[100·f + 4·o + c]}, {@code o = 5·(dj+2) + (di+2)}) and component pair {@code c} (0 uu, 1 uv, 2 vu, 3 vv).
 * Rows exist only for the free nodes (those whose velocity is unknown); columns of fixed nodes are read from the
 * vector, whose fixed entries are zero in the conjugate-gradient iterations. Vectors interleave the components:
 * {@code x[2k]} = u, {@code x[2k+1]} = v of node k.
 *
 * <p>Preconditioner: the inverse of each node's 2×2 diagonal block (block Jacobi).
 */
public final class BlockStencilMatrix {

    /** Offset of the node itself in a 3×3 neighbourhood. */
    public static final int CENTRE = 4;

    private final int[] free;
    /**
     * Flat index of each neighbour of each free node, {@code neighbour[slots·f + o]} (the node itself where it has no
     * neighbour; its coefficients stay zero).
     */
    private final int[] neighbour;
    private final double[] a;
    /** Neighbours per node: 9 (a 3×3 neighbourhood) or 25 (5×5). */
    private final int slots;
    /** Offset of the node itself among its neighbours. */
    private final int centre;
    private final double[] inverseDiagonal;
    private final int threads;

    /**
     * The matrix (all coefficients zero) of a square neighbourhood of {@code slots} nodes (9 or 25), offset
     * {@code o = w·(dj + r) + (di + r)} with w = √slots and r = (w − 1)/2; the node itself at {@code slots/2}.
     *
     * @param free      the unknown nodes, in the order of the rows (read, not copied)
     * @param neighbour flat index of each neighbour of each free node, {@code neighbour[slots·f + o]} (the node itself
     *                  where it has no neighbour); read, not copied
     * @param slots     neighbours per node, 9 or 25
     * @param threads   threads for the matrix–vector products, ≥ 1 (results do not depend on it)
     * @throws IllegalArgumentException when {@code slots} is neither 9 nor 25
     */
    public BlockStencilMatrix(int[] free, int[] neighbour, int slots, int threads) {
        if (slots != 9 && slots != 25) {
            throw new IllegalArgumentException("a neighbourhood of 9 or 25 nodes, got " + slots);
        }
        this.free = free;
        this.neighbour = neighbour;
        this.slots = slots;
        this.centre = slots / 2;
        this.a = new double[4 * slots * free.length];
        this.inverseDiagonal = new double[4 * free.length];
        this.threads = threads;
    }

    /** The unknown nodes (the rows), not a copy. */
    public int[] free() {
        return free;
    }

    /**
     * The coefficients, {@code [4·slots·f + 4·o + c]} (see the class comment), not a copy: the caller assembles the
     * matrix into it.
     */
    public double[] coefficients() {
        return a;
    }

    /** Chunks for the loops over the free nodes. */
    private int chunks() {
        return ParallelRows.shared().chunks(threads, free.length, free.length);
    }

    /** out[free rows] = A·x (entries of out at fixed nodes untouched). */
    public void multiply(double[] x, double[] out) {
        int chunks = chunks();
        if (chunks == 1) {
            multiplyRange(x, out, 0, free.length);
        } else {
            ParallelRows.shared().run(chunks, t -> multiplyRange(x, out, (int) ((long) free.length * t / chunks),
                    (int) ((long) free.length * (t + 1) / chunks)));
        }
    }

    /**
     * The rows from … to − 1 of A·x. The neighbourhood size is passed as a literal from each call site, so that the
     * compiler sees a constant loop bound there: with the field {@code slots} as the bound, the bilinear SSA's test-I
     * solve on 121 × 61 nodes took 1.13 s against 1.05–1.07 s with the former constant 9, and 1.06–1.10 s with
     * the literals.
     */
    private void multiplyRange(double[] x, double[] out, int from, int to) {
        if (slots == 9) {
            multiplyRange(x, out, from, to, 9);
        } else {
            multiplyRange(x, out, from, to, 25);
        }
    }

    private void multiplyRange(double[] x, double[] out, int from, int to, int width) {
        for (int f = from; f < to; f++) {
            int base = 4 * width * f;
            int nb = width * f;
            double su = 0;
            double sv = 0;
            for (int o = 0; o < width; o++) {
                int m = neighbour[nb + o];
                double xu = x[2 * m];
                double xv = x[2 * m + 1];
                int c = base + 4 * o;
                su += a[c] * xu + a[c + 1] * xv;
                sv += a[c + 2] * xu + a[c + 3] * xv;
            }
            int k = free[f];
            out[2 * k] = su;
            out[2 * k + 1] = sv;
        }
    }

    /** Computes the inverses of the 2×2 diagonal blocks; call after assembly, before {@link #solve}. */
    public void factorPreconditioner() {
        for (int f = 0; f < free.length; f++) {
            int c = 4 * slots * f + 4 * centre;
            double uu = a[c];
            double uv = 0.5 * (a[c + 1] + a[c + 2]);
            double vv = a[c + 3];
            double det = uu * vv - uv * uv;
            double inv = 1 / det;
            inverseDiagonal[4 * f] = vv * inv;
            inverseDiagonal[4 * f + 1] = -uv * inv;
            inverseDiagonal[4 * f + 2] = -uv * inv;
            inverseDiagonal[4 * f + 3] = uu * inv;
        }
    }

    /**
     * Solves A·δ = r for the correction δ by preconditioned conjugate gradients from δ = 0, until
     * ‖r − Aδ‖₂ ≤ relativeTolerance·‖r‖₂ or maxIterations.
     *
     * @param r        right-hand side at the free nodes (entries at other nodes are ignored); overwritten
     * @param delta    output, length 2·nodes; entries at non-free nodes are left zero
     * @param work     three work arrays of length 2·nodes, zero at the non-free nodes
     * @return the iterations taken
     */
    public int solve(double[] r, double[] delta, double[][] work, double relativeTolerance, int maxIterations) {
        double[] z = work[0];
        double[] p = work[1];
        double[] q = work[2];
        double rr0 = 0;
        for (int k : free) {
            delta[2 * k] = 0;
            delta[2 * k + 1] = 0;
            rr0 += r[2 * k] * r[2 * k] + r[2 * k + 1] * r[2 * k + 1];
        }
        if (rr0 == 0) {
            return 0;
        }
        double limit = relativeTolerance * relativeTolerance * rr0;
        double rz = precondition(r, z);
        System.arraycopy(z, 0, p, 0, z.length);
        int it = 0;
        double rr = rr0;
        while (it < maxIterations && rr > limit) {
            multiply(p, q);
            double pq = 0;
            for (int k : free) {
                pq += p[2 * k] * q[2 * k] + p[2 * k + 1] * q[2 * k + 1];
            }
            if (!(pq > 0)) {
                break; // breakdown: p is in the null space or the system is not positive definite
            }
            double alpha = rz / pq;
            rr = 0;
            for (int k : free) {
                int u = 2 * k;
                delta[u] += alpha * p[u];
                delta[u + 1] += alpha * p[u + 1];
                r[u] -= alpha * q[u];
                r[u + 1] -= alpha * q[u + 1];
                rr += r[u] * r[u] + r[u + 1] * r[u + 1];
            }
            it++;
            double rzNew = precondition(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int k : free) {
                int u = 2 * k;
                p[u] = z[u] + beta * p[u];
                p[u + 1] = z[u + 1] + beta * p[u + 1];
            }
        }
        return it;
    }

    /** z = M⁻¹ r on the free nodes; returns r·z. */
    private double precondition(double[] r, double[] z) {
        double rz = 0;
        for (int f = 0; f < free.length; f++) {
            int k = free[f];
            double ru = r[2 * k];
            double rv = r[2 * k + 1];
            int d = 4 * f;
            double zu = inverseDiagonal[d] * ru + inverseDiagonal[d + 1] * rv;
            double zv = inverseDiagonal[d + 2] * ru + inverseDiagonal[d + 3] * rv;
            z[2 * k] = zu;
            z[2 * k + 1] = zv;
            rz += ru * zu + rv * zv;
        }
        return rz;
    }
}
