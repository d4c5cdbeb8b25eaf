/**
 * Energy minimisation: problems and the solvers that own their numerics (layer 3: imports only the root package,
 * grid, params and parallel). A {@link igm.solver.NewtonProblem} (a convex energy over a two-component field with
 * its Picard and Newton linearisations on a {@link igm.solver.BlockStencilMatrix}) is minimised by the
 * {@link igm.solver.NewtonSolver} (Newton with a backtracking line search, block-Jacobi preconditioned conjugate
 * gradients); an {@link igm.solver.EnergyProblem} (an energy and its gradient) with a
 * {@link igm.solver.Preconditioner} by the {@link igm.solver.LbfgsSolver}. Each solver has an options record
 * validated in its constructor and returns a report. The physics (the SSA, the Blatter–Pattyn model) states the
 * problems; tolerances and iteration caps live here.
 */
package igm.solver;
