package igm.run;

import igm.Version;
import igm.io.AtomicOutput;
import igm.field.FieldSpec;
import igm.io.GridMapping;
import igm.io.GriddedInput;
import igm.io.GriddedInputReader;
import igm.io.ObservedComparison;
import igm.io.OutputWriter;
import igm.io.PlotRecorder;
import igm.io.SolverStatistics;
import igm.io.SpatialOutput;
import igm.io.TimeSeriesRecorder;
import igm.params.ParameterSpec;
import igm.params.ParameterType;
import igm.params.Parameters;
import igm.simulation.GlacierState;
import igm.simulation.RunawayCheck;
import igm.simulation.Schedule;
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
 * The outputs of a run, its {@link OutputWriter}s: the spatial NetCDF file ({@link SpatialOutput}), the time series,
 * NetCDF and CSV ({@link TimeSeriesRecorder}), the PNG maps and plot ({@link PlotRecorder}), the ice-flow solver
 * statistics ({@link SolverStatistics}) and the comparison with an observed glacier ({@link ObservedComparison}), and
 * the resolved parameters. Everything is written under temporary names and committed (renamed) only when the run
 * succeeds; {@link #abort()} removes what a failed run left.
 *
 * <p>The projection of the input becomes the CF grid-mapping variable {@code crs} ({@link GridMapping}), built from the
 * input's global projection attributes (OGGM's {@code pyproj_srs}, a GeoTIFF's {@code crs_wkt}) when they describe
 * one, else from the attributes of its grid-mapping variable (a previous {@code spatial.nc}: {@code crs_crs_wkt}…).
 * The global ones are also written as global attributes, as the input had them; those of a grid-mapping variable are
 * not (the {@code crs} variable holds them), unless no projection could be built from any, when all are carried as
 * text.
 */
public final class RunOutputs implements AutoCloseable {

    /**
     * The names of the files {@code igm run} writes into its folder (and their {@code .partial} forms): the spatial
     * file, the time series, the parameters, the maps {@code thickness_YEAR.png} and {@code speed_YEAR.png}, the
     * time-series plot and checkpoints {@code checkpoint*.nc}.
     */
    private static final Pattern RUN_OUTPUT = Pattern.compile("(spatial\\.nc|timeseries\\.(nc|csv|png)|params\\.yaml"
            + "|(thickness|speed)_-?[0-9.]+\\.png|checkpoint[^/]*\\.nc)(\\.partial)?");

    private final Path folder;
    private final boolean createdFolder;
    private final RunSettings settings;
    private final Parameters parameters;
    private final Map<String, String> attributes;
    private final SpatialOutput spatial;
    private final TimeSeriesRecorder timeSeries;
    private final PlotRecorder plots;
    private final SolverStatistics solver = new SolverStatistics();
    private final ObservedComparison observed;
    private final List<OutputWriter> writers = new ArrayList<>();
    private boolean committed;

    /**
     * Creates the output folder and the writers of a run.
     *
     * @param settings the run's settings
     * @param input    the run's input (its grid, ice mask, path and projection attributes)
     * @param state    the run's state (the maps of a resumed run's checkpoint are drawn on its grid and bed)
     * @param observed the observed glacier to compare the final state with, or {@code null}
     * @throws igm.InputException when the folder cannot be created
     */
    public RunOutputs(RunSettings settings, GriddedInput input, GlacierState state,
                      ObservedComparison.Observed observed) {
        this.folder = settings.folder();
        this.settings = settings;
        this.parameters = settings.parameters();
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
        attributes.put("title", "IGM run '" + settings.name() + "'");
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
        spatial = new SpatialOutput(folder.resolve("spatial.nc"), input.grid(), input.iceMask() != null, attributes,
                gridMapping, Schedule.every(settings.outputInterval(), settings.start()));
        timeSeries = new TimeSeriesRecorder(folder, attributes,
                Schedule.every(settings.timeSeriesInterval(), settings.start()));
        plots = settings.plots() ? new PlotRecorder(folder, settings.name(), settings.plotSchedule(), state,
                timeSeries::rows) : null;
        this.observed = observed == null ? null : new ObservedComparison(observed, settings.end());
        writers.add(spatial);
        writers.add(timeSeries);
        if (plots != null) {
            writers.add(plots);
        }
        writers.add(solver);
        if (this.observed != null) {
            writers.add(this.observed);
        }
    }

    /**
     * Attaches the writers to {@code sim}, in the order they are committed. Without maps, their times still shorten
     * the steps, so that a run takes the same steps whether or not it draws them.
     */
    public void attachTo(Simulation sim) {
        for (OutputWriter writer : writers) {
            sim.add(writer);
            if (writer == timeSeries && plots == null) {
                sim.addCallback(settings.plotSchedule(), (s, t) -> { }, false);
            }
        }
    }

    /**
     * The components whose state a checkpoint keeps, by scope, in the order they are saved: the solver statistics,
     * the runaway check ({@code null} when off), the time series, the spatial frames and the maps ({@code null} when
     * off).
     */
    public Map<String, Object> checkpointed(RunawayCheck runawayCheck) {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put(solver.name(), solver);
        components.put("runaway", runawayCheck);
        components.put(timeSeries.name(), timeSeries);
        components.put(spatial.name(), spatial);
        components.put("plots", plots);
        return components;
    }

    /** Finishes every file and renames it to its final name; the parameters are written last. */
    public void commit() {
        for (OutputWriter writer : writers) {
            writer.commit();
        }
        AtomicOutput.write(folder.resolve("params.yaml"), partial -> Files.writeString(partial,
                "# resolved parameters of this run (" + Version.full() + ", seed " + parameters.integer("run.seed")
                        + ")\n" + parameters.toResolvedYaml()));
        committed = true;
    }

    /** Removes the partial files of a run that did not finish, and the folder when this run made it and it is empty. */
    public void abort() {
        for (OutputWriter writer : writers) {
            writer.abort();
        }
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
    public static void claimFolder(Path folder, boolean overwrite, Path parameterFile, Parameters parameters) {
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
    public static boolean isRunOutput(String name) {
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

    /** The spatial file being written. */
    public SpatialOutput spatial() {
        return spatial;
    }

    /** The time series being recorded. */
    public TimeSeriesRecorder timeSeries() {
        return timeSeries;
    }

    /** The maps, or {@code null} when plots are off. */
    public PlotRecorder plots() {
        return plots;
    }

    /** The ice-flow solver statistics. */
    public SolverStatistics solver() {
        return solver;
    }

    /** The comparison with the observed glacier, or {@code null} when there is none. */
    public ObservedComparison observed() {
        return observed;
    }
}
