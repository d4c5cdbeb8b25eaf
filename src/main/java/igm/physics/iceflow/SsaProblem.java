package igm.physics.iceflow;

import igm.solver.NewtonProblem;

/**
 * One SSA problem of {@link ShallowShelfFlow} in one discretisation ({@link BilinearSsaProblem},
 * {@link QuadraticSsaProblem}): the energy and its linearisations over the velocity unknowns of the discretisation's
 * nodes, and the map between those and the grid nodes.
 */
interface SsaProblem extends NewtonProblem {

    /**
     * A new velocity vector of the discretisation's nodes (u and v interleaved per node, m a⁻¹): the given velocities at
     * the Dirichlet nodes, zero elsewhere.
     */
    double[] fixedVelocity();

    /**
     * The velocity at the grid nodes of the vector x of the discretisation's nodes.
     *
     * @param x the velocity of the discretisation's nodes, read only
     * @param u output, x velocity per grid node, m a⁻¹
     * @param v output, y velocity per grid node, m a⁻¹
     */
    void nodeVelocity(double[] x, double[] u, double[] v);
}
