package igm.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import igm.InputException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One instructor run file of {@code igm generate}, read for training or evaluation ({@link InstructorRunTree}).
 *
 * @param id        the run id (attribute {@code run_id}, else the file name)
 * @param valley    the name of the run's valley (attribute {@code valley}, else the run id)
 * @param maxVolume the largest ice volume of the run, m³ (attribute {@code ice_volume_max_m3}), finite
 * @param data      the run's snapshots and metadata
 */
public record InstructorRunFile(String id, String valley, double maxVolume, InstructorRunData data) {

    /** The folder part of a {@code dem=PATH} entry of a valley description. */
    private static final Pattern DEM_FOLDER = Pattern.compile("dem=[^;]*[/\\\\]");

    /** The metadata keys of the instructor's settings the manifest of an emulator records. */
    private static final List<String> INSTRUCTOR_KEYS = List.of("rate_factor", "advance_years", "retreat_years",
            "ela_quantiles", "snapshot_interval_years", "cfl", "snapshot_velocities");

    /** The description of the run's valley (its metadata {@code valley_parameters}), empty when absent. */
    public String valleyParameters() {
        return data.metadata().getOrDefault("valley_parameters", "");
    }

    /**
     * What makes the valley the same valley: its description with the DEM named by its file name only, so that
     * a window of the same DEM read from another checkout or working copy (another absolute path) is the same
     * window.
     */
    public String valleyIdentity() {
        return DEM_FOLDER.matcher(valleyParameters()).replaceFirst("dem=");
    }

    /** The ice-flow method that made the run (attribute {@code instructor}), {@code unknown} when absent. */
    public String instructor() {
        return data.metadata().getOrDefault("instructor", "unknown");
    }

    /**
     * The sliding coefficient c of the run, km MPa⁻³ a⁻¹.
     *
     * @throws InputException when the attribute {@code sliding_coefficient} is missing
     */
    public double slidingCoefficient() {
        String c = data.metadata().get("sliding_coefficient");
        if (c == null) {
            throw new InputException(data.file() + ": attribute sliding_coefficient is missing");
        }
        return Double.parseDouble(c);
    }

    /**
     * The instructor's settings, key → value, sorted by key: the run's schedule attributes and the non-blank
     * {@code iceflow.*} values of its resolved parameters (attribute {@code parameters}, as {@code iceflow.KEY}).
     *
     * @throws InputException when the attribute {@code parameters} is not valid YAML
     */
    public Map<String, String> instructorSettings() {
        Map<String, String> settings = new TreeMap<>();
        for (String key : INSTRUCTOR_KEYS) {
            String v = data.metadata().get(key);
            if (v != null) {
                settings.put(key, v);
            }
        }
        String params = data.metadata().get("parameters");
        if (params != null) {
            try {
                JsonNode iceflow = new YAMLMapper().readTree(params).path("iceflow");
                iceflow.fields().forEachRemaining(e -> {
                    if (!e.getValue().asText().isBlank()) {
                        settings.put("iceflow." + e.getKey(), e.getValue().asText());
                    }
                });
            } catch (JsonProcessingException e) {
                throw new InputException(data.file() + ": attribute 'parameters' is not valid YAML: "
                        + e.getOriginalMessage());
            }
        }
        return settings;
    }
}
