package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-function suite: one Python function per threat (fixtures/hostile/probes.py), each of
 * which tries to get out of its sandbox and reports what it saw. Every probe must fail safely, and
 * a neighbour function must keep answering after each. The subclasses run it against a server
 * running as root and as an unprivileged user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileProbes {
    private static final String PROBES = resource("fixtures/hostile/probes.py");
    private Path loaderMarkers;

    /** Starts the server; runs before anything else of the class. */
    abstract void startServer() throws Exception;

    abstract void stopServer() throws Exception;

    /** The server's SDK client. */
    abstract LambdaClient lambda();

    /** The server's data directory, which no function may see. */
    abstract Path dataDir();

    @BeforeAll
    void startAndDeploy() throws Exception {
        startServer();
        Deploy.active(lambda(), "neighbour");
        for (String probe : List.of("read_proc", "read_lamina", "write_outside_tmp", "mount", "ptrace", "unshare",
                "exhaust_fds", "leave_child")) {
            probe(probe, 128);
        }
        probe("fork_bomb", 1024); // room for a thousand processes' page tables: the pids limit must stop it, not memory
        probe("fill_tmp", 1024);  // tmpfs pages count as memory: /tmp (512 MB) must fill before memory does
        loaderMarkers = Files.createTempDirectory(Path.of("/tmp"), "lamina-loader-");
        Files.setPosixFilePermissions(loaderMarkers, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Functions.create(lambda(), "hostile-loader-variables", Runtime.PYTHON3_12.toString(), "env.handler",
                Zips.of(Map.of("env.py", """
                        import os
                        def handler(event, context):
                            return {k: os.environ.get(k) for k in ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_DEBUG_OUTPUT']}
                        """)), b -> b.environment(e -> e.variables(Map.of(
                        "LD_PRELOAD", "/var/task/libmissing.so", "LD_LIBRARY_PATH", "/var/task/lib",
                        "LD_DEBUG", "libs", "LD_DEBUG_OUTPUT", loaderMarkers.resolve("loader").toString()))));
    }

    @AfterAll
    void stop() throws Exception {
        stopServer();
        if (loaderMarkers != null) {
            try (Stream<Path> files = Files.list(loaderMarkers)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(loaderMarkers);
        }
    }

    private void probe(String name, int memoryMb) {
        Functions.create(lambda(), "hostile-" + name.replace('_', '-'), Runtime.PYTHON3_12.toString(), "probes." + name,
                Zips.of(Map.of("probes.py", PROBES)), b -> b.memorySize(memoryMb).timeout(60));
    }

    private JsonNode invoke(String probe, String event) {
        Functions.Invocation r = Functions.invoke(lambda(), "hostile-" + probe, event);
        assertThat(r.functionError()).as(r.payload() + "\n" + r.log()).isNull();
        assertThat(r.payload()).doesNotContain(TestServer.KEYS.secretAccessKey());
        return r.json();
    }

    @AfterEach
    void theNeighbourKeepsAnswering() {
        String marker = UUID.randomUUID().toString();
        Functions.Invocation r = Functions.invoke(lambda(), "neighbour", "{\"marker\":\"" + marker + "\"}");
        assertThat(r.functionError()).as(r.payload()).isNull();
        assertThat(r.json().path("marker").asText()).isEqualTo(marker);
    }

    @Test
    void procShowsOnlyTheSandboxsOwnProcesses() {
        JsonNode r = invoke("read-proc", "{}");
        assertThat(r.path("uid").asInt()).isEqualTo(993);
        JsonNode processes = r.path("processes");
        assertThat(processes.size()).as(processes.toString()).isBetween(1, 4);
        processes.properties().forEach(p -> assertThat(p.getValue().asText()).as(processes.toString())
                .doesNotContain("java", "lamina-cli", "dev.lamina"));
    }

    @Test
    void laminasEnvironmentFilesAndDataDirectoryAreOutOfSight() {
        JsonNode r = invoke("read-lamina", "{\"dataDir\":\"" + dataDir() + "\",\"laminaLib\":\""
                + Path.of("../cli/target/lamina/lib").toAbsolutePath().normalize() + "\"}");
        assertThat(r.path("variables").toString()).doesNotContain("LAMINA_", "JAVA_HOME", "MAVEN");
        assertThat(r.path("dataDir").asBoolean()).isFalse();
        assertThat(r.path("masterKey").asText()).isEqualTo("ENOENT");
        assertThat(r.path("database").asText()).isEqualTo("ENOENT");
        assertThat(r.path("laminaCode").asBoolean()).isFalse();
        assertThat(r.path("shadow").asText()).isEqualTo("ENOENT");
        assertThat(r.path("rootHome").asBoolean()).isFalse();
        assertThat(r.path("hostProcRoot").asText()).isEqualTo("ENOENT");
    }

    @Test
    void nothingOutsideTmpIsWritable() {
        JsonNode r = invoke("write-outside-tmp", "{}");
        List<String> written = new ArrayList<>();
        r.properties().forEach(e -> {
            if (e.getValue().asText().equals("written")) {
                written.add(e.getKey());
            }
        });
        assertThat(written).as(r.toString()).containsExactly("/tmp");
    }

    @Test
    void mountIsRefused() {
        JsonNode r = invoke("mount", "{}");
        assertThat(r.path("tmpfs").asText()).isEqualTo("EPERM");
        assertThat(r.path("bind").asText()).isEqualTo("EPERM");
        assertThat(r.path("umount").asText()).isEqualTo("EPERM");
        assertThat(r.path("mountTool").asInt()).isNotZero();
    }

    @Test
    void ptraceAndReadingAnotherProcessesMemoryAreRefused() {
        JsonNode r = invoke("ptrace", "{}");
        assertThat(r.path("attach").asText()).isEqualTo("EPERM");
        assertThat(r.path("seize").asText()).isEqualTo("EPERM");
        assertThat(r.path("traceme").asText()).isEqualTo("EPERM");
        assertThat(r.path("vmRead").asText()).isEqualTo("EPERM");
    }

    @Test
    void newNamespacesAreRefused() {
        JsonNode r = invoke("unshare", "{}");
        assertThat(r.path("user").asText()).isEqualTo("EPERM");
        assertThat(r.path("mount").asText()).isEqualTo("EPERM");
        assertThat(r.path("net").asText()).isEqualTo("EPERM");
        assertThat(r.path("cloneUser").asText()).isEqualTo("EPERM");
        assertThat(r.path("tool").asInt()).as(r.path("toolOutput").asText()).isNotZero();
    }

    /**
     * The prelude's shell, setpriv and bubblewrap run on the host (as root in the root suite): a
     * function's LD_PRELOAD or LD_LIBRARY_PATH must not reach their dynamic loader. LD_DEBUG_OUTPUT
     * makes every loader that sees these variables write a file in a host directory (which the
     * sandbox does not have); the function itself still sees all of them, as configured.
     */
    @Test
    void theFunctionsLoaderVariablesReachOnlyTheFunction() throws Exception {
        JsonNode r = invoke("loader-variables", "{}");
        assertThat(r.path("LD_PRELOAD").asText()).isEqualTo("/var/task/libmissing.so");
        assertThat(r.path("LD_LIBRARY_PATH").asText()).isEqualTo("/var/task/lib");
        assertThat(r.path("LD_DEBUG_OUTPUT").asText()).isEqualTo(loaderMarkers.resolve("loader").toString());
        try (Stream<Path> files = Files.list(loaderMarkers)) {
            assertThat(files.toList()).as("loader output of host-side programs").isEmpty();
        }
    }

    @Test
    void aForkBombMeetsThePidsLimit() {
        JsonNode r = invoke("fork-bomb", "{}");
        assertThat(r.path("refused").asText()).isEqualTo("EAGAIN");
        assertThat(r.path("forked").asInt()).isLessThan(1024);
    }

    @Test
    void tmpFillsAtItsEphemeralStorageSize() {
        JsonNode r = invoke("fill-tmp", "{}");
        assertThat(r.path("error").asText()).isEqualTo("ENOSPC");
        assertThat(r.path("writtenMb").asInt()).isBetween(500, 512);
    }

    @Test
    void openFilesStopAt1024() {
        JsonNode r = invoke("exhaust-fds", "{}");
        assertThat(r.path("error").asText()).isEqualTo("EMFILE");
        assertThat(r.path("opened").asInt()).isBetween(1000, 1023);
    }

    @Test
    void aChildLeftRunningNeverAdvancesWhileIdleAndEndsWithItsEnvironment() throws Exception {
        String marker = "hostile-ticker-" + UUID.randomUUID();
        invoke("leave-child", "{\"start\":true,\"marker\":\"" + marker + "\"}");
        long answered = System.currentTimeMillis();
        assertThat(processesWith(marker)).as("the child runs on after the answer").isNotEmpty();
        Thread.sleep(3000);
        long next = System.currentTimeMillis();
        JsonNode ticks = invoke("leave-child", "{}").path("ticks");
        assertThat(ticks.size()).as("the child noted the time before it was frozen").isPositive();
        // The environment is frozen within moments of its runtime's /next; a second is ample.
        List<Long> whileIdle = new ArrayList<>();
        ticks.forEach(t -> {
            if (t.asLong() > answered + 1000 && t.asLong() < next) {
                whileIdle.add(t.asLong());
            }
        });
        assertThat(whileIdle).as("times the child noted while its environment was idle").isEmpty();

        // A new configuration retires the environment; its leftover child goes with it.
        lambda().updateFunctionConfiguration(b -> b.functionName("hostile-leave-child").description("retire " + marker));
        lambda().waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("hostile-leave-child"));
        invoke("leave-child", "{\"start\":true,\"marker\":\"" + marker + "-2\"}");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!processesWith(marker + "\0").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processesWith(marker + "\0")).as("the first environment's child after it stopped").isEmpty();
    }

    /** Host pids whose command line has {@code text} (arguments are separated by NUL). */
    static List<Long> processesWith(String text) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8) + "\0";
                    if (cmdline.contains(text)) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return found;
    }

    private static String resource(String name) {
        try (InputStream in = HostileProbes.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
