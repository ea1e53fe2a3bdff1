package dev.lamina.invoke.runtime;

import dev.lamina.model.RuntimeId;
import dev.lamina.sandbox.Layout;
import dev.lamina.sandbox.Mounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How each runtime family starts: the command, what the sandbox mounts, and the variables the
 * runtime itself needs (NODE_PATH, PYTHONPATH). Lambda's reserved variables are added by the caller.
 */
public final class Launcher {
    private final Interpreters interpreters;
    private final RuntimeFiles files;

    public Launcher(Interpreters interpreters, RuntimeFiles files) {
        this.interpreters = interpreters;
        this.files = files;
    }

    /** What {@link #plan} decides: a launch, or a refusal. */
    public sealed interface Plan permits Launch, Refusal {
    }

    /** A runtime that cannot start at all, with Lambda's error type and message. */
    public record Refusal(String errorType, String message) implements Plan {
    }

    /**
     * What to start for a function.
     *
     * @param runtimeVersion for INIT_START, e.g. "nodejs:20.20.2"
     */
    public record Launch(Mounts mounts, Function<Layout, List<String>> command,
                         Function<Layout, Map<String, String>> environment, String runtimeVersion) implements Plan {
    }

    /**
     * @param handler  the function's Handler (empty for custom runtimes)
     * @param task     the function's unpacked package
     */
    public Plan plan(RuntimeId runtime, String handler, Path task, int memoryMb) {
        RuntimeId.Family family = runtime.family();
        if (family == RuntimeId.Family.PROVIDED) {
            return custom(task);
        }
        Optional<Interpreter> found = interpreters.forFamily(family);
        if (found.isEmpty()) {
            return new Refusal("Runtime.InvalidRuntime", "Lamina has no interpreter for the runtime " + runtime
                    + " on this host.");
        }
        return family(family, found.get(), task, memoryMb, List.of(RIC_MAIN, handler))
                .<Plan>map(launch -> launch)
                .orElseGet(() -> new Refusal("Runtime.InvalidRuntime", "Lamina does not run " + runtime + " functions."));
    }

    /**
     * A stem cell of a runtime family: the runtime, booted with the memory settings of
     * {@code memoryMb} and its package directory at {@code task} (still empty), waiting to be told
     * which function it becomes. Empty for families that have no stem cells (custom runtimes) or no
     * interpreter here.
     */
    public Optional<Launch> cell(RuntimeId.Family family, Path task, int memoryMb) {
        return interpreters.forFamily(family).flatMap(i -> family(family, i, task, memoryMb, List.of(CELL_MAIN)));
    }

    /** The official runtime interface client's main class, which takes the handler as its argument. */
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /**
     * The Java runtime interface client writes each LambdaLogger call as one frame of Lambda's
     * telemetry log protocol to this file descriptor, where a plain stdout would run calls without a
     * newline together; Lamina names stdout itself, so frames and System.out keep their order, and
     * the environment's output reader turns each frame into one log line.
     */
    private static final String TELEMETRY_LOG_FD = "_LAMBDA_TELEMETRY_LOG_FD";
    /** Lamina's stem-cell launcher (module runtime-java-cell), which asks for its handler first. */
    private static final String CELL_MAIN = "dev.lamina.runtimes.java.Cell";

    /** @param javaMain the Java main class and its arguments */
    private Optional<Launch> family(RuntimeId.Family family, Interpreter i, Path task, int memoryMb,
                                    List<String> javaMain) {
        String exe = i.executable().toString();
        return switch (family) {
            case NODEJS -> Optional.of(new Launch(mounts(task, files.family("nodejs"), i),
                    l -> List.of(exe, "--max-old-space-size=" + Math.max(32, memoryMb * 9 / 10),
                            l.runtime() + "/index.js"),
                    l -> Map.of("NODE_PATH", String.join(":", l.opt() + "/nodejs/node_modules",
                            l.runtime() + "/node_modules", l.runtime(), l.task())),
                    "nodejs:" + i.version()));
            case PYTHON -> Optional.of(new Launch(mounts(task, files.family("python"), i),
                    l -> List.of(exe, l.runtime() + "/bootstrap.py"),
                    l -> Map.of("PYTHONPATH", String.join(":", l.task(), l.opt() + "/python", l.runtime())),
                    "python:" + i.version()));
            case JAVA -> Optional.of(new Launch(mounts(task, files.family("java"), i), l -> {
                List<String> command = new ArrayList<>(List.of(exe, "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UsePerfData",
                        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + l.tmp(), "-cp", l.runtime() + "/lib/*",
                        // The client opens its telemetry log (TELEMETRY_LOG_FD) with FileDescriptor's private constructor.
                        "--add-opens=java.base/java.io=ALL-UNNAMED"));
                if (javaMain.getFirst().equals(CELL_MAIN)) {
                    // The stem-cell launcher replaces the JVM's view of the environment once it is assigned.
                    command.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
                            "--add-opens=java.base/java.util=ALL-UNNAMED"));
                }
                command.addAll(javaMain);
                return command;
            }, l -> Map.of(TELEMETRY_LOG_FD, "1"), "java:" + i.version()));
            default -> Optional.empty();
        };
    }

    /** provided, provided.al2, provided.al2023: the package's own executable {@code bootstrap}. */
    private Plan custom(Path task) {
        Path bootstrap = task.resolve("bootstrap");
        if (!Files.isRegularFile(bootstrap)) {
            return new Refusal("Runtime.InvalidEntrypoint",
                    "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]");
        }
        if (!Files.isExecutable(bootstrap)) {
            return new Refusal("Runtime.InvalidEntrypoint", "Error: fork/exec /var/task/bootstrap: permission denied");
        }
        return new Launch(new Mounts(task, files.empty(), Optional.empty(), List.of()),
                l -> List.of(l.task() + "/bootstrap"), l -> Map.of(), "provided:custom");
    }

    private static Mounts mounts(Path task, Path runtime, Interpreter interpreter) {
        return new Mounts(task, runtime, Optional.empty(), new ArrayList<>(interpreter.hostPaths()));
    }
}
