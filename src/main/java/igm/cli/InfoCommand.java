package igm.cli;

import igm.io.params.ParameterRegistry;
import igm.io.params.ParameterSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code igm info}: prints the parameter registry, by component, with units, defaults and meanings. */
@Command(name = "info", description = "Print every parameter with its unit, default, allowed values and meaning.")
public final class InfoCommand implements Runnable {

    @Parameters(arity = "0..*", paramLabel = "COMPONENT", description = "only these components (default: all)")
    List<String> components;

    @Override
    public void run() {
        ParameterRegistry registry = ParameterRegistry.standard();
        for (String component : registry.components()) {
            if (components != null && !components.isEmpty() && !components.contains(component)) {
                continue;
            }
            System.out.println(component + ":");
            for (String key : registry.keysOf(component)) {
                ParameterSpec s = registry.spec(key);
                String def = s.required() ? "(required)" : "= " + s.defaultValue();
                String unit = s.unit().isEmpty() ? "" : " [" + s.unit() + "]";
                System.out.printf("  %-30s %s%s%n", key, def, unit);
                System.out.printf("  %-30s   %s%s%n", "", s.description(),
                        s.constraint().isEmpty() ? "" : "; " + s.constraint());
            }
            System.out.println();
        }
    }
}
