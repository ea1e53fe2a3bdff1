package dev.lamina.it;

import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hostile-function suite against a server process running as an unprivileged system user
 * ({@value #USER}, created when missing), as docs/SECURITY.md describes: it owns its data directory,
 * and root has handed it Lamina's parent control groups (cgroup v1: {@code chown} of
 * {@code /sys/fs/cgroup/<controller>/lamina}). Needs root and cgroup v1 to set that up; skipped otherwise.
 */
class HostileFunctionAsUserIT extends HostileProbes {
    static final String USER = "lamina-hostile";
    private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "freezer");

    private Path dataDir;
    private LaminaProcess server;
    private LambdaClient lambda;

    @Override
    void startServer() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root to create a user");
        assumeTrue(Files.isDirectory(Path.of("/sys/fs/cgroup/freezer")),
                "hands the user cgroup v1 groups; an unprivileged Lamina does not use cgroup v2 delegation yet");
        if (run("id", "-u", USER) != 0) {
            assertThat(run("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", USER)).as("useradd").isZero();
        }
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-user-data-");
        assertThat(run("chown", USER + ":" + USER, dataDir.toString())).isZero();
        for (Path group : parentGroups()) {
            Files.createDirectories(group);
            assertThat(run("chown", USER + ":" + USER, group.toString())).isZero();
        }
        server = LaminaProcess.start(List.of("/usr/bin/setpriv", "--reuid=" + USER, "--regid=" + USER,
                "--clear-groups"), dataDir, List.of());
        lambda = server.lambda();
        assertThat(server.log()).as("the sandboxes of an unprivileged Lamina")
                .contains("sandboxes: bubblewrap", "seccomp", "freezer");
    }

    @Override
    void stopServer() throws Exception {
        try {
            if (server != null) {
                lambda.close();
                server.terminate();
            }
        } finally {
            // The parent groups are root's again, whatever happened to the server.
            for (Path group : parentGroups()) {
                if (Files.isDirectory(group)) {
                    run("chown", "root:root", group.toString());
                }
            }
        }
    }

    /** Lamina's parent group in each cgroup v1 controller this host has. */
    private static List<Path> parentGroups() {
        List<Path> groups = new ArrayList<>();
        for (String controller : CONTROLLERS) {
            Path dir = Path.of("/sys/fs/cgroup", controller);
            if (Files.isDirectory(dir)) {
                groups.add(dir.resolve("lamina"));
            }
        }
        return groups;
    }

    private static int run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Override
    LambdaClient lambda() {
        return lambda;
    }

    @Override
    Path dataDir() {
        return dataDir;
    }
}
