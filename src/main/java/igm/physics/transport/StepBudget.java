package igm.physics.transport;

/**
 * The ice-volume budget of one thickness-update step, m³ (ice), computed in double precision.
 *
 * <p>In exact arithmetic {@code volumeAfter − volumeBefore = smbVolume − outflowVolume + clippedVolume}: fluxes
 * between cells cancel, so the volume changes only by the surface mass balance, the flux through the domain
 * boundary and the ice added where a negative thickness was set to zero. {@code smbVolume} counts the SMB as given
 * (Σ SMB·Δt·Δx²), also where the cell had less ice than the ablation would remove; that excess comes back in
 * {@code clippedVolume}, which also absorbs any undershoot of the flux divergence. The ablation actually realised
 * is therefore {@code smbVolume + clippedVolume} (to within the flux-undershoot part of the clipping).
 *
 * @param timeStepYears the step Δt, years
 * @param volumeBefore  Σ h·Δx² before the step
 * @param volumeAfter   Σ h·Δx² after the step
 * @param smbVolume     Σ SMB·Δt·Δx², the volume the surface mass balance would add (negative for net ablation)
 * @param outflowVolume volume that left through the domain boundary, ≥ 0 (nothing can enter: cells outside hold
 *                      no ice)
 * @param clippedVolume volume added by setting negative thicknesses to zero, ≥ 0
 */
public record StepBudget(double timeStepYears, double volumeBefore, double volumeAfter, double smbVolume,
                         double outflowVolume, double clippedVolume) {

    /** The change of volume over the step, m³. */
    public double volumeChange() {
        return volumeAfter - volumeBefore;
    }

    /** |ΔV − (smb − outflow + clipped)|, m³: zero up to round-off. */
    public double residual() {
        return Math.abs(volumeChange() - (smbVolume - outflowVolume + clippedVolume));
    }
}
