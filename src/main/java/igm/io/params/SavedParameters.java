package igm.io.params;

import igm.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters saved as resolved YAML ({@link Parameters#toResolvedYaml()}, every path absolute) inside another file,
 * such as a checkpoint, read back with the standard registry and checks of {@link ParameterFile}.
 */
public final class SavedParameters {

    private SavedParameters() {
    }

    /**
     * Reads resolved parameters and applies {@code overrides}.
     *
     * @param yaml      the resolved YAML document
     * @param where     the file the document was saved in, for messages and {@link Parameters#source()}
     * @param overrides "key=value" overrides, as {@code --set}
     * @throws InputException when the document or an override is not valid
     */
    public static Parameters load(String yaml, Path where, List<String> overrides) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile("igm-saved-parameters-", ".yaml");
            Files.writeString(temporary, yaml);
            Parameters loaded = ParameterFile.load(temporary, overrides);
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Path> bases = new LinkedHashMap<>();
            for (ParameterSpec spec : loaded.registry().all()) {
                values.put(spec.key(), loaded.raw(spec.key()));
                if (spec.type() == ParameterType.PATH) {
                    bases.put(spec.key(), loaded.pathBase(spec.key()));
                }
            }
            String source = where.toString();
            for (String override : overrides) {
                source += " --set " + override;
            }
            return new Parameters(loaded.registry(), values, bases, loaded.baseFolder(), source);
        } catch (IOException e) {
            throw new InputException("cannot read the parameters saved in " + where + ": " + e.getMessage(), e);
        } catch (InputException e) {
            String message = temporary == null ? e.getMessage()
                    : e.getMessage().replace(temporary.toString(), where.toString());
            throw new InputException(message, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a temporary file left in the system's temporary folder
                }
            }
        }
    }
}
