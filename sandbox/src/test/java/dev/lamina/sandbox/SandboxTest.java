package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes in real bubblewrap sandboxes with real cgroups. Requires bubblewrap and, as root,
 * writable cgroups: the conditions of the machines Lamina's CI runs on (.ci/run installs bubblewrap).
 */
class SandboxTest {
    static final String PYTHON = "/usr/bin/python3";
    static Sandbox sandbox;
    @TempDir
    static Path shared;
    static Path task;

    @BeforeAll
    static void detect() throws IOException {
        prepare(shared);
    }

    /** Detects the sandbox and makes a task directory under {@code dir}; also used by the other sandbox tests. */
    static void prepare(Path dir) throws IOException {
        shared = dir;
        // The sandbox's uid must be able to read the task directory, as it can Lamina's code trees
        // (and, from detection on, the generated resolv.conf).
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = Sandboxes.detect(new Sandboxes.Options(Path.of("/sys/fs/cgroup"), shared.resolve("plain-tmp"),
                Identity.LAMBDA, false, ProcessHandle.current().info().user().orElse("").equals("root")));
        assertThat(sandbox).as("bubblewrap must work on this machine: " + sandbox.describe())
                .isInstanceOf(BubblewrapSandbox.class);
        task = Files.createDirectories(shared.resolve("task"));
        Files.writeString(task.resolve("hello.txt"), "hello from the task");
    }

