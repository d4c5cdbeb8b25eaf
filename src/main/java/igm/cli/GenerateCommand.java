package igm.cli;

import igm.InputException;
import igm.instruct.GenerationPipeline;
import igm.instruct.GenerationSettings;
import igm.instruct.PlannedRun;
import igm.params.ParameterFile;
import igm.params.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code igm generate PARAMS.yaml [--set key=value ...] [--runs N] [--resume]}: the training data of an emulator
 * (paper §2.2, Appendix C), made by {@link GenerationPipeline}: every valley (synthetic ones and windows of the DEM
 * of {@code input.file}) run with every sliding coefficient by the instructor of {@code iceflow.method}, each run's
 * snapshots written to {@code <generate.folder>/<run id>.nc}, {@code generate.parallel_runs} runs at once.
 *
 * <p>A folder that already holds a generation is refused unless {@code --resume} is given; then the parameters must
 * equal the folder's (except {@code generate.folder} and {@code generate.parallel_runs}) and the runs whose file
 * exists are skipped.
 */
@Command(name = "generate", description = "Generate emulator training data: instructor runs on synthetic valleys and "
        + "terrain windows, snapshots written to NetCDF.")
public final class GenerateCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set generate.synthetic_valleys=4 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", description = "only the first N runs of the list")
    Integer runLimit;

    @Option(names = "--resume", description = "continue the generation in generate.folder: skip the runs whose file "
            + "exists (the parameters must be the same)")
    boolean resume;

    @Override
    public Integer call() {
        Parameters p = ParameterFile.load(parameterFile, overrides);
        GenerationSettings settings = GenerationSettings.from(p);
        List<PlannedRun> plan = settings.runs();
        if (runLimit != null) {
            if (runLimit < 1) {
                throw new InputException("--runs " + runLimit + " is not valid; expected a number of runs ≥ 1");
            }
            plan = plan.subList(0, Math.min(runLimit, plan.size()));
        }
        new GenerationPipeline(p, settings, resume).run(plan, System.out);
        return 0;
    }
}
