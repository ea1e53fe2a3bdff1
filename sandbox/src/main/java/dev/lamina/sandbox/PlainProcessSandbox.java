package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.Cgroup;
import dev.lamina.sandbox.cgroup.CgroupDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fallback where bubblewrap cannot run: ordinary child processes, in a control group when the
 * host offers one, but with no namespaces. The function sees the host's file system with Lamina's
 * uid, its directories at their host paths, and a /tmp directory of its own that nothing limits in
 * size. Lamina says so loudly at start-up; docs/SECURITY.md explains the difference.
 */
final class PlainProcessSandbox implements Sandbox {
    private final CgroupDriver cgroups;
    private final Path tmpRoot;

    PlainProcessSandbox(CgroupDriver cgroups, Path tmpRoot) {
        this.cgroups = cgroups;
        this.tmpRoot = tmpRoot;
    }

    @Override
    public Layout layout(Mounts mounts) {
        return new Layout(mounts.task().toString(), mounts.runtime().toString(),
                mounts.opt().map(Path::toString).orElse(tmpRoot.resolve("empty-opt").toString()), tmpRoot.toString());
    }

    @Override
    public String describe() {
        return "plain processes (NO namespaces: functions can see the host), " + cgroups.describe();
    }

    @Override
    public SandboxedProcess start(SandboxSpec spec) throws IOException {
        Path tmp = Files.createDirectories(tmpRoot.resolve(spec.name()));
        ProcessBuilder pb = new ProcessBuilder(spec.command()).directory(spec.mounts().task().toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(spec.environment());
        env.put("TMPDIR", tmp.toString());
        Cgroup cgroup = cgroups.create(spec.name(), spec.limits());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            cgroup.close();
            throw e;
        }
        // Without bubblewrap there is nothing to hold the command back: it runs briefly outside its group.
        cgroup.attach(process.pid());
        process.getOutputStream().close();
        return new SandboxedProcess(process, cgroup, false);
    }
}
