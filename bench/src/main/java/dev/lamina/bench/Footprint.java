package dev.lamina.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Memory per idle environment: Lamina's own (heap retained after a full GC, and the JVM's resident
 * set) and the runtime's (the resident set of its processes), measured before and after making
 * {@code count} environments of one function and letting them go idle.
 */
final class Footprint {
    /** Per idle environment, in KiB. */
    record PerEnvironment(String runtime, int environments, double laminaHeapKib, double laminaRssKib,
                          double runtimeRssKib) {
    }

    private Footprint() {
    }

    static PerEnvironment measure(LambdaClient lambda, String function, String runtime, String marker, int count)
            throws Exception {
        Snapshot before = Snapshot.take(marker);
        // count invocations at once, each holding its environment for two seconds: count environments.
        Latency.concurrent(count, 0, 1, () -> lambda.invoke(b -> b.functionName(function)
                .payload(SdkBytes.fromUtf8String("{\"sleepMs\":2000}"))));
        Thread.sleep(500);
        Snapshot after = Snapshot.take(marker);
        int made = after.processes() - before.processes();
        if (made <= 0) {
            throw new IllegalStateException("no environments were made for " + function);
        }
        return new PerEnvironment(runtime, made, (after.heapBytes() - before.heapBytes()) / 1024.0 / made,
                (after.rssKib() - before.rssKib()) / (double) made,
                (after.runtimeRssKib() - before.runtimeRssKib()) / (double) made);
    }

    /** The JVM's retained heap and resident set, and the runtimes' processes and their resident set. */
    private record Snapshot(long heapBytes, long rssKib, int processes, long runtimeRssKib) {
        static Snapshot take(String marker) throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = Footprint.rssKib(Path.of("/proc/self/status"));
            List<Path> runtimes;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                runtimes = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        // The runtime itself, not the bubblewrap processes whose arguments name it too.
                        .filter(p -> commandLine(p).contains(marker) && !commandLine(p).contains("bwrap"))
                        .toList();
            }
            long runtimeRss = runtimes.stream().mapToLong(p -> Footprint.rssKib(p.resolve("status"))).sum();
            return new Snapshot(heap, rss, runtimes.size(), runtimeRss);
        }
    }

    private static String commandLine(Path proc) {
        try {
            return Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // ended meanwhile
        }
    }

    private static long rssKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // ended meanwhile
        }
        return 0;
    }
}
