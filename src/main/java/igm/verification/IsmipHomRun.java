package igm.verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the ISMIP-HOM cases A–E and prints their reports as Markdown, writing the profiles and plots under
 * {@code <folder>/ismip-hom/}.
 *
 * <p>Usage: {@code IsmipHomRun [folder] [full]}; default folder {@code verification}, small grids unless the second
 * argument is {@code full}.
 */
public final class IsmipHomRun {

    private IsmipHomRun() {
    }

    /** Runs the cases; see the class comment for the arguments. */
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "verification");
        boolean full = args.length > 1 && args[1].equals("full");
        List<VerificationCase> cases = new ArrayList<>(IsmipHomCase.all());
        cases.add(new IsmipHomArollaCase());
        for (VerificationCase c : cases) {
            System.out.println(c.run(full, folder).toMarkdown());
        }
    }
}
