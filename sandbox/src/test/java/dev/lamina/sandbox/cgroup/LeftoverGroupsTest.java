package dev.lamina.sandbox.cgroup;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a server that crashed leaves in its cgroups is cleaned up by the next one to start. */
class LeftoverGroupsTest {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    @Test
    void aFrozenGroupOfAServerThatEndedIsThawedKilledAndRemovedAtTheNextStart() throws Exception {
        CgroupDriver driver = CgroupDriver.detect(ROOT);
        assumeTrue(driver.enforcesLimits(), "needs writable cgroups: " + driver.describe());
        String name = "leftover-" + UUID.randomUUID();
        Cgroup group = driver.create(name, new Limits(64L << 20, 1, 16));
        // An orphan, as a sandbox's processes are once their server has gone: init is its parent.
        Process sh = new ProcessBuilder("sh", "-c", "sleep 600 >/dev/null 2>&1 & echo $!").start();
        long pid = Long.parseLong(new String(sh.getInputStream().readAllBytes()).trim());
        sh.waitFor(5, TimeUnit.SECONDS);
        ProcessHandle orphan = ProcessHandle.of(pid).orElseThrow();
        try {
            group.attach(pid);
            group.freeze();
            List<Path> dirs = groupDirectories(name);
            assertThat(dirs).isNotEmpty();
            for (Path dir : dirs) {
                Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
            }

            CgroupDriver.detect(ROOT); // the next server's start

            orphan.onExit().get(10, TimeUnit.SECONDS);
            for (Path dir : dirs) {
                assertThat(dir).doesNotExist();
            }
        } finally {
            orphan.destroyForcibly();
            group.killAll();
            group.close();
        }
    }

    @Test
    void aGroupWhoseProcessesALiveServerHoldsIsLeftAlone() throws Exception {
        CgroupDriver driver = CgroupDriver.detect(ROOT);
        assumeTrue(driver.enforcesLimits(), "needs writable cgroups: " + driver.describe());
        String name = "held-" + UUID.randomUUID();
        Cgroup group = driver.create(name, new Limits(64L << 20, 1, 16));
        Process child = new ProcessBuilder("sleep", "600").start(); // this JVM stands for the live server
        try {
            group.attach(child.pid());
            List<Path> dirs = groupDirectories(name);
            for (Path dir : dirs) {
                Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
            }

            CgroupDriver.detect(ROOT);

            assertThat(child.isAlive()).isTrue();
            for (Path dir : dirs) {
                assertThat(dir).exists();
            }
        } finally {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            group.killAll();
            group.close();
        }
    }

    /** The group's directories in each hierarchy (one on v2, one per controller on v1). */
    private static List<Path> groupDirectories(String name) throws Exception {
        if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
            return List.of(ROOT.resolve(CgroupDriver.PARENT).resolve(name));
        }
        try (var controllers = Files.list(ROOT)) {
            return controllers.map(c -> c.resolve(CgroupDriver.PARENT).resolve(name)).filter(Files::isDirectory)
                    .toList();
        }
    }
}
