package dev.lamina.invoke;

import dev.lamina.logs.LogStore;
import dev.lamina.invoke.runtime.Launcher;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LoggingConfig;
import dev.lamina.sandbox.Layout;
import dev.lamina.sandbox.Sandbox;
import dev.lamina.sandbox.SandboxSpec;
import dev.lamina.sandbox.SandboxedProcess;
import dev.lamina.sandbox.cgroup.Limits;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts execution environments: opens a Runtime API endpoint, builds the environment variables
 * Lambda gives a function, and starts the runtime in a sandbox with the function's limits.
 */
final class Environments {
    /** Lambda gives a function one vCPU per 1769 MB of memory. */
    static final double MB_PER_VCPU = 1769;
    static final int PIDS_MAX = 1024;
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The variable that carries a stem cell's token; the cell drops it with the rest of its environment. */
    static final String CELL_TOKEN = "LAMINA_CELL_TOKEN";
    /** The AWS services Lamina answers for, as the SDKs name their endpoint variables. */
    private static final List<String> LAMINA_SERVICES = List.of("LAMBDA", "CLOUDWATCH_LOGS", "SQS", "EVENTBRIDGE",
            "SCHEDULER", "SFN");

    private final Sandbox sandbox;
    private final EnvironmentNetwork network;
    private final LogStore logs;
    private final InvokeSettings settings;
    private final CredentialIssuer credentials;
    private final Clock clock;

