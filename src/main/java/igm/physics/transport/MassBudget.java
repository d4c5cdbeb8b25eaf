package igm.physics.transport;

/**
 * Running totals of the ice-volume budget over many steps (m³, double precision), fed with the {@link StepBudget}
 * of each step. Not thread-safe.
 *
 * <p>The residual {@code |V_now − V_start − (smb − outflow + clipped)|} stays at round-off when the state was
 * changed only by {@link ThicknessTransport#step}; {@link #relativeResidual()} divides it by the turnover (the sum
 * of the magnitudes of the terms and of the initial volume). The SMB term is the SMB applied to ice; the ablation
 * that fell on ice-free ground is kept apart ({@link #iceFreeAblationVolume()}), outside the balance, and the
 * clipping covers only ice cells that melted through within a step (see {@link StepBudget}).
 */
public final class MassBudget {

    private int steps;
    private double elapsedYears;
    private double initialVolume = Double.NaN;
    private double currentVolume = Double.NaN;
    private double smbVolume;
    private double outflowVolume;
    private double clippedVolume;
    private double iceFreeAblationVolume;
    private double positiveSmbVolume;
    private double negativeSmbVolume;

    /** Adds one step; the first step fixes the initial volume. */
    public void add(StepBudget step) {
        if (steps == 0) {
            initialVolume = step.volumeBefore();
        }
        steps++;
        elapsedYears += step.timeStepYears();
        currentVolume = step.volumeAfter();
        smbVolume += step.smbVolume();
        if (step.smbVolume() >= 0) {
            positiveSmbVolume += step.smbVolume();
        } else {
            negativeSmbVolume += step.smbVolume();
        }
        outflowVolume += step.outflowVolume();
        clippedVolume += step.clippedVolume();
        iceFreeAblationVolume += step.iceFreeAblationVolume();
    }

    /** Number of steps added. */
    public int steps() {
        return steps;
    }

    /** Sum of the time steps, years. */
    public double elapsedYears() {
        return elapsedYears;
    }

    /** Volume before the first step, m³ (NaN before any step). */
    public double initialVolume() {
        return initialVolume;
    }

    /** Volume after the last step, m³ (NaN before any step). */
    public double currentVolume() {
        return currentVolume;
    }

    /** Total volume change, m³. */
    public double volumeChange() {
        return steps == 0 ? 0 : currentVolume - initialVolume;
    }

    /** Total volume added by the surface mass balance applied to ice, m³ (negative for net ablation). */
    public double smbVolume() {
        return smbVolume;
    }

    /** Total volume that left through the domain boundary, m³. */
    public double outflowVolume() {
        return outflowVolume;
    }

    /** Total volume added by clipping the negative thickness of ice cells that melted through in a step, m³. */
    public double clippedVolume() {
        return clippedVolume;
    }

    /** Total ablation that fell on ice-free ground, m³ ice eq., ≤ 0: not part of the balance. */
    public double iceFreeAblationVolume() {
        return iceFreeAblationVolume;
    }

    /** |ΔV − (smb − outflow + clipped)|, m³. */
    public double residual() {
        return Math.abs(volumeChange() - (smbVolume - outflowVolume + clippedVolume));
    }

    /** {@link #residual()} over the turnover V₀ + Σ|smb per step| + outflow + clipped (0 when all are 0). */
    public double relativeResidual() {
        if (steps == 0) {
            return 0;
        }
        double turnover = Math.abs(initialVolume()) + positiveSmbVolume - negativeSmbVolume + outflowVolume
                + clippedVolume;
        return turnover > 0 ? residual() / turnover : residual();
    }

    @Override
    public String toString() {
        return String.format("%d steps over %.6g a: ΔV=%.6e m³, smb on ice=%.6e, outflow=%.6e, clipped=%.6e, "
                        + "residual=%.3e (relative %.3e); ablation on ice-free ground %.6e", steps, elapsedYears,
                volumeChange(), smbVolume, outflowVolume, clippedVolume, residual(), relativeResidual(),
                iceFreeAblationVolume);
    }
}
