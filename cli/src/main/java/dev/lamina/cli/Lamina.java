package dev.lamina.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/** The {@code lamina} command. */
@Command(name = "lamina", mixinStandardHelpOptions = true, versionProvider = Lamina.Version.class,
        description = "A self-hosted, AWS-Lambda-compatible function platform.",
        subcommands = {ServeCommand.class, AdminCommand.class, UsageCommand.class, CommandLine.HelpCommand.class})
public final class Lamina {

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Lamina.class.getPackage().getImplementationVersion();
            return new String[] {"lamina " + (v == null ? "development build" : v)};
        }
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), args));
    }

    /** Runs the command line with the given environment; the exit code of the command. */
    static int run(Map<String, String> environment, String... args) {
        return run(environment, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(Map, String...)}, printing to {@code out} and {@code err} (for tests that read them). */
    public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Lamina(), new Factory(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            // Expected failures (bad settings, a busy data directory) get one line; the rest a trace.
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException) {
                command.getErr().println("lamina: " + e.getMessage());
            } else {
                e.printStackTrace(command.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** Hands the process environment to the commands that read it, instead of a global lookup. */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ServeCommand.class) {
                return cls.cast(new ServeCommand(environment));
            }
            if (cls == AdminCommand.class) {
                return cls.cast(new AdminCommand(environment));
            }
            if (cls == UsageCommand.class) {
                return cls.cast(new UsageCommand(environment, java.time.Clock.systemUTC()));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
