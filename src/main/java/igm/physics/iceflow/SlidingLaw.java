package igm.physics.iceflow;

/**
 * A basal sliding law, written as a drag: the basal shear stress is τ_b = −β(|u_b|)·u_b, with τ_b in MPa, the
 * sliding velocity u_b in m a⁻¹ and the drag coefficient β in MPa a m⁻¹. Shared by the SSA, hybrid and
 * Blatter–Pattyn solvers. Laws are defined per grid point ({@code point} is the flat index of the grid the solver
 * works on).
 *
 * <p>Each law also gives its dissipation potential P(|u|) per unit bed area, MPa m a⁻¹, with dP/d|u| = β(|u|)·|u|,
 * for solvers that minimise an energy, and dβ/d|u| for Newton linearisations. Laws that are singular at zero speed
 * (Weertman with m = 3, plastic) are regularised with a small speed ε: |u| is replaced by √(|u|² + ε²).
 */
public sealed interface SlidingLaw permits WeertmanSliding, LinearSliding, PlasticSliding {

    /** True where the ice is frozen to its bed: the sliding velocity is zero (a Dirichlet condition). */
    boolean noSlip(int point);

    /** The drag coefficient β at sliding speed {@code speed} (m a⁻¹), MPa a m⁻¹; finite unless {@link #noSlip}. */
    double drag(int point, double speed);

    /** dβ/d|u| at sliding speed {@code speed}, MPa a² m⁻². */
    double dragDerivative(int point, double speed);

    /** The dissipation potential P(|u|) per unit bed area, MPa m a⁻¹, with dP/d|u| = β·|u|. */
    double potential(int point, double speed);
}
