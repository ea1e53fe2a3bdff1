package dev.lamina.sandbox.cgroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Creates control groups with Lambda's limits, on whichever hierarchy the host offers: cgroup v2
 * (unified), or the v1 memory, pids and cpu controllers. Groups live under a parent group named
 * {@code lamina}; {@link #detect} picks the hierarchy once, at start-up.
 */
public abstract class CgroupDriver {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupDriver.class);
    static final String PARENT = "lamina";
    private static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofMinutes(1);

    /** A one-line description for logs and docs, such as "cgroup v1 (memory, pids, cpu)". */
    public abstract String describe();

    /** Whether sandboxes get resource limits at all. */
    public abstract boolean enforcesLimits();

    /**
     * A new group with the given limits.
     *
     * @throws IOException when the group cannot be made; the caller decides whether to run without
     */
    public abstract Cgroup create(String name, Limits limits) throws IOException;

    /**
     * The best hierarchy under {@code root} (normally {@code /sys/fs/cgroup}) that this process may
     * write to, or one that enforces nothing. Leftover groups of an earlier run are removed.
     */
    public static CgroupDriver detect(Path root) {
        try {
            if (Files.exists(root.resolve("cgroup.controllers"))) {
                CgroupV2 v2 = CgroupV2.open(root.resolve(PARENT), root);
                removeLeftovers(root.resolve(PARENT));
                return v2;
            }
            if (Files.isDirectory(root.resolve("memory"))) {
                CgroupV1 v1 = CgroupV1.open(root, PARENT);
                for (Path controller : v1.controllerDirectories()) {
                    removeLeftovers(controller);
                }
                return v1;
            }
            LOG.warn("no cgroup hierarchy found under {}: functions run WITHOUT memory, CPU or process limits", root);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cgroups under {} are not writable by Lamina ({}): functions run WITHOUT memory, CPU or "
                    + "process limits", root, e.toString());
        }
        return new NoCgroups();
    }

    /**
     * Removes the groups an earlier run left behind, with what is still in them. Several servers
     * may share the parent (a test suite, or a second data directory), and a group is empty from its
     * creation until its sandbox is attached a few milliseconds later: only groups older than
     * {@link #LEFTOVER_AGE} are taken, so that a server starting never removes a group another one
     * has just made; and a group whose processes a live server still holds is left alone (see
     * {@link #orphaned}).
     *
     * <p>A leftover group is not always empty: {@code --die-with-parent} kills a sandbox with its
     * server, but a process frozen in cgroup v1 does not act on SIGKILL until it is thawed, so the
     * idle environments of a server that crashed stay, frozen, for good. Each such group is thawed,
     * its processes killed ({@code cgroup.kill} on v2, SIGKILL to each on v1), and removed.
     */
    private static void removeLeftovers(Path parent) throws IOException {
        java.time.Instant cutoff = java.time.Instant.now().minus(LEFTOVER_AGE);
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(Files::isDirectory).filter(dir -> olderThan(dir, cutoff)).forEach(CgroupDriver::reclaim);
        }
    }

    /** Thaws, kills and removes a leftover group, unless a live server holds its processes. */
    static void reclaim(Path dir) {
        List<Long> members = members(dir.resolve("cgroup.procs"));
        if (!members.isEmpty()) {
            if (!orphaned(members)) {
                LOG.debug("left cgroup {} in place: a running server holds its processes", dir);
                return;
            }
            if (Files.exists(dir.resolve("freezer.state"))) {
                writeQuietly(dir.resolve("freezer.state"), "THAWED");
            }
            if (Files.exists(dir.resolve("cgroup.freeze"))) {
                writeQuietly(dir.resolve("cgroup.freeze"), "0");
            }
            if (!(Files.exists(dir.resolve("cgroup.kill")) && writeQuietly(dir.resolve("cgroup.kill"), "1"))) {
                killListed(dir.resolve("cgroup.procs"));
            }
            LOG.info("killed {} process(es) left in cgroup {} by a server that has ended", members.size(), dir);
        }
        deleteQuietly(dir);
        if (Files.exists(dir)) {
            LOG.debug("left cgroup {} in place: it did not empty in time", dir);
        }
    }

    /**
     * Whether no live server holds these processes: a sandbox's outermost process is a child of its
     * server, so a group of a running server has a member whose parent is outside the group (and is
     * not init, which adopts the orphans of a server that has ended). A group whose parent is a
     * subreaper of the host other than init is treated as held, and left, as before.
     */
    static boolean orphaned(List<Long> members) {
        java.util.Set<Long> inside = new java.util.HashSet<>(members);
        for (long pid : members) {
            Optional<Long> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
            if (parent.isPresent() && parent.get() != 1 && !inside.contains(parent.get())) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> members(Path procs) {
        try {
            return Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim()))
                    .toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    private static boolean olderThan(Path dir, java.time.Instant cutoff) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff);
        } catch (IOException gone) {
            return false;
        }
    }

    /** The driver for hosts without usable cgroups: creates groups that limit nothing. */
    static final class NoCgroups extends CgroupDriver {
        @Override
        public String describe() {
            return "no cgroups (no resource limits)";
        }

        @Override
        public boolean enforcesLimits() {
            return false;
        }

        @Override
        public Cgroup create(String name, Limits limits) {
            return new Cgroup() {
                @Override
                public void attach(long pid) {
                }

                @Override
                public long peakMemoryBytes() {
                    return -1;
                }

                @Override
                public long oomKills() {
                    return 0;
                }

                @Override
                public void killAll() {
                }

                @Override
                public void freeze() {
                }

                @Override
                public void thaw() {
                }

                @Override
                public void limitCpu(double cpus) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static Optional<Long> readLong(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.equals("max") ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of {@code key} in a flat-keyed file such as memory.events ("oom_kill 3"). */
    static long readKey(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not available on this kernel
        }
        return 0;
    }

    /** Kills every process listed in a group's cgroup.procs. */
    static void killListed(Path procs) {
        try {
            for (String line : Files.readAllLines(procs)) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("could not kill the processes of {}", procs, e);
        }
    }

    /** Writes a control file of a group that may already be gone with its processes; false when it could not. */
    static boolean writeQuietly(Path file, String value) {
        try {
            Files.writeString(file, value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path dir) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException busy) {
                // processes may take a moment to leave after they died
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("could not remove cgroup {}", dir);
    }
}
