package igm.solver;

/** An {@link EnergyProblem} that can also build a {@link Preconditioner} at the state where it evaluates. */
public interface PreconditionedProblem extends EnergyProblem {

    /** A new preconditioner of this problem, to be filled by {@link #energy(double[], double[], Preconditioner)}. */
    Preconditioner newPreconditioner();

    /**
     * The energy at x and its gradient, as {@link #energy(double[], double[])}, and, when {@code preconditioner} is not
     * null, the preconditioner at x into it (not yet factored).
     *
     * @param preconditioner one of {@link #newPreconditioner()}, or null
     */
    double energy(double[] x, double[] gradient, Preconditioner preconditioner);

    @Override
    default double energy(double[] x, double[] gradient) {
        return energy(x, gradient, null);
    }
}
