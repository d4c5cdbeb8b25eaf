package igm.solver;

/**
 * A smooth energy E(x) over a vector of unknowns, with its gradient: what the {@link LbfgsSolver} minimises, and what
 * anything else that needs the energy and its gradient at a given state (a training loss, a test) can evaluate. Some
 * entries of x may be fixed: their gradient entries are zero, so that a minimiser never moves them.
 */
public interface EnergyProblem {

    /** The number of unknowns, the length of x and of the gradient. */
    int size();

    /**
     * The energy at x and its gradient.
     *
     * @param x        the state, {@link #size()} entries, read only
     * @param gradient output, {@link #size()} entries: ∂E/∂x (zero at fixed entries)
     * @return E(x)
     */
    double energy(double[] x, double[] gradient);

    /**
     * The largest magnitude an entry of a sound iterate can have: a minimiser whose iterate goes beyond it is
     * diverging (an energy unbounded below) and stops. Infinite unless the problem knows better.
     */
    default double divergenceBound() {
        return Double.POSITIVE_INFINITY;
    }
}
