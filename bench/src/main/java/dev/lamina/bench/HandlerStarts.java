package dev.lamina.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When a benchmark function's handler started an event: the handler logs {@code STARTED <id> <epoch ms>}
 * at its first line, and this reads it back from the server's function logs (the segments under
 * {@code <data dir>/logs}; only the benchmark's function logs there). Shared by the asynchronous
 * and EventBridge benchmarks.
 */
final class HandlerStarts {
    private HandlerStarts() {
    }

    /** When the handler logged it started {@code id}, in epoch milliseconds, as it wrote it. */
    static double await(Path logs, String id) throws IOException, InterruptedException {
        Pattern line = Pattern.compile("STARTED " + Pattern.quote(id) + " ([0-9]{10,16}(?:\\.[0-9]{1,4})?)");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(logs)) {
                try (Stream<Path> files = Files.walk(logs)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".seg")).toList()) {
                        Matcher m = line.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                        if (m.find()) {
                            return Double.parseDouble(m.group(1));
                        }
                    }
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the handler never started " + id);
    }

    /** Waits until the server has run every asynchronous event it accepted. */
    static void awaitDrained(Lamina lamina) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lamina.health().path("async").path("waiting").asInt() > 0
                || lamina.health().path("async").path("running").asInt() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("events still waiting after two minutes: " + lamina.health());
            }
            Thread.sleep(5);
        }
    }

    /** Now, in epoch milliseconds with a fraction: the clock the handlers' start times are written in. */
    static double nowMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    }
}
