package igm.cli;

import igm.params.ParameterRegistry;
import igm.params.ParameterSpec;
import igm.params.Parameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code igm info [WORD…]}: prints the parameter registry, by component, with units, defaults and meanings, after a
 * header line stating how relative paths are resolved. A word that names a component selects the whole component;
 * any other word selects the keys that contain it (case-insensitive). A word that matches nothing is a usage error
 * (exit code 2) that lists the components.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print every parameter with its unit, default, allowed values and meaning; with words, only the "
                + "components they name and the keys that contain them.")
public final class InfoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(arity = "0..*", paramLabel = "WORD",
            description = "a component (e.g. smb) or part of a key (e.g. ela, output.fol); default: every parameter")
    List<String> words = new ArrayList<>();

    @Override
    public void run() {
        ParameterRegistry registry = ParameterRegistry.standard();
        List<ParameterSpec> selected = new ArrayList<>();
        for (String word : words) {
            String needle = word.toLowerCase(Locale.ROOT);
            List<ParameterSpec> matches = registry.all().stream()
                    .filter(s -> s.component().equals(word) || s.key().toLowerCase(Locale.ROOT).contains(needle))
                    .toList();
            if (matches.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no parameter matches '" + word
                        + "'; components: " + String.join(", ", registry.components())
                        + " (igm info without a word lists every parameter)");
            }
            selected.addAll(matches);
        }
        PrintStream out = System.out;
        out.println("Paths: " + Parameters.PATH_RULE);
        out.println();
        for (String component : registry.components()) {
            List<ParameterSpec> shown = registry.keysOf(component).stream().map(registry::spec)
                    .filter(s -> words.isEmpty() || selected.contains(s)).toList();
            if (shown.isEmpty()) {
                continue;
            }
            out.println(component + ":");
            for (ParameterSpec s : shown) {
                String def = s.required() ? "(required)" : "= " + s.defaultValue();
                String unit = s.unit().isEmpty() ? "" : " [" + s.unit() + "]";
                out.printf("  %-30s %s%s%n", s.key(), def, unit);
                out.printf("  %-30s   %s%s%n", "", s.description(),
                        s.constraint().isEmpty() ? "" : "; " + s.constraint());
            }
            out.println();
        }
    }
}
