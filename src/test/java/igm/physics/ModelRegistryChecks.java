package igm.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import igm.params.ParameterRegistry;

/** The checks every component's registry of models passes (its names and the parameters its models declare). */
public final class ModelRegistryChecks {

    private ModelRegistryChecks() {
    }

    /**
     * Asserts that the names of the registry are the values of {@code COMPONENT.method}, in order; that every key a
     * model declares is a registered key of the component outside {@code sharedKeys}; and that every key of the
     * component is declared by some model or is one of {@code sharedKeys} (read by the program for every model).
     *
     * @param sharedKeys the component's keys read for every model, {@code COMPONENT.method} among them
     */
    public static void assertWellFormed(ModelRegistry<?> registry, String component, Set<String> sharedKeys) {
        ParameterRegistry parameters = ParameterRegistry.standard();
        List<String> names = registry.names();
        assertEquals(parameters.spec(component + ".method").choices(), names);
        for (String name : names) {
            assertEquals(name, registry.named(name).name());
        }
        assertThrows(IllegalStateException.class, () -> registry.named("no such model"));
        Set<String> declared = new HashSet<>();
        for (ModelProvider provider : registry.providers()) {
            for (String key : provider.parameterKeys()) {
                assertNotNull(parameters.spec(key), provider.name() + " declares the unregistered key " + key);
                assertTrue(key.startsWith(component + ".") && !sharedKeys.contains(key), provider.name() + ": " + key);
                declared.add(key);
            }
        }
        for (String key : parameters.keysOf(component)) {
            assertTrue(sharedKeys.contains(key) || declared.contains(key), key + " is read by no registered model");
        }
    }
}
