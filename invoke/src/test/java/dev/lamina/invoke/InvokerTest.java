package dev.lamina.invoke;

import dev.lamina.invoke.runtime.Interpreters;
import dev.lamina.logs.LogEvent;
import dev.lamina.logs.LogSettings;
import dev.lamina.logs.LogStore;
import dev.lamina.model.AccountId;
import dev.lamina.model.CodeRef;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.model.RuntimeId;
import dev.lamina.sandbox.Identity;
import dev.lamina.sandbox.Sandbox;
import dev.lamina.sandbox.Sandboxes;
import dev.lamina.store.code.CodeLease;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.StagedPackage;
import dev.lamina.store.code.ZipLimits;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Invoker with real sandboxes and short limits: Lambda's init limit and its retry, and the
 * keep-alive with Lambda's SHUTDOWN.
 */
class InvokerTest {
    /** A Python function whose init sleeps INIT_SLEEP seconds and which logs SIGTERM before exiting. */
    static final String APP = """
            import os, signal, sys, time
            time.sleep(float(os.environ.get("INIT_SLEEP", "0")))
            def on_term(*args):
                print("SIGTERM received, shutting down", flush=True)
                sys.exit(0)
            signal.signal(signal.SIGTERM, on_term)
            def handler(event, context):
                if event.get("key"):
                    return {"key": os.environ["AWS_ACCESS_KEY_ID"]}
                return {"ok": True}
            """;

