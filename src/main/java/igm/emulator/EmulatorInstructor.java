package igm.emulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The solver an emulator was trained to imitate, as recorded in an {@link EmulatorManifest}.
 *
 * @param name     the instructor's name as the program's parameters spell it ({@code sia}, {@code ssa},
 *                 {@code hybrid}, {@code blatter}), not blank
 * @param settings its resolved settings, key to value as text (vertical layers, tolerances, sliding law ...);
 *                 copied into an unmodifiable map sorted by key; keys not blank, no null values
 */
public record EmulatorInstructor(String name, Map<String, String> settings) {

    public EmulatorInstructor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("instructor.name must not be blank");
        }
        if (settings == null) {
            throw new IllegalArgumentException("instructor.settings must not be null");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                throw new IllegalArgumentException("instructor.settings: blank key or null value in " + settings);
            }
            copy.put(e.getKey(), e.getValue());
        }
        settings = Collections.unmodifiableSortedMap(copy);
    }
}
