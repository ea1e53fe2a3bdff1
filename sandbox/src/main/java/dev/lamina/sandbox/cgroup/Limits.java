package dev.lamina.sandbox.cgroup;

/**
 * Resource limits of one sandbox.
 *
 * @param cpus    CPU time as a number of CPUs (Lambda gives one vCPU per 1769 MB of memory)
 * @param pidsMax processes and threads together
 */
public record Limits(long memoryBytes, double cpus, int pidsMax) {
    public Limits {
        if (memoryBytes < 1 || cpus <= 0 || pidsMax < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