    @TempDir
    Path dir;
    SqliteStore store;
    CodeStore code;
    Execution execution;
    LogStore logs;
    final TestIssuer issuer = new TestIssuer(Duration.ofHours(1));
    final List<InvocationSummary> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> throttles = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        store = SqliteStore.open(dir.resolve("db"), new AesGcmSealer(new byte[32], "environment-variables"));
        code = new CodeStore(dir.resolve("code"), ZipLimits.AWS_DEFAULTS, 50L << 20);
        logs = new LogStore(dir.resolve("logs"), new LogSettings(1 << 20, 1L << 30, Duration.ofMinutes(1)),
                Clock.systemUTC());
        execution = execution(4096);
    }

    /** An Execution whose environments together may be given {@code memoryBudgetMb}. */
    Execution execution(long memoryBudgetMb) throws Exception {
        Sandbox sandbox = Sandboxes.detect(new Sandboxes.Options(Path.of("/sys/fs/cgroup"), dir.resolve("tmp"),
                Identity.LAMBDA, false, "root".equals(System.getProperty("user.name"))));
        InvokeSettings settings = new InvokeSettings(new Region("us-east-1"), new AccountId("000000000000"),
                URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), true, Duration.ofSeconds(1), 1000,
                memoryBudgetMb, List.of(), 0);
        return new Execution(settings, store, code, sandbox,
                Interpreters.detect(Map.of(), Path.of(System.getProperty("java.home"))), issuer, dir.resolve("runtimes"),
                logs, dir.resolve("cells"), new InvocationObserver() {
                    @Override
                    public void ended(InvocationSummary summary) {
                        observed.add(summary);
                    }

                    @Override
                    public void throttled(FunctionName function, String executedVersion, Optional<String> alias,
                                          String reason, boolean asynchronous) {
                        throttles.add(function.value() + " " + executedVersion + " " + reason);
                    }
                }, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        execution.close();
        logs.close();
        store.close();
    }

    void deploy(String name, int timeoutSeconds, double initSleepSeconds) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("app.py"));
            z.write(APP.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        StagedPackage staged = code.stage();
        try (OutputStream out = staged.output()) {
            out.write(zip.toByteArray());
        }
        CodeRef ref;
        try (CodeLease lease = code.commit(staged)) {
            ref = lease.code();
        }
        code.prepare(ref);
        FunctionConfig config = new FunctionConfig("", Optional.of(new RuntimeId("python3.12")),
                Optional.of("app.handler"), "role", 256, timeoutSeconds, Map.of("INIT_SLEEP", Double.toString(initSleepSeconds)),
                512, java.util.List.of(), dev.lamina.model.TracingMode.PASS_THROUGH, dev.lamina.model.LoggingConfig.DEFAULT,
                Optional.empty(), dev.lamina.model.Architecture.X86_64, Optional.empty(), dev.lamina.model.VpcConfig.NONE,
                FunctionConfig.SnapStartApplyOn.NONE);
        FunctionName fn = new FunctionName(name);
        store.write(tx -> {
            tx.functions().insert(new FunctionRecord(fn, Map.of(), OptionalInt.empty(), 0, Instant.now()));
            tx.versions().insert(new FunctionVersion(fn, Qualifier.LATEST, config, ref,
                    Optional.of(new FunctionVersion.Deployed(config, ref)), DeploymentState.ACTIVE, Optional.empty(),
                    "rev", Instant.now()));
            return null;
        });
    }

    Invoker.Result invoke(String name) throws InterruptedException {
        return execution.invoker().invoke(new Invoker.Request(UUID.randomUUID().toString(),
                FunctionRef.of(new FunctionName(name)), Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8),
                Optional.empty(), true, Optional.empty()));
    }

    String log(String name) {
        String group = "/aws/lambda/" + name;
        StringBuilder all = new StringBuilder();
        for (String stream : logs.streamNames(group)) {
            logs.reader(group, stream).forward(LogEvent.Position.START, 0, Long.MAX_VALUE)
                    .forEachRemaining(e -> all.append(e.message()).append('\n'));
        }
        return all.toString();
    }

    /**
     * A start that fails after the sandbox is up (here: its log stream cannot be opened, a file
     * stands where the log group's directory goes) revokes the environment's session and kills
     * the sandbox, whichever way the environment was made (afresh, or from a stem cell).
     */
    @Test
    void anEnvironmentWhoseLogCannotBeOpenedLeavesNoSessionAndNoSandboxBehind() throws Exception {
        deploy("no-log", 60, 30); // an init that would keep the sandbox busy long after the failure
        Files.writeString(dir.resolve("logs").resolve(LogStore.directoryName("/aws/lambda/no-log")), "in the way");
        try {
            invoke("no-log");
        } catch (RuntimeException expected) {
            // how the failure reaches the caller is not what this test is about
        }
        assertThat(issuer.issued).as("sessions issued").isNotEmpty();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(issuer.held).as("sessions held").isEmpty());
        String codeDir = dir.resolve("code").toString();
        await().atMost(5, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(codeDir)));
    }

    @Test
    void theObserverHearsEachInvocationWithTheFiguresOfItsReportLine() throws Exception {
        deploy("observed", 3, 0);
        invoke("observed");
        Invoker.Result second = invoke("observed");
        assertThat(observed).hasSize(2);
        InvocationSummary cold = observed.get(0);
        InvocationSummary warm = observed.get(1);
        assertThat(cold.outcome()).isEqualTo(InvocationSummary.Outcome.SUCCESS);
        assertThat(cold.init()).isPresent();
        assertThat(warm.init()).isEmpty();
        assertThat(warm.requestId()).isEqualTo(second.requestId());
        assertThat(warm.executedVersion()).isEqualTo("$LATEST");
        assertThat(warm.memoryMb()).isEqualTo(256);
        String tail = new String(java.util.Base64.getDecoder().decode(second.logTail().orElseThrow()),
                StandardCharsets.UTF_8);
        assertThat(tail).contains("Billed Duration: " + warm.billedMillis() + " ms");
    }

    /** A memory-budget throttle comes from the cold start, not the concurrency limits, and is observed all the same. */
    @Test
    void aThrottleOverTheMemoryBudgetIsObservedWithItsReason() throws Exception {
        execution.close();
        execution = execution(128); // less than the function's 256 MB
        deploy("too-big", 3, 0);
        assertThatThrownBy(() -> invoke("too-big")).isInstanceOf(LambdaException.class)
                .extracting(e -> ((LambdaException) e).code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(throttles).containsExactly("too-big $LATEST ConcurrentInvocationLimitExceeded");
        assertThat(observed).isEmpty();
    }

    @Test
    void anInitOverTheLimitIsRetriedWithinTheFunctionsTimeout() throws Exception {
        deploy("slow-init", 10, 1.5);
        Invoker.Result r = invoke("slow-init");
        assertThat(r.functionError()).isEmpty();
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\": true}");
        assertThat(log("slow-init")).contains("INIT_REPORT Init Duration: ").contains("Phase: init\tStatus: timeout");
    }

    @Test
    void anInitThatNeverFinishesTimesTheInvocationOut() throws Exception {
        deploy("stuck-init", 2, 30);
        long start = System.nanoTime();
        Invoker.Result r = invoke("stuck-init");
        assertThat(r.functionError()).contains("Unhandled");
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).contains("Sandbox.Timedout")
                .contains("Task timed out after 2.00 seconds");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 6_000L);
        assertThat(observed).singleElement().satisfies(failed -> {
            assertThat(failed.outcome()).isEqualTo(InvocationSummary.Outcome.TIMEOUT);
            assertThat(failed.init()).as("the failed init's duration").hasValueSatisfying(d -> assertThat(d).isPositive());
        });
    }

    @Test
    void anIdleEnvironmentIsShutDownWithSigtermAfterTheKeepAlive() throws Exception {
        deploy("idle", 3, 0);
        invoke("idle");
        assertThat(execution.environments()).isEqualTo(1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> execution.environments() == 0);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(log("idle")).contains("SIGTERM received, shutting down"));
        Invoker.Result again = invoke("idle");
        assertThat(again.functionError()).isEmpty();
        assertThat(again.logTail().map(t -> new String(java.util.Base64.getDecoder().decode(t))))
                .hasValueSatisfying(t -> assertThat(t).contains("Init Duration"));
    }

    @Test
    void eachEnvironmentHoldsItsOwnCredentialsUntilItEnds() throws Exception {
        deploy("keys", 3, 0);
        Invoker.Result r = execution.invoker().invoke(new Invoker.Request(UUID.randomUUID().toString(),
                FunctionRef.of(new FunctionName("keys")), Optional.empty(), "{\"key\": 1}".getBytes(StandardCharsets.UTF_8),
                Optional.empty(), true, Optional.empty()));
        String key = new String(r.payload(), StandardCharsets.UTF_8);
        assertThat(issuer.held).hasSize(1);
        assertThat(key).contains(issuer.held.iterator().next());
        await().atMost(10, TimeUnit.SECONDS).until(() -> execution.environments() == 0);
        assertThat(issuer.held).as("revoked when the environment ended").isEmpty();
        assertThat(issuer.issued).hasSize(1);
    }
}
