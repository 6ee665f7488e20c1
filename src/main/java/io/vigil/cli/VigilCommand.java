package io.vigil.cli;

import io.vigil.config.Version;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command and its subcommands. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VigilCommand.VersionProvider.class,
        description = "Continuous, event-driven security audit for Kubernetes.",
        subcommands = {
            ScanCommand.class,
            WatchCommand.class,
            ChecksCommand.class,
            BaselineCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VigilCommand implements Runnable {
    /** Subcommands that only exist in some jars (the demo), found by class name so vigil.jar does not link them. */
    private static final List<String> OPTIONAL_SUBCOMMANDS = List.of("io.vigil.demo.DemoCommand");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return run(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VigilCommand());
        for (String name : OPTIONAL_SUBCOMMANDS) {
            optional(name).ifPresent(cli::addSubcommand);
        }
        // --format JSON, --framework CIS: enum values in any case (set after every subcommand is added: it propagates)
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof UserError user) {
                line.getErr().println("vigil: " + user.getMessage());
                return ExitCodes.USAGE;
            }
            line.getErr().println("vigil: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return ExitCodes.INTERNAL;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            if (args.length > 0
                    && args[0].equals("demo")
                    && !cli.getSubcommands().containsKey("demo")) {
                ex.getCommandLine()
                        .getErr()
                        .println("vigil: 'demo' is only in vigil-demo.jar: " + "java -jar target/vigil-demo.jar demo");
                return ExitCodes.USAGE;
            }
            ex.getCommandLine().getErr().println("vigil: " + ex.getMessage());
            ex.getCommandLine()
                    .getErr()
                    .println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return cli;
    }

    private static java.util.Optional<Object> optional(String className) {
        try {
            return java.util.Optional.of(
                    Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** For {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            List<String> lines = new ArrayList<>();
            lines.add("vigil " + Version.get());
            lines.add("Java " + System.getProperty("java.version"));
            return lines.toArray(String[]::new);
        }
    }
}
