package igm.verification;

/**
 * Bueler et al. (2005) test B, the Halfar dome ({@link SiaDomeSolution#testB()}: H0 = 3600 m, R0 = 750 km,
 * A = 1e-16 Pa⁻³ a⁻¹, no SMB), with the SIA and the thickness update: from the exact thickness at t0 = 422.45 a for
 * 25 000 a on a square of half-width 1500 km (the margin grows to 942 km; the numerical margin of this first-order
 * scheme lies a few cells further out, 1217 km at Δx = 100 km, and never reaches the edge). Small grids: Δx = 100,
 * 50, 25, 12.5 km; full: down to 6.25 km. Name {@value #NAME}.
 */
public final class HalfarTestBCase extends SiaDomeCase {

    /** The case's name. */
    public static final String NAME = "sia-test-b";

    /** The case with the grids and times above. */
    public HalfarTestBCase() {
        super(SiaDomeSolution.testB(), 1500e3, SiaDomeSolution.testB().t0(), SiaDomeSolution.testB().t0() + 25_000,
                new double[] {100, 50, 25, 12.5}, new double[] {100, 50, 25, 12.5, 6.25});
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SIA + thickness update vs the Halfar dome (Bueler et al. 2005 test B), 25 ka";
    }

    @Override
    protected String title() {
        return "SIA, Halfar dome (Bueler et al. 2005 test B)";
    }
}
