package igm.cli;

import igm.evaluation.EvaluationPipeline;
import igm.evaluation.EvaluationSettings;
import igm.params.ParameterFile;
import igm.params.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igm evaluate PARAMS.yaml}: the evidence of the paper for our emulators ({@link EvaluationPipeline}),
 * written to {@code evaluate.folder} as {@code evaluation.md} with its figures: the fidelity of every emulator under
 * {@code evaluate.emulators} on the held-out instructor runs under {@code evaluate.data} (Tables 1 and 2 analogs),
 * and the glacier of the parameters run from {@code time.start} to {@code time.end} with the instructor of
 * {@code evaluate.aletsch_emulator} and with that emulator (Table 4 / Figure 14 analog).
 */
@Command(name = "evaluate", description = "Measure the emulators' fidelity on held-out instructor runs and their "
        + "speed-up on a glacier run; write the tables and figures to evaluate.folder.")
public final class EvaluateCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set time.end=2010 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        Parameters p = ParameterFile.load(parameterFile, overrides);
        new EvaluationPipeline(EvaluationSettings.from(p, parameterFile, overrides)).run(System.out);
        return 0;
    }
}
