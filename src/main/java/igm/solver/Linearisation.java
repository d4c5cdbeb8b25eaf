package igm.solver;

/** Which linear model of its energy a {@link NewtonProblem} assembles for one step of the {@link NewtonSolver}. */
public enum Linearisation {

    /**
     * A Picard matrix at the problem's own starting guess of the state rather than at the iterate (the first step of
     * a start without a previous solution, where the iterate says nothing: from zero velocity a regularised viscosity
     * would be huge); the right-hand side is that of the frozen quadratic energy. Its step does not count towards
     * convergence.
     */
    INITIAL,

    /** The Picard matrix: the coefficients (viscosity, drag) frozen at the iterate. */
    PICARD,

    /** The Hessian of the energy at the iterate (or the problem's positive-definite approximation of it). */
    NEWTON
}