    Environments(Sandbox sandbox, RuntimeApiServer runtimeApi, LogStore logs, InvokeSettings settings,
                 CredentialIssuer credentials, Clock clock) {
        this.sandbox = sandbox;
        this.network = new EnvironmentNetwork(sandbox, runtimeApi, settings.laminaEndpoint());
        this.logs = logs;
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Starts a runtime for {@code key}; it begins its init at once.
     *
     * @param provisioned for provisioned concurrency (AWS_LAMBDA_INITIALIZATION_TYPE says so)
     */
    Environment start(EnvironmentKey key, Launcher.Launch launch, boolean provisioned) throws Exception {
        String id = randomHex(16);
        FunctionConfig config = key.config();
        String group = config.logging().effectiveLogGroup(key.function());
        String stream = STREAM_DATE.format(clock.instant()) + "/[" + key.version() + "]" + id;
        EnvironmentNetwork.Link link = network.prepare(new RuntimeChannel(), EnvironmentNetwork.mode(config));
        // Whatever was made before a failure is undone here: the session is revoked, the endpoint
        // closed, and a sandbox that started is killed (its exit removes its cgroup and network).
        SessionCredentials session = null;
        SandboxedProcess process = null;
        try {
            session = credentials.issue(key.function(), config.role());
            SessionCredentials issued = session;
            Layout layout = sandbox.layout(launch.mounts());
            Map<String, String> env = environment(key, launch, layout, link, group, stream, provisioned, session);
            // Init runs with every CPU of the host, as Lambda lets init run unthrottled; the environment
            // drops to its memory-proportional share when init is over (Environment#ready).
            SandboxSpec spec = new SandboxSpec("env-" + id, launch.command().apply(layout), env, launch.mounts(),
                    config.ephemeralStorageMb(), new Limits(config.memorySize() * 1024L * 1024L,
                    Runtime.getRuntime().availableProcessors(), PIDS_MAX), link.sandboxNetwork());
            process = sandbox.start(spec);
            attach(link, process);
            return new Environment(id, key, provisioned, process, link.channel(), () -> {
                link.close();
                credentials.revoke(issued);
            }, retireBy(session, config), logs.open(group, stream), clock);
        } catch (Exception e) {
            if (process != null) {
                process.kill();
            }
            link.close();
            if (session != null) {
                credentials.revoke(session);
            }
            throw e;
        }
    }

    /** Serves the link on the started sandbox's sockets; the sandbox is stopped when that fails. */
    private void attach(EnvironmentNetwork.Link link, SandboxedProcess process) throws Exception {
        try {
            network.attach(link, process);
        } catch (Exception e) {
            process.kill();
            throw e;
        }
    }

    /**
     * Starts a stem cell of {@code kind}: the runtime boots in a sandbox whose /var/task is the
     * empty directory {@code task}, with only the variables every function shares and a token
     * that lets it, and nothing else, ask for its assignment.
     */
    StemCell startCell(StemCell.Kind kind, Launcher.Launch launch, Path task, EnvironmentPool.Claim claim)
            throws Exception {
        String id = randomHex(16);
        String token = randomHex(32);
        EnvironmentNetwork.Link link = network.prepare(new RuntimeChannel(Optional.of(new CellAssignment(token))),
                kind.network());
        try {
            Layout layout = sandbox.layout(launch.mounts());
            Map<String, String> env = defaults(launch, layout);
            env.put("LAMBDA_TASK_ROOT", layout.task());
            env.put("LAMBDA_RUNTIME_DIR", layout.runtime());
            env.put("AWS_LAMBDA_RUNTIME_API", link.runtimeApiAddress());
            env.put(CELL_TOKEN, token);
            SandboxSpec spec = new SandboxSpec("env-" + id, launch.command().apply(layout), env, launch.mounts(),
                    StemCell.Kind.TMP_MB, new Limits(kind.memoryMb() * 1024L * 1024L,
                    Runtime.getRuntime().availableProcessors(), PIDS_MAX), link.sandboxNetwork());
            SandboxedProcess process = sandbox.start(spec);
            attach(link, process);
            return new StemCell(id, kind, process, link, task, claim, layout);
        } catch (Exception e) {
            link.close();
            throw e;
        }
    }

    /**
     * Makes a stem cell the environment of {@code key}: its package must already be in the cell's
     * task directory. The cell receives its handler and its complete environment, replaces its own
     * with it, and runs the function's init.
     *
     * @param cleanup run once the environment has ended (removes the cell's directory)
     */
    Environment assign(StemCell cell, EnvironmentKey key, Launcher.Launch launch, boolean provisioned,
                       Runnable cleanup) {
        FunctionConfig config = key.config();
        String group = config.logging().effectiveLogGroup(key.function());
        String stream = STREAM_DATE.format(clock.instant()) + "/[" + key.version() + "]" + cell.id();
        SessionCredentials session = credentials.issue(key.function(), config.role());
        Environment environment;
        Map<String, String> env;
        try {
            env = environment(key, launch, cell.layout(), cell.link(), group, stream, provisioned,
                    session);
            environment = new Environment(cell.id(), key, provisioned, cell.process(), cell.channel(), () -> {
                cell.link().close();
                credentials.revoke(session);
                cleanup.run();
            }, retireBy(session, config), logs.open(group, stream), clock);
        } catch (RuntimeException e) {
            // No environment holds the session yet; once one does, its end (the caller kills the
            // cell when this throws) revokes it.
            credentials.revoke(session);
            throw e;
        }
        cell.channel().cell().orElseThrow().assign(new CellAssignment.Assignment(config.handler().orElse(""), env));
        return environment;
    }

    /** Closes the Runtime API endpoint of a cell that ended without becoming an environment. */
    void closeEndpoint(EnvironmentNetwork.Link link) {
        link.close();
    }

    /**
     * When an environment must stop taking invocations so that none outlives its credentials: a
     * function timeout plus a minute before they expire, but never before half their lifetime.
     */
    static Instant retireBy(SessionCredentials session, FunctionConfig config) {
        Duration lifetime = Duration.between(session.issuedAt(), session.expiresAt());
        Duration margin = Duration.ofSeconds(config.timeout()).plusMinutes(1);
        if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
            margin = lifetime.dividedBy(2);
        }
        return session.expiresAt().minus(margin);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Lambda's defaults that a function may change, and what the runtime itself needs (NODE_PATH, PYTHONPATH). */
    private static Map<String, String> defaults(Launcher.Launch launch, Layout layout) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:" + layout.opt() + "/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LD_LIBRARY_PATH", String.join(":", "/lib64", "/usr/lib64", layout.runtime(), layout.runtime() + "/lib",
                layout.task(), layout.task() + "/lib", layout.opt() + "/lib"));
        env.putAll(launch.environment().apply(layout));
        return env;
    }

    /**
     * The function's environment: Lambda's defaults that a function may change (PATH, LANG, ...),
     * then the function's own variables, then Lambda's reserved variables, which always win.
     */
    private Map<String, String> environment(EnvironmentKey key, Launcher.Launch launch, Layout layout,
                                            EnvironmentNetwork.Link link, String group, String stream,
                                            boolean provisioned, SessionCredentials session) {
        FunctionConfig c = key.config();
        Map<String, String> env = defaults(launch, layout);
        env.putAll(c.environment());
        c.handler().ifPresent(h -> env.put("_HANDLER", h));
        env.put("AWS_REGION", settings.region().name());
        env.put("AWS_DEFAULT_REGION", settings.region().name());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + c.runtime().map(Object::toString).orElse("provided"));
        env.put("AWS_LAMBDA_FUNCTION_NAME", key.function().value());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(c.memorySize()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", key.version());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", provisioned ? "provisioned-concurrency" : "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", group);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", stream);
        env.put("AWS_LAMBDA_LOG_FORMAT", c.logging().logFormat().wire());
        // The runtime filters the function's own log lines by it; there are levels only in the JSON format.
        if (c.logging().logFormat() == LoggingConfig.LogFormat.JSON) {
            env.put("AWS_LAMBDA_LOG_LEVEL", c.logging().applicationLogLevel().orElse("INFO"));
        }
        env.put("AWS_LAMBDA_RUNTIME_API", link.runtimeApiAddress());
        env.put("LAMBDA_TASK_ROOT", layout.task());
        env.put("LAMBDA_RUNTIME_DIR", layout.runtime());
        // The execution role's session, for the function's own AWS SDK calls to Lamina.
        env.put("AWS_ACCESS_KEY_ID", session.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", session.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", session.sessionToken());
        // The function's AWS SDK calls reach Lamina, not AWS: every service through the general
        // variable, and the services Lamina imitates by name too, so that a function which sets
        // AWS_ENDPOINT_URL for its own purposes still reaches Lamina's Lambda, Logs and so on.
        String endpoint = link.laminaEndpoint();
        env.put("AWS_ENDPOINT_URL", endpoint);
        for (String service : LAMINA_SERVICES) {
            env.put("AWS_ENDPOINT_URL_" + service, endpoint);
        }
        return env;
    }
}
