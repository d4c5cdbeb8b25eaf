package igm.cli;

import igm.inversion.InversionPipeline;
import igm.params.ParameterFile;
import igm.params.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igm invert PARAMS.yaml [--set key=value ...]}: infers the ice thickness and the sliding coefficient of the
 * glacier of {@code input.file} from its observed surface velocity (and thickness where observed) through the
 * physics-informed emulator of {@code iceflow.emulator} ({@link InversionPipeline}), and writes
 * {@code output.folder/inverted.nc}, an input for {@code igm run}, with the cost history and maps.
 */
@Command(name = "invert", description = "Infer ice thickness and sliding from observed surface velocity (and "
        + "thickness profiles) through a physics-informed emulator; write inverted.nc, an input for igm run.")
public final class InvertCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set invert.iterations=500 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        Parameters p = ParameterFile.load(parameterFile, overrides);
        InversionPipeline.run(p, System.out);
        return 0;
    }
}