    /** Runs a Python program in a fresh sandbox and returns (exit status, stdout). */
    static Result run(String program, int memoryMb, int tmpMb, Map<String, String> env) throws Exception {
        SandboxedProcess p = start(program, memoryMb, tmpMb, env);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p));
        ExitStatus status = p.onExit().get(60, TimeUnit.SECONDS);
        return new Result(status, out.get(10, TimeUnit.SECONDS), p.peakMemoryBytes());
    }

    static SandboxedProcess start(String program, int memoryMb, int tmpMb, Map<String, String> env) throws IOException {
        return sandbox.start(new SandboxSpec("test-" + UUID.randomUUID(), List.of(PYTHON, "-c", program), env,
                new Mounts(task, task, Optional.empty(), List.of()), tmpMb,
                new Limits(memoryMb * 1024L * 1024L, 1, 64)));
    }

    record Result(ExitStatus status, String stdout, long peak) {
    }

    static String read(SandboxedProcess p) {
        try {
            return new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void theCommandRunsAsAnUnprivilegedUserWithNoCapabilitiesInItsOwnNamespaces() throws Exception {
        Result r = run("""
                import os, socket
                caps = [l for l in open('/proc/self/status') if l.startswith('CapEff')][0].split()[1]
                pids = [p for p in os.listdir('/proc') if p.isdigit()]
                print(os.getuid(), os.getgid(), caps, len(pids), socket.gethostname(), os.getcwd())
                """, 128, 16, Map.of());
        assertThat(r.status().code()).as(r.stdout()).isZero();
        String[] f = r.stdout().trim().split(" ");
        assertThat(f[0]).as("uid").isEqualTo("993");
        assertThat(f[1]).as("gid").isEqualTo("990");
        assertThat(f[2]).as("effective capabilities").isEqualTo("0000000000000000");
        assertThat(Integer.parseInt(f[3])).as("processes visible in /proc").isLessThanOrEqualTo(3);
        assertThat(f[4]).isEqualTo("localhost");
        assertThat(f[5]).isEqualTo("/var/task");
    }

    @Test
    void theEnvironmentIsExactlyTheOneGivenAndNothingOfLaminas() throws Exception {
        Result r = run("import os; print(' '.join(sorted(os.environ)) + '|' + os.environ['ONLY'])", 128, 16,
                Map.of("ONLY", "this"));
        // Beside what was given, only what bubblewrap (PWD) and Python (LC_CTYPE) set themselves.
        assertThat(r.stdout().trim()).matches("(LC_CTYPE )?ONLY( PWD)?\\|this");
    }

    @Test
    void programsOnTheHostNeverSeeTheFunctionsEnvironmentWhichTheCommandGetsExactly() throws Exception {
        // The dynamic loader of every program started with these writes to <marker>.<pid>: were the
        // prelude's shell, setpriv or bubblewrap (on the host, as root) given them, files would appear
        // here. Inside the sandbox this directory does not exist.
        Path markers = Files.createDirectories(shared.resolve("loader-markers"));
        Files.setPosixFilePermissions(markers, PosixFilePermissions.fromString("rwxrwxrwx"));
        String odd = "a b\n'\"$(touch /tmp/x)\"=c";
        Result r = run("import os, json; print(json.dumps({k: os.environ.get(k) for k in "
                        + "['LD_PRELOAD', 'LD_DEBUG_OUTPUT', 'ODD']}), 'open:', [os.readlink('/proc/self/fd/' + f) "
                        + "for f in os.listdir('/proc/self/fd') if f not in ('0', '1', '2')])", 128, 16,
                Map.of("LD_PRELOAD", "/nonexistent/libmarker.so", "LD_DEBUG", "libs",
                        "LD_DEBUG_OUTPUT", markers.resolve("loader").toString(), "ODD", odd));
        assertThat(r.status().code()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("\"LD_PRELOAD\": \"/nonexistent/libmarker.so\"",
                "\"LD_DEBUG_OUTPUT\": \"" + markers.resolve("loader") + "\"",
                "\"ODD\": \"a b\\n'\\\"$(touch /tmp/x)\\\"=c\"");
        // Neither the seccomp program (3) nor the arguments file (4) is left open for the command.
        assertThat(r.stdout()).doesNotContain("memfd");
        try (var files = Files.list(markers)) {
            assertThat(files.toList()).as("loader output of host-side programs").isEmpty();
        }
    }

    @Test
    void theTaskIsReadOnlyAndTmpIsPrivateWritableAndSizeLimited() throws Exception {
        Result r = run("""
                print(open('/var/task/hello.txt').read())
                try:
                    open('/var/task/new', 'w'); print('task writable')
                except OSError as e:
                    print('task read-only', e.errno)
                open('/tmp/small', 'w').write('x' * 1024); print('tmp writable')
                try:
                    with open('/tmp/big', 'wb') as f:
                        f.write(b'x' * (8 * 1024 * 1024))
                    print('tmp unlimited')
                except OSError as e:
                    print('tmp full', e.errno)
                """, 128, 4, Map.of());
        assertThat(r.stdout()).contains("hello from the task").contains("task read-only 30")
                .contains("tmp writable").contains("tmp full 28").doesNotContain("unlimited");
    }

    @Test
    void twoSandboxesNeverShareTmp() throws Exception {
        SandboxedProcess writer = start("""
                import time
                open('/tmp/secret', 'w').write('mine')
                time.sleep(5)
                """, 128, 16, Map.of());
        Thread.sleep(500);
        Result reader = run("import os; print(os.path.exists('/tmp/secret'))", 128, 16, Map.of());
        assertThat(reader.stdout().trim()).isEqualTo("False");
        writer.kill();
        writer.onExit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void exceedingTheMemoryLimitGetsTheProcessOomKilledAndSaysSo() throws Exception {
        Result r = run("x = bytearray(300 * 1024 * 1024)\nprint('survived')", 128, 16, Map.of());
        assertThat(r.stdout()).doesNotContain("survived");
        assertThat(r.status().oomKilled()).isTrue();
        assertThat(r.status().describe()).isEqualTo("signal: killed");
        assertThat(r.peak()).isBetween(100L * 1024 * 1024, 129L * 1024 * 1024);
    }

    @Test
    void anExitCodeIsReportedInGosWords() throws Exception {
        Result r = run("import sys; sys.exit(3)", 128, 16, Map.of());
        assertThat(r.status().describe()).isEqualTo("exit status 3");
        assertThat(r.status().oomKilled()).isFalse();
        assertThat(r.peak()).isPositive();
    }

    @Test
    void terminateSendsSigtermThenKillsWhatIgnoresIt() throws Exception {
        SandboxedProcess polite = start("""
                import signal, sys, time
                signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
                print('ready', flush=True)
                time.sleep(60)
                """, 128, 16, Map.of());
        SandboxedProcess stubborn = start("""
                import signal, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                print('ready', flush=True)
                time.sleep(60)
                """, 128, 16, Map.of());
        for (SandboxedProcess p : List.of(polite, stubborn)) {
            assertThat(new String(p.stdout().readNBytes(5))).isEqualTo("ready");
        }
        long start = System.nanoTime();
        polite.terminate(Duration.ofSeconds(2));
        stubborn.terminate(Duration.ofSeconds(2));
        ExitStatus politeExit = polite.onExit().get(10, TimeUnit.SECONDS);
        ExitStatus stubbornExit = stubborn.onExit().get(10, TimeUnit.SECONDS);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(politeExit.describe()).isEqualTo("exit status 0");
        assertThat(stubbornExit.describe()).isEqualTo("signal: killed");
        assertThat(waitedMs).isBetween(1_900L, 8_000L);
    }

    /** Collects a stream's bytes and notes its end. */
    static final class Collected implements OutputSink {
        final StringBuffer text = new StringBuffer();
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        @Override
        public void write(byte[] bytes, int length) {
            text.append(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void end() {
            ended.complete(null);
        }
    }

    @Test
    void outputIsReadWithoutAThreadAndADrainHandsOnAllThatWasWritten() throws Exception {
        // The program writes, then says so on stderr, then waits: once "written" is on stderr, a drain
        // must hand on every line of stdout, without waiting.
        SandboxedProcess p = start("""
                import sys, time
                for i in range(1000):
                    print('line', i)
                sys.stdout.flush()
                print('written', file=sys.stderr, flush=True)
                time.sleep(60)
                """, 128, 16, Map.of());
        Collected out = new Collected();
        Collected err = new Collected();
        OutputReader reader = p.readOutput(out, err);
        assertThat(reader.exact()).as("read by the shared poller").isTrue();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!err.text.toString().contains("written") && System.nanoTime() < deadline) {
            reader.drain(0);
        }
        reader.drain(0);
        assertThat(out.text.toString().lines()).hasSize(1000).endsWith("line 999");
        p.kill();
        p.onExit().get(10, TimeUnit.SECONDS);
        reader.awaitEnd(5000);
        assertThat(out.ended).isDone();
        assertThat(err.ended).isDone();
    }

    @Test
    void theControlGroupIsGoneOnceTheSandboxHasEnded() throws Exception {
        String name = "test-" + UUID.randomUUID();
        SandboxedProcess p = sandbox.start(new SandboxSpec(name, List.of(PYTHON, "-c", "pass"), Map.of(),
                new Mounts(task, task, Optional.empty(), List.of()), 16, new Limits(128L << 20, 1, 64)));
        p.onExit().get(30, TimeUnit.SECONDS);
        try (var stream = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            assertThat(stream.map(Path::toString)).noneMatch(s -> s.endsWith(name));
        }
    }
}
