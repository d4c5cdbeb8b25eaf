package igm.cli;

import igm.IgmException;
import igm.InputException;
import igm.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code igm} command. Exit codes: 0 success, 1 failure (bad input, failed run), 2 bad usage,
 * 130 / 143 a run stopped by SIGINT / SIGTERM after writing its checkpoint ({@code igm run --resume FOLDER}).
 */
@Command(name = "igm", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Instructed Glacier Model on the JVM: glacier evolution with SIA or CNN-emulated ice flow.",
        subcommands = {RunCommand.class, GenerateCommand.class, TrainCommand.class, EvaluateCommand.class,
            InvertCommand.class, InfoCommand.class, BenchCommand.class, VerifyCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        for (CommandLine sub : cli.getSubcommands().values()) {
            // every command answers --help (and --version), not only the top one
            CommandLine.Model.CommandSpec command = sub.getCommandSpec();
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && command.findOption("--help") == null
                    && command.findOption("-h") == null && command.findOption("--version") == null
                    && command.findOption("-V") == null) {
                command.mixinStandardHelpOptions(true);
                command.versionProvider(new VersionProvider());
            }
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IgmException) {
                String kind = ex instanceof InputException ? "bad input" : "error";
                commandLine.getErr().println("igm: " + kind + ": " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{Version.full(), "Java " + Runtime.version()};
        }
    }
}
