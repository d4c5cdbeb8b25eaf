package igm.verification;
import igm.physics.iceflow.ShallowShelfFlow;
public class SsaTestIProbe {
    public static void main(String[] a) {
        double eps0 = Double.parseDouble(a[0]);
        for (int i = 1; i < a.length; i++) {
            var o = new ShallowShelfFlow.Options(1e-8, 2000, eps0, 1e-7, 5000, 1, Boolean.getBoolean("newton"));
            var r = SsaTestICase.solve(Integer.parseInt(a[i]), o);
            System.out.println(a[i] + " max " + r.maxError() + " mean " + r.meanError() + " centre " + r.centreSpeed() + " " + r.report().nonlinearIterations()+" "+r.report().converged());
            if (Boolean.getBoolean("profile")) { double sum=0; for (int j = 0; j < r.nodesAcross(); j++) { double y=-3*SsaTestICase.L+j*r.dy(); double e = r.profile()[j]-SsaTestICase.exactVelocity(y); sum+=Math.abs(e); if (y>=0 && y < 60000) System.out.printf("%8.0f %9.3f %9.3f %8.3f%n", y, r.profile()[j], SsaTestICase.exactVelocity(y), e);} }
        }
    }
}
