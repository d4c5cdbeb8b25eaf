package igm.verification;
public class SsaTestIProbe {
    public static void main(String[] a) {
        for (String s : a) {
            var r = SsaTestICase.solve(Integer.parseInt(s), 1);
            System.out.println(s + " max " + r.maxError() + " mean " + r.meanError() + " v " + r.maxVError() + " centre " + r.centreSpeed() + " " + r.report());
            if (s.equals(a[0])) for (int j = 0; j < r.nodesAcross(); j+=1) { double y=-3*SsaTestICase.L+j*r.dy(); System.out.printf("%8.0f %9.3f %9.3f %8.3f%n", y, r.profile()[j], SsaTestICase.exactVelocity(y), r.profile()[j]-SsaTestICase.exactVelocity(y)); }
        }
    }
}
