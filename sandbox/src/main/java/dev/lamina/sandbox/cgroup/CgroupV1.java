package dev.lamina.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** cgroup v1: one group in each of the memory, pids, cpu and freezer hierarchies (those after memory when present). */
final class CgroupV1 extends CgroupDriver {
    private static final long CFS_PERIOD_US = 100_000;

    private final Path memory;
    private final Path pids;
    private final Path cpu;
    private final Path freezer;

    private CgroupV1(Path memory, Path pids, Path cpu, Path freezer) {
        this.memory = memory;
        this.pids = pids;
        this.cpu = cpu;
        this.freezer = freezer;
    }

    /** Opens (creating) the parent groups; fails when the memory hierarchy is not writable. */
    static CgroupV1 open(Path root, String parent) throws IOException {
        Path memory = Files.createDirectories(root.resolve("memory").resolve(parent));
        Path pids = Files.isDirectory(root.resolve("pids")) ? Files.createDirectories(root.resolve("pids").resolve(parent))
                : null;
        Path cpuRoot = Files.isDirectory(root.resolve("cpu")) ? root.resolve("cpu")
                : Files.isDirectory(root.resolve("cpu,cpuacct")) ? root.resolve("cpu,cpuacct") : null;
        Path cpu = cpuRoot == null ? null : Files.createDirectories(cpuRoot.resolve(parent));
        Path freezer = Files.isDirectory(root.resolve("freezer"))
                ? Files.createDirectories(root.resolve("freezer").resolve(parent)) : null;
        return new CgroupV1(memory, pids, cpu, freezer);
    }

    /**
     * The parent groups, the freezer's first: a leftover group's processes must be thawed (in the
     * freezer hierarchy) before their SIGKILL acts and the groups of the other hierarchies empty.
     */
    List<Path> controllerDirectories() {
        List<Path> dirs = new ArrayList<>();
        if (freezer != null) {
            dirs.add(freezer);
        }
        dirs.add(memory);
        if (pids != null) {
            dirs.add(pids);
        }
        if (cpu != null) {
            dirs.add(cpu);
        }
        return dirs;
    }

    @Override
    public String describe() {
        return "cgroup v1 (memory" + (pids != null ? ", pids" : "") + (cpu != null ? ", cpu" : "")
                + (freezer != null ? ", freezer" : "") + ")";
    }

    @Override
    public boolean enforcesLimits() {
        return true;
    }

    @Override
    public Cgroup create(String name, Limits limits) throws IOException {
        List<Path> groups = new ArrayList<>();
        try {
            Path mem = Files.createDirectory(memory.resolve(name));
            groups.add(mem);
            Files.writeString(mem.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            if (Files.exists(mem.resolve("memory.memsw.limit_in_bytes"))) {
                // Swap counts against the limit too, as on Lambda, where there is no swap.
                Files.writeString(mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            }
            if (pids != null) {
                Path p = Files.createDirectory(pids.resolve(name));
                groups.add(p);
                Files.writeString(p.resolve("pids.max"), Integer.toString(limits.pidsMax()));
            }
            if (cpu != null) {
                Path c = Files.createDirectory(cpu.resolve(name));
                groups.add(c);
                Files.writeString(c.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
                Files.writeString(c.resolve("cpu.cfs_quota_us"), quota(limits.cpus()));
            }
            if (freezer != null) {
                groups.add(Files.createDirectory(freezer.resolve(name)));
            }
        } catch (IOException e) {
            groups.forEach(CgroupDriver::deleteQuietly);
            throw e;
        }
        return new Group(groups, groups.getFirst(), cpu == null ? null : cpu.resolve(name),
                freezer == null ? null : new ControlFile(freezer.resolve(name).resolve("freezer.state")),
                new CounterFile(groups.getFirst().resolve("memory.max_usage_in_bytes")));
    }

    private static String quota(double cpus) {
        return Long.toString(Math.max(1000, Math.round(cpus * CFS_PERIOD_US)));
    }

    private record Group(List<Path> groups, Path memory, Path cpu, ControlFile freezer, CounterFile peak)
            implements Cgroup {
        @Override
        public void freeze() {
            if (freezer != null) {
                freezer.write("FROZEN");
            }
        }

        @Override
        public void thaw() {
            if (freezer != null) {
                freezer.write("THAWED");
            }
        }

        @Override
        public void limitCpu(double cpus) {
            if (cpu != null) {
                try {
                    Files.writeString(cpu.resolve("cpu.cfs_quota_us"), quota(cpus));
                } catch (IOException e) {
                    // the group may already be gone with its processes
                }
            }
        }

        @Override
        public void attach(long pid) throws IOException {
            for (Path g : groups) {
                Files.writeString(g.resolve("cgroup.procs"), Long.toString(pid));
            }
        }

        @Override
        public long peakMemoryBytes() {
            return peak.read();
        }

        @Override
        public long oomKills() {
            long kills = readKey(memory.resolve("memory.oom_control"), "oom_kill");
            if (kills > 0) {
                return kills;
            }
            // Kernels before 4.13 do not count kills; an exhausted limit is the next best sign.
            return readLong(memory.resolve("memory.failcnt")).orElse(0L) > 0
                    && readKey(memory.resolve("memory.oom_control"), "under_oom") > 0 ? 1 : 0;
        }

        @Override
        public void killAll() {
            killListed(memory.resolve("cgroup.procs"));
            // A frozen process holds its SIGKILL until it thaws.
            thaw();
        }

        @Override
        public void close() {
            peak.close();
            if (freezer != null) {
                freezer.close();
            }
            groups.forEach(CgroupDriver::deleteQuietly);
        }
    }
}
