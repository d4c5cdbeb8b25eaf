package igm.physics.iceflow;

/**
 * Depth-averaged velocity normal to cell edges, m a⁻¹.
 *
 * @param uEdge x velocity on the x-edges: {@code (nx+1)·ny} entries, edge {@code i} of row {@code j} at index
 *              {@code j·(nx+1) + i} lies between cells {@code i-1} and {@code i} (edges 0 and nx are the domain
 *              boundary)
 * @param vEdge y velocity on the y-edges: {@code nx·(ny+1)} entries, edge {@code j} of column {@code i} at index
 *              {@code j·nx + i} lies between cells {@code (i, j-1)} and {@code (i, j)}
 */
public record StaggeredVelocity(double[] uEdge, double[] vEdge) {
}
