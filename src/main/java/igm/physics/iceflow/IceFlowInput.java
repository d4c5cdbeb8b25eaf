package igm.physics.iceflow;

import igm.grid.Grid2D;

/**
 * The state an ice-flow model needs, on one grid; all arrays have {@code grid.size()} entries in the grid's
 * row-major order and are read, never written.
 *
 * @param grid               the grid
 * @param thickness          ice thickness h, m, ≥ 0
 * @param surface            upper surface elevation s, m a.s.l. (bed + h on grounded ice)
 * @param slidingCoefficient Weertman sliding coefficient c of u_b = c·τ_b³, km MPa⁻³ a⁻¹ (as in the paper)
 * @param rateFactor         Glen's rate factor A, MPa⁻³ a⁻¹ (temperate ice: 78)
 */
public record IceFlowInput(Grid2D grid, double[] thickness, double[] surface, double[] slidingCoefficient,
                           double[] rateFactor) {

    public IceFlowInput {
        int n = grid.size();
        check("thickness", thickness, n);
        check("surface", surface, n);
        check("slidingCoefficient", slidingCoefficient, n);
        check("rateFactor", rateFactor, n);
    }

    private static void check(String name, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " entries, got "
                    + (a == null ? "null" : a.length));
        }
    }
}
