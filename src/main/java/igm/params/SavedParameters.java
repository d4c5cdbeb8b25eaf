package igm.params;

import igm.InputException;

import java.nio.file.Path;
import java.util.List;

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
        Path absolute = where.toAbsolutePath();
        return ParameterFile.load(ParameterRegistry.standard(), yaml, where.toString(), absolute.getParent(),
                overrides);
    }
}
