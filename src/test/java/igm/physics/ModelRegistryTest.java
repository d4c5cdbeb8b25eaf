package igm.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A registry of models refuses two models of one name and finds each by its name; file keys are PATH keys. */
class ModelRegistryTest {

    private record Provider(String name, List<String> parameterKeys) implements ModelProvider {
    }

    @Test
    void twoModelsOfOneNameAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelRegistry<>(List.of(
                new Provider("a", List.of()), new Provider("b", List.of()), new Provider("a", List.of()))));
        assertEquals("two models are named a", e.getMessage());
    }

    @Test
    void modelsAreFoundByName() {
        ModelRegistry<Provider> registry = new ModelRegistry<>(List.of(new Provider("a", List.of()),
                new Provider("b", List.of())));
        assertEquals(List.of("a", "b"), registry.names());
        assertEquals("b", registry.named("b").name());
        assertTrue(registry.find("c").isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.named("c"));
        assertEquals("c", e.getMessage());
    }

    @Test
    void fileKeysAreThePathKeysInOrder() {
        Provider provider = new Provider("accmelt", List.of("smb.accmelt_weather_file", "smb.accmelt_station_height",
                "smb.accmelt_parameter_file", "smb.use_ice_mask", "smb.accmelt_fields_file"));
        assertEquals(List.of("smb.accmelt_weather_file", "smb.accmelt_parameter_file", "smb.accmelt_fields_file"),
                provider.fileKeys());
    }
}
