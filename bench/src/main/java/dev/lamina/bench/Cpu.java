package dev.lamina.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time spent by the servers under measurement: this JVM (Lamina, the Jetty floor, the harness,
 * idle while wrk runs) and every process it started and that is still running (the Node.js floor,
 * serverless-offline and its workers, Lamina's sandboxes and their runtimes). Taken before wrk starts
 * and after it ended, so wrk itself is never counted. Less sensitive than latency to other work on
 * the machine: it says what a request costs, not how long it waited for a core.
 *
 * <p>The JVM's own time is read per thread from /proc (clock ticks, 10 ms), with the JIT compiler's
 * threads apart: a series that runs while C2 is still compiling would otherwise be charged for it.
 *
 * @param jvmNanos      this JVM's threads, the JIT compilers' left out
 * @param jitNanos      the JIT compilers' threads
 * @param childrenNanos the processes this JVM started (and their descendants) still running
 */
record Cpu(long jvmNanos, long jitNanos, long childrenNanos) {
    private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on Linux

    static Cpu now() {
        long children = ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
        long jvm = 0;
        long jit = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += ticks;
                } else {
                    jvm += ticks;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task", e);
        }
        return new Cpu(jvm * NANOS_PER_TICK, jit * NANOS_PER_TICK, children);
    }

    Cpu since(Cpu before) {
        return new Cpu(jvmNanos - before.jvmNanos, jitNanos - before.jitNanos, childrenNanos - before.childrenNanos);
    }
}
