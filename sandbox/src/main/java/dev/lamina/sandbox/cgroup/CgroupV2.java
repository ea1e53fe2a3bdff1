package dev.lamina.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * cgroup v2: one group under {@code <root>/lamina} with the memory, pids and cpu controllers, frozen
 * through {@code cgroup.freeze} (Linux 5.2 and later).
 */
final class CgroupV2 extends CgroupDriver {
    private static final long CPU_PERIOD_US = 100_000;

    private final Path parent;

    private CgroupV2(Path parent) {
        this.parent = parent;
    }

    /** Creates the parent group and enables the controllers for its children. */
    static CgroupV2 open(Path parent, Path root) throws IOException {
        Files.createDirectories(parent);
        String available = Files.readString(root.resolve("cgroup.controllers"));
        StringBuilder enable = new StringBuilder();
        for (String controller : new String[] {"memory", "pids", "cpu"}) {
            if (available.contains(controller)) {
                enable.append('+').append(controller).append(' ');
            }
        }
        // The root must delegate the controllers to "lamina", and "lamina" to its children.
        Files.writeString(root.resolve("cgroup.subtree_control"), enable.toString().trim());
        Files.writeString(parent.resolve("cgroup.subtree_control"), enable.toString().trim());
        return new CgroupV2(parent);
    }

    @Override
    public String describe() {
        return "cgroup v2 (memory, pids, cpu, freeze)";
    }

    @Override
    public boolean enforcesLimits() {
        return true;
    }

    @Override
    public Cgroup create(String name, Limits limits) throws IOException {
        Path group = Files.createDirectory(parent.resolve(name));
        try {
            Files.writeString(group.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (Files.exists(group.resolve("memory.swap.max"))) {
                Files.writeString(group.resolve("memory.swap.max"), "0");
            }
            if (Files.exists(group.resolve("pids.max"))) {
                Files.writeString(group.resolve("pids.max"), Integer.toString(limits.pidsMax()));
            }
            if (Files.exists(group.resolve("cpu.max"))) {
                Files.writeString(group.resolve("cpu.max"), cpuMax(limits.cpus()));
            }
        } catch (IOException e) {
            deleteQuietly(group);
            throw e;
        }
        return new Group(group, new CounterFile(group.resolve("memory.peak")),
                new ControlFile(group.resolve("cgroup.freeze")));
    }

    private static String cpuMax(double cpus) {
        return Math.max(1000, Math.round(cpus * CPU_PERIOD_US)) + " " + CPU_PERIOD_US;
    }

    private record Group(Path dir, CounterFile peak, ControlFile freezer) implements Cgroup {
        @Override
        public void limitCpu(double cpus) {
            try {
                if (Files.exists(dir.resolve("cpu.max"))) {
                    Files.writeString(dir.resolve("cpu.max"), cpuMax(cpus));
                }
            } catch (IOException e) {
                // the group may already be gone with its processes
            }
        }

        @Override
        public void freeze() {
            freezer.write("1");
        }

        @Override
        public void thaw() {
            freezer.write("0");
        }

        @Override
        public void attach(long pid) throws IOException {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
        }

        @Override
        public long peakMemoryBytes() {
            return peak.read();
        }

        @Override
        public long oomKills() {
            return readKey(dir.resolve("memory.events"), "oom_kill");
        }

        @Override
        public void killAll() {
            // Frozen processes die of SIGKILL in v2 too; thawing afterwards makes sure of it on every kernel.
            if (!writeQuietly(dir.resolve("cgroup.kill"), "1")) {
                killListed(dir.resolve("cgroup.procs"));
            }
            thaw();
        }

        @Override
        public void close() {
            peak.close();
            freezer.close();
            deleteQuietly(dir);
        }
    }
}
