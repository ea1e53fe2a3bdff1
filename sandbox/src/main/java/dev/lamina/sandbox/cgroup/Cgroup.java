package dev.lamina.sandbox.cgroup;

import java.io.IOException;

/** One control group holding one sandbox's processes. */
public interface Cgroup extends AutoCloseable {
    /** Moves a process into the group; its future children are born inside. */
    void attach(long pid) throws IOException;

    /** The most memory the group has used, in bytes, or -1 when the kernel does not say. */
    long peakMemoryBytes();

    /** How many times the kernel's OOM killer has killed a process of the group. */
    long oomKills();

    /** SIGKILL to every process in the group, including orphans that left their parent's tree; frozen ones too. */
    void killAll();

    /**
     * Stops every process of the group where it is, without a signal it could see or handle, until
     * {@link #thaw}: what Lambda does to an environment between invocations. Takes effect shortly
     * after the call returns. Does nothing where the host offers no freezer.
     */
    void freeze();

    /** Lets the group's processes run again; harmless when they are not frozen. */
    void thaw();

    /** Changes the CPU limit, for example once a runtime's init is over. */
    void limitCpu(double cpus);

    /** Removes the group; call it once its processes have exited. Never throws. */
    @Override
    void close();
}
