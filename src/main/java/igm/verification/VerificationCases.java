package igm.verification;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of the verification cases that {@code igm verify} runs, in the order of its output. A new case is one
 * more entry in {@link #all()}.
 */
public final class VerificationCases {

    private VerificationCases() {
    }

    /** Every case, fresh instances, in the order they run. */
    public static List<VerificationCase> all() {
        List<VerificationCase> cases = new ArrayList<>(List.of(new HalfarTestBCase(), new BuelerTestCCase(),
                new SsaTestICase()));
        cases.addAll(IsmipHomCase.all());
        cases.add(new IsmipHomArollaCase());
        cases.add(new AletschVelocityCase());
        return List.copyOf(cases);
    }

    /** The names of {@link #all()}, in order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (VerificationCase c : all()) {
            names.add(c.name());
        }
        return names;
    }
}
