package igm.verification;

/**
 * Bueler et al. (2005) test C, the growing dome ({@link SiaDomeSolution#testC()}: accumulation M = 5H/t,
 * H0 = 3600 m, R0 = 750 km, A = 1e-16 Pa⁻³ a⁻¹, t0 = 15 208 a), with the SIA, the thickness update and the
 * accumulation {@link ThicknessProportionalMassBalance} (explicit: λH/t at the start of each step).
 *
 * <p><b>Time.</b> The solution grows from nothing at t = 0 (dome height ∝ t, margin ∝ t²), so the run starts from
 * the exact thickness at t = 0.75 t0 = 11 406 a (dome 2700 m, margin 422 km) and ends at t0 (dome 3600 m, margin
 * 750 km, volume 3.998e15 m³, 4.2 times the initial one). An earlier start resolves the initial dome with too few
 * cells on the coarse grids (from t0/2 the margin is at 188 km, under two cells at Δx = 100 km).
 *
 * <p><b>Domain.</b> A square of half-width 1200 km centred on the dome (cell-centred): the numerical margin runs a
 * few cells ahead of the exact one (1020 km at Δx = 100 km) and never reaches the edge.
 *
 * <p>Small grids: Δx = 100, 50, 25, 12.5 km (about 2 s); full: down to 6.25 km (about 35 s more). Name
 * {@value #NAME}.
 */
public final class BuelerTestCCase extends SiaDomeCase {

    /** The case's name. */
    public static final String NAME = "sia-test-c";

    /** The case from 0.75 t0 to t0 on a square of half-width 1200 km. */
    public BuelerTestCCase() {
        this(0.75, 1200e3);
    }

    /** The case from {@code startFraction}·t0 to t0 on a square of half-width {@code halfWidth} (m). */
    BuelerTestCCase(double startFraction, double halfWidth) {
        super(SiaDomeSolution.testC(), halfWidth, startFraction * SiaDomeSolution.testC().t0(),
                SiaDomeSolution.testC().t0(), new double[] {100, 50, 25, 12.5}, new double[] {100, 50, 25, 12.5, 6.25});
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SIA + thickness update vs the growing dome with M = 5H/t (Bueler et al. 2005 test C)";
    }

    @Override
    protected String title() {
        return "SIA, growing dome with M = 5H/t (Bueler et al. 2005 test C)";
    }
}
