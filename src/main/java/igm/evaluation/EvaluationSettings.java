package igm.evaluation;

import igm.InputException;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of an evaluation of emulators ({@code igm evaluate}), read once from the {@code evaluate.*}
 * parameters. The glacier runs are built from the parameters themselves ({@link igm.run.ModelFactory}), with the ice-flow
 * method replaced by each run's ({@link #withOverrides}).
 *
 * @param parameterFile   the parameter file
 * @param overrides       the overrides given with it ("key=value"), copied
 * @param parameters      the parameters loaded from both
 * @param reportFolder    folder of the report ({@code evaluate.folder}, absolute)
 * @param emulatorFolder  folder of the emulator folders to compare, or one emulator folder
 *                        ({@code evaluate.emulators}, absolute)
 * @param dataFolder      folder of held-out instructor runs ({@code evaluate.data}, absolute)
 * @param threads         threads of the ice-flow models and emulators
 * @param timingCalls     timed calls per emulator (the median is reported)
 * @param aletschEmulator the emulator run against its instructor on the glacier of the parameters (absolute), or
 *                        {@code null} for no glacier comparison
 * @param physicsStates   held-out states on which a physics-informed emulator is compared with the converged
 *                        blatter solve
 * @param warmupIterations Adam iterations of the warm-up on each state
 * @param warmupLearningRate their learning rate
 */
public record EvaluationSettings(Path parameterFile, List<String> overrides, Parameters parameters, Path reportFolder,
                                 Path emulatorFolder, Path dataFolder, int threads, int timingCalls,
                                 Path aletschEmulator, int physicsStates, int warmupIterations,
                                 double warmupLearningRate) {

    public EvaluationSettings {
        overrides = List.copyOf(overrides);
    }

    /**
     * Reads the settings from {@code p}, loaded from {@code parameterFile} with {@code overrides}.
     *
     * @throws InputException when {@code evaluate.folder}, {@code evaluate.emulators} or {@code evaluate.data} is
     *                        empty
     */
    public static EvaluationSettings from(Parameters p, Path parameterFile, List<String> overrides) {
        Path reports = p.requiredPath("evaluate.folder", "igm evaluate");
        Path emulators = p.requiredPath("evaluate.emulators", "igm evaluate");
        Path data = p.requiredPath("evaluate.data", "igm evaluate");
        return new EvaluationSettings(parameterFile, overrides, p, reports, emulators, data,
                IceFlowRegistry.threads(p), p.integer("evaluate.timing_calls"),
                p.path("evaluate.aletsch_emulator"), p.integer("evaluate.physics_states"),
                p.integer("evaluate.warmup_iterations"), p.number("evaluate.warmup_learning_rate"));
    }

    /** The parameters loaded again from the file with the overrides and then {@code more}. */
    public Parameters withOverrides(List<String> more) {
        List<String> o = new ArrayList<>(overrides);
        o.addAll(more);
        return ParameterFile.load(parameterFile, o);
    }
}
