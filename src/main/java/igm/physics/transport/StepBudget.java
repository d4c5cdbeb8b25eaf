package igm.physics.transport;

/**
 * The ice-volume budget of one thickness-update step, m³ (ice), computed in double precision.
 *
 * <p>In exact arithmetic {@code volumeAfter − volumeBefore = smbVolume − outflowVolume + clippedVolume}: fluxes
 * between cells cancel, so the volume changes only by the surface mass balance applied to ice, the flux through the
 * domain boundary and the ice added where a negative thickness was set to zero. The terms, per cell of the step:
 * <ul>
 *   <li>a cell is <em>ice-free</em> over the step when it holds no ice at its start (h = 0) and receives none by flow
 *       (zero flux divergence); there a negative SMB melts nothing: its SMB·Δt·Δx² goes to
 *       {@code iceFreeAblationVolume} and nowhere else;</li>
 *   <li>{@code smbVolume} is Σ SMB·Δt·Δx² over every other cell: the SMB applied to ice (including accumulation
 *       that starts ice on bare ground, and the ablation of cells that melt through within the step);</li>
 *   <li>{@code clippedVolume} is Σ max(0, −(h + SMB·Δt − Δt·∇·q)) ·Δx² over those other cells: the part of the
 *       ablation (or of a flux undershoot) beyond the ice a cell held or received within the step, given back when
 *       its thickness is set to zero. The ablation actually realised on ice is {@code smbVolume + clippedVolume} for
 *       the negative part.</li>
 * </ul>
 *
 * @param timeStepYears         the step Δt, years
 * @param volumeBefore          Σ h·Δx² before the step
 * @param volumeAfter           Σ h·Δx² after the step
 * @param smbVolume             the volume the surface mass balance would add to ice (negative for net ablation)
 * @param outflowVolume         volume that left through the domain boundary, ≥ 0 (nothing can enter: cells outside
 *                              hold no ice)
 * @param clippedVolume         volume added by setting negative thicknesses of ice cells to zero, ≥ 0
 * @param iceFreeAblationVolume Σ SMB·Δt·Δx² over the ice-free cells with a negative SMB, ≤ 0: ablation that fell on
 *                              ice-free ground, not part of the balance
 */
public record StepBudget(double timeStepYears, double volumeBefore, double volumeAfter, double smbVolume,
                         double outflowVolume, double clippedVolume, double iceFreeAblationVolume) {

    /** The change of volume over the step, m³. */
    public double volumeChange() {
        return volumeAfter - volumeBefore;
    }

    /** |ΔV − (smb − outflow + clipped)|, m³: zero up to round-off. */
    public double residual() {
        return Math.abs(volumeChange() - (smbVolume - outflowVolume + clippedVolume));
    }
}
