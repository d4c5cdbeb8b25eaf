package igm.verification;
import igm.physics.iceflow.ShallowShelfFlow;
public class SsaTestIProbe {
    public static void main(String[] a) {
        double eps0 = Double.parseDouble(a[0]);
        for (int i = 1; i < a.length; i++) {
            var o = new ShallowShelfFlow.Options(1e-8, 2000, eps0, 1e-7, 5000, 1, Boolean.getBoolean("newton"));
            var r = SsaTestICase.solve(Integer.parseInt(a[i]), o);
            System.out.println(a[i] + " max " + r.maxError() + " mean " + r.meanError() + " centre " + r.centreSpeed() + " " + r.report().nonlinearIterations()+" "+r.report().converged());
        }
    }
}
