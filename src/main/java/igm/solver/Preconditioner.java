package igm.solver;

/**
 * An approximation P of the Hessian of a {@link PreconditionedProblem} at some state, cheap to invert: filled by
 * {@link PreconditionedProblem#energy(double[], double[], Preconditioner)}, then {@link #factor() factored}, then
 * {@link #apply applied} any number of times.
 */
public interface Preconditioner {

    /** Factors the blocks last filled in; call before {@link #apply}. */
    void factor();

    /**
     * out = P⁻¹ r.
     *
     * @param r   the vector, the problem's size, read only
     * @param out output, the problem's size
     */
    void apply(double[] r, double[] out);
}
