package igm.cli;

import igm.Version;
import igm.io.AtomicOutput;
import igm.io.FieldSpec;
import igm.io.GriddedInput;
import igm.io.SpatialOutputWriter;
import igm.io.params.Parameters;
import igm.physics.iceflow.IceFlowResult;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.Simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of a run: the spatial NetCDF file, the time series (NetCDF and CSV), the PNG maps and plot, and the
 * resolved parameters. Everything is written under temporary names and committed (renamed) only when the run
 * succeeds; {@link #abort()} removes what a failed run left.
 */
final class RunOutputs implements AutoCloseable {

    static final List<FieldSpec> SPATIAL_FIELDS = List.of(FieldSpec.TOPG, FieldSpec.USURF, FieldSpec.THK,
            FieldSpec.SMB, FieldSpec.UBAR, FieldSpec.VBAR, FieldSpec.VELBAR_MAG, FieldSpec.UVELSURF,
            FieldSpec.VVELSURF, FieldSpec.VELSURF_MAG);

    private final Path folder;
    private final Parameters parameters;
    private final Map<String, String> attributes;
    private final SpatialOutputWriter spatial;
    private final TimeSeriesRecorder timeSeries;
    private final PlotRecorder plots;
    private boolean committed;

    RunOutputs(Path folder, Parameters parameters, GriddedInput input) {
        this.folder = folder;
        this.parameters = parameters;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new igm.InputException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
        attributes = new LinkedHashMap<>(input.projectionAttributes());
        attributes.put("title", "IGM run '" + parameters.string("run.name") + "'");
        attributes.put("source", Version.full());
        attributes.put("program_version", Version.version());
        attributes.put("seed", Integer.toString(parameters.integer("run.seed")));
        attributes.put("input_file", input.source().toString());
        attributes.put("parameters", parameters.toResolvedYaml());
        attributes.put("Conventions", "CF-1.8");
        spatial = SpatialOutputWriter.create(folder.resolve("spatial.nc"), input.grid(), SPATIAL_FIELDS, attributes);
        timeSeries = new TimeSeriesRecorder(folder, attributes);
        plots = parameters.bool("output.plots") ? new PlotRecorder(folder, parameters.string("run.name")) : null;
    }

    /** Writes the state and velocity of the model at {@code time} into the spatial file. */
    void writeSpatial(Simulation sim, double time) {
        Model model = sim.model();
        GlacierState s = model.state();
        IceFlowResult f = model.flow();
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("topg", s.bed());
        values.put("usurf", s.surface());
        values.put("thk", s.thickness());
        values.put("smb", model.smb());
        values.put("ubar", f.ubar());
        values.put("vbar", f.vbar());
        values.put("velbar_mag", f.depthAveragedSpeed());
        values.put("uvelsurf", f.uSurface());
        values.put("vvelsurf", f.vSurface());
        values.put("velsurf_mag", f.surfaceSpeed());
        spatial.write(time, values);
    }

    /** Records one row of the time series. */
    void recordTimeSeries(Simulation sim, double time) {
        timeSeries.record(sim, time);
    }

    /** Writes the PNG maps of the state at {@code time}. */
    void plotMaps(Simulation sim, double time) {
        if (plots != null) {
            plots.maps(sim, time);
        }
    }

    /** Finishes every file and renames it to its final name; the parameters are written last. */
    void commit() {
        spatial.commit();
        timeSeries.commit();
        if (plots != null) {
            plots.writeAll(timeSeries.rows());
        }
        AtomicOutput.write(folder.resolve("params.yaml"), partial -> Files.writeString(partial,
                "# resolved parameters of this run (" + Version.full() + ", seed " + parameters.integer("run.seed")
                        + ")\n" + parameters.toResolvedYaml()));
        committed = true;
    }

    /** Removes the partial files of a run that did not finish. */
    void abort() {
        spatial.abort();
        timeSeries.abort();
    }

    @Override
    public void close() {
        if (!committed) {
            abort();
        }
    }

    Path folder() {
        return folder;
    }

    /** The spatial file being written (frames so far: its {@code steps()}). */
    SpatialOutputWriter spatial() {
        return spatial;
    }

    /** The time series being recorded. */
    TimeSeriesRecorder timeSeries() {
        return timeSeries;
    }

    /** The maps, or {@code null} when plots are off. */
    PlotRecorder plots() {
        return plots;
    }
}
