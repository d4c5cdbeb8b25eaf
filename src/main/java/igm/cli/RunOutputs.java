package igm.cli;

import igm.Version;
import igm.io.AtomicOutput;
import igm.field.FieldSpec;
import igm.io.GridMapping;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.SpatialOutputWriter;
import igm.params.ParameterSpec;
import igm.params.ParameterType;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowResult;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.Simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outputs of a run: the spatial NetCDF file, the time series (NetCDF and CSV), the PNG maps and plot, and the
 * resolved parameters. Everything is written under temporary names and committed (renamed) only when the run
 * succeeds; {@link #abort()} removes what a failed run left.
 *
 * <p>The projection of the input becomes the CF grid-mapping variable {@code crs} ({@link GridMapping}), built from the
 * input's global projection attributes (OGGM's {@code pyproj_srs}, a GeoTIFF's {@code crs_wkt}) when they describe
 * one, else from the attributes of its grid-mapping variable (a previous {@code spatial.nc}: {@code crs_crs_wkt}…).
 * The global ones are also written as global attributes, as the input had them; those of a grid-mapping variable are
 * not (the {@code crs} variable holds them), unless no projection could be built from any, when all are carried as
 * text.
 */
final class RunOutputs implements AutoCloseable {

    /**
     * The fields of {@code spatial.nc} after {@code icemask} (written only when the state has one): the geometry,
     * the sliding coefficient and rate factor (so that the file is a complete {@code input.file}), the SMB and the
     * velocities.
     */
    static final List<FieldSpec> SPATIAL_FIELDS = List.of(FieldSpec.TOPG, FieldSpec.USURF, FieldSpec.THK,
            FieldSpec.SLIDINGCO, FieldSpec.ARRHENIUS, FieldSpec.SMB, FieldSpec.UBAR, FieldSpec.VBAR,
            FieldSpec.VELBAR_MAG, FieldSpec.UVELSURF, FieldSpec.VVELSURF, FieldSpec.VELSURF_MAG);

    /**
     * The names of the files {@code igm run} writes into its folder (and their {@code .partial} forms): the spatial
     * file, the time series, the parameters, the maps {@code thickness_YEAR.png} and {@code speed_YEAR.png}, the
     * time-series plot and checkpoints {@code checkpoint*.nc}.
     */
    private static final Pattern RUN_OUTPUT = Pattern.compile("(spatial\\.nc|timeseries\\.(nc|csv|png)|params\\.yaml"
            + "|(thickness|speed)_-?[0-9.]+\\.png|checkpoint[^/]*\\.nc)(\\.partial)?");

    private final Path folder;
    private final boolean createdFolder;
    private final Parameters parameters;
    private final Map<String, String> attributes;
    private final SpatialOutputWriter spatial;
    private final TimeSeriesRecorder timeSeries;
    private final PlotRecorder plots;
    private boolean committed;

    RunOutputs(Path folder, Parameters parameters, GriddedInput input) {
        this.folder = folder;
        this.parameters = parameters;
        this.createdFolder = Files.notExists(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new igm.InputException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
        Map<String, String> globalProjection = new LinkedHashMap<>();
        input.projectionAttributes().forEach((name, value) -> {
            if (GriddedInputReader.isGlobalProjectionAttribute(name)) {
                globalProjection.put(name, value);
            }
        });
        GridMapping gridMapping = GridMapping.fromAttributes(globalProjection)
                .or(() -> GridMapping.fromAttributes(input.projectionAttributes())).orElse(null);
        attributes = new LinkedHashMap<>(gridMapping == null ? input.projectionAttributes() : globalProjection);
        attributes.put("title", "IGM run '" + parameters.string("run.name") + "'");
        attributes.put("source", Version.full());
        attributes.put("program_version", Version.version());
        attributes.put("seed", Integer.toString(parameters.integer("run.seed")));
        attributes.put("input_file", input.source().toString());
        attributes.put("parameters", parameters.toResolvedYaml());
        attributes.put("Conventions", "CF-1.8");
        if (gridMapping == null && !input.projectionAttributes().isEmpty()) {
            System.err.println("note: no projection could be built from the input's attributes "
                    + input.projectionAttributes().keySet() + "; the outputs carry them as text but have no CF "
                    + "grid mapping");
        }
        spatial = SpatialOutputWriter.create(folder.resolve("spatial.nc"), input.grid(),
                spatialFields(input.iceMask() != null), attributes, gridMapping);
        timeSeries = new TimeSeriesRecorder(folder, attributes);
        plots = parameters.bool("output.plots") ? new PlotRecorder(folder, parameters.string("run.name")) : null;
    }

    /** {@link #SPATIAL_FIELDS} with {@code icemask} after the thickness when {@code withIceMask}. */
    static List<FieldSpec> spatialFields(boolean withIceMask) {
        if (!withIceMask) {
            return SPATIAL_FIELDS;
        }
        List<FieldSpec> fields = new ArrayList<>(SPATIAL_FIELDS);
        fields.add(fields.indexOf(FieldSpec.THK) + 1, FieldSpec.ICEMASK);
        return List.copyOf(fields);
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
        if (s.iceMask() != null) {
            values.put("icemask", s.iceMask());
        }
        values.put("slidingco", s.slidingCoefficient());
        values.put("arrhenius", s.rateFactor());
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

    /** Removes the partial files of a run that did not finish, and the folder when this run made it and it is empty. */
    void abort() {
        spatial.abort();
        timeSeries.abort();
        if (createdFolder) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            } catch (IOException e) {
                // the folder stays: it is empty or holds something this run did not write
            }
        }
    }

    /**
     * Makes sure a run writes into a folder that holds no other run's outputs, before anything is computed: when
     * {@code folder} holds files this program writes (see {@link #isRunOutput}), refuses it, or with
     * {@code overwrite} removes exactly those files (never anything else, and not the parameter file being run).
     * An output the run reads through a PATH parameter (a previous {@code spatial.nc} as {@code input.file}) is never
     * removed: the run is refused instead, as it could not read its input.
     *
     * @param folder        the output folder (absolute); it may not exist yet
     * @param overwrite     whether {@code --overwrite} was given
     * @param parameterFile the parameter file of the run, kept even when it is the saved {@code params.yaml} there
     * @param parameters    the run's parameters, whose PATH values name the files it reads
     * @throws igm.InputException when the folder holds another run's outputs and {@code overwrite} is false, when one
     *                            of them is a file the run reads, or when a file cannot be removed
     */
    static void claimFolder(Path folder, boolean overwrite, Path parameterFile, Parameters parameters) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> outputs;
        try (Stream<Path> entries = Files.list(folder)) {
            outputs = entries.filter(f -> Files.isRegularFile(f) && isRunOutput(f.getFileName().toString()))
                    .filter(f -> !sameFile(f, parameterFile)).sorted().toList();
        } catch (IOException e) {
            throw new igm.InputException("cannot list the output folder " + folder + ": " + e.getMessage(), e);
        }
        if (outputs.isEmpty()) {
            return;
        }
        if (!overwrite) {
            List<String> names = outputs.stream().map(f -> f.getFileName().toString()).toList();
            throw new igm.InputException("output.folder " + folder + " holds the outputs of another run ("
                    + String.join(", ", names.size() > 4 ? names.subList(0, 4) : names)
                    + (names.size() > 4 ? ", … " + names.size() + " files" : "") + "); give --overwrite to remove "
                    + "them and run, or choose another output.folder");
        }
        for (Path f : outputs) {
            for (ParameterSpec spec : parameters.registry().all()) {
                if (spec.type() == ParameterType.PATH && sameFile(f, parameters.path(spec.key()))) {
                    throw new igm.InputException("--overwrite would remove " + f + ", which this run reads as "
                            + spec.key() + "; copy it out of the output folder first, or choose another "
                            + "output.folder");
                }
            }
        }
        for (Path f : outputs) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new igm.InputException("--overwrite: cannot remove " + f + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether a file name is one {@code igm run} writes into its folder (final or {@code .partial}). */
    static boolean isRunOutput(String name) {
        return RUN_OUTPUT.matcher(name).matches();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return b != null && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
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
