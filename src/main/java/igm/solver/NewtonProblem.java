package igm.solver;

/**
 * A convex energy E(x) over a two-component field on the nodes of a grid, for the {@link NewtonSolver}: vectors
 * interleave the components per node ({@code x[2k]}, {@code x[2k + 1]}); the unknowns are the two components of the
 * {@link BlockStencilMatrix#free() free nodes} of the problem's matrix, every other entry of x is fixed.
 *
 * <p>The problem states the physics (the energy, its gradient and its linearisations); the solver owns the numerics
 * (the iteration, the line search, the linear solves, the stopping rule).
 */
public interface NewtonProblem {

    /**
     * The matrix that {@link #linearise} assembles; its free nodes are the unknowns. The same object for every call.
     */
    BlockStencilMatrix matrix();

    /**
     * The energy at x (terms of the fixed entries alone may be left out: they are constants).
     *
     * @param x the state, read only
     */
    double energy(double[] x);

    /**
     * Assembles the matrix of the given linearisation at x into {@link #matrix()} (its preconditioner not yet
     * factored) and writes the right-hand side of the step's linear system, −∇E(x) (for {@link Linearisation#INITIAL}
     * that of the frozen quadratic energy), into the free nodes' entries of {@code rightHandSide} (the solver reads no
     * other entry; the problem may overwrite them).
     *
     * @param x             the state, read only
     * @param linearisation which matrix to assemble
     * @param rightHandSide output, the length of x
     */
    void linearise(double[] x, Linearisation linearisation, double[] rightHandSide);
}
