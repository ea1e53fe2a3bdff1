package dev.lamina.invoke.runtime;

import dev.lamina.model.RuntimeId;
import dev.lamina.sandbox.HostProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which host program runs each runtime family: any {@code nodejs*.x} runs on one Node.js, any
 * {@code python3.*} on one Python 3, any {@code java*} on one JDK. Found once at start-up, from the
 * configured paths or the usual places; the real versions are asked of the programs themselves.
 */
public final class Interpreters {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreters.class);
    private static final List<String> SEARCH = List.of("/usr/bin", "/usr/local/bin", "/bin");

    private final Map<RuntimeId.Family, Interpreter> byFamily;

    private Interpreters(Map<RuntimeId.Family, Interpreter> byFamily) {
        this.byFamily = byFamily;
    }

    /**
     * @param configured executables given by the operator, by family name ("nodejs", "python", "java"),
     *                   for java the JDK's home directory
     * @param defaultJavaHome the JDK to use for Java functions when none is configured
     */
    public static Interpreters detect(Map<String, Path> configured, Path defaultJavaHome) {
        Map<RuntimeId.Family, Interpreter> found = new EnumMap<>(RuntimeId.Family.class);
        node(Optional.ofNullable(configured.get("nodejs"))).ifPresent(i -> found.put(RuntimeId.Family.NODEJS, i));
        python(Optional.ofNullable(configured.get("python"))).ifPresent(i -> found.put(RuntimeId.Family.PYTHON, i));
        java(Optional.ofNullable(configured.get("java")).orElse(defaultJavaHome))
                .ifPresent(i -> found.put(RuntimeId.Family.JAVA, i));
        for (RuntimeId.Family f : List.of(RuntimeId.Family.NODEJS, RuntimeId.Family.PYTHON, RuntimeId.Family.JAVA)) {
            Interpreter i = found.get(f);
            if (i == null) {
                LOG.warn("no interpreter for {} functions: they fail with Runtime.InvalidRuntime", f);
            } else {
                LOG.info("{} functions run on {} {}", f, i.executable(), i.version());
            }
        }
        return new Interpreters(found);
    }

    public Optional<Interpreter> forFamily(RuntimeId.Family family) {
        return Optional.ofNullable(byFamily.get(family));
    }

    private static Optional<Interpreter> node(Optional<Path> configured) {
        return configured.or(() -> search("node")).flatMap(exe -> {
            String v = ask(exe, "--version").orElse("v0").trim();
            return Optional.of(new Interpreter(exe, outsideUsr(exe.getParent().getParent()), v.replaceFirst("^v", "")));
        });
    }

    private static Optional<Interpreter> python(Optional<Path> configured) {
        return configured.or(() -> search("python3")).flatMap(exe -> ask(exe, "-c",
                "import sys; print(sys.prefix); print('%d.%d.%d' % sys.version_info[:3])").map(out -> {
                    String[] lines = out.trim().split("\n");
                    return new Interpreter(exe, outsideUsr(Path.of(lines[0])), lines[lines.length - 1]);
                }));
    }

    private static Optional<Interpreter> java(Path home) {
        Path exe = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(exe)) {
            return Optional.empty();
        }
        return ask(exe, "-XshowSettings:properties", "-version").flatMap(out -> out.lines()
                .map(String::trim).filter(l -> l.startsWith("java.version = ")).findFirst()
                .map(l -> new Interpreter(exe, outsideUsr(home), l.substring("java.version = ".length()))));
    }

    private static Optional<Path> search(String program) {
        for (String dir : SEARCH) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (IOException e) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Sandboxes see the host's /usr anyway; an installation elsewhere must be mounted. */
    private static List<Path> outsideUsr(Path installation) {
        List<Path> paths = new ArrayList<>();
        if (installation != null && !installation.normalize().startsWith("/usr")) {
            paths.add(installation.normalize());
        }
        return paths;
    }

    private static Optional<String> ask(Path exe, String... args) {
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        command.addAll(List.of(args));
        return HostProgram.output(command, Duration.ofSeconds(30));
    }
}
