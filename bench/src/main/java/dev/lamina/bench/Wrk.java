package dev.lamina.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian package {@code wrk}) against one target for a fixed duration and connection
 * count, with one wrk thread (the servers need the machine's two cores more than wrk does). Every
 * request is the same POST of {@link #BODY}; the headers come from the target, through a Lua script
 * written for each run, whose {@code done} hook prints the exact figures on one line.
 */
final class Wrk {
    static final String BODY = "{\"bench\":true}";
    private static final Pattern RESULT = Pattern.compile("BENCH requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+)"
            + " p99_us=(\\d+) status=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+)");

    /**
     * Something wrk measures.
     *
     * @param url     where wrk connects and what it asks for (always 127.0.0.1; the host a front door
     *                is chosen by, if any, is the {@code Host} header)
     * @param headers the request's headers, asked for before each run (a signature is made afresh)
     */
    record Target(String key, String label, URI url, Supplier<Map<String, String>> headers) {
    }

    /**
     * One run: requests completed, over how long, latency percentiles, every failure wrk saw, and the
     * servers' CPU time over the run ({@link Cpu}).
     */
    record Result(long requests, long durationMicros, long p50Micros, long p99Micros, long non2xx, long socketErrors,
                  Cpu cpu) {
        double perSecond() {
            return requests / (durationMicros / 1e6);
        }

        /**
         * CPU time of all the server processes per request, in microseconds, less what they take
         * idle over as long ({@code idle}: measured over five seconds with nothing running).
         */
        double cpuMicrosPerRequest(Cpu idle) {
            double idleNanos = (idle.jvmNanos() + idle.childrenNanos()) / 5.0 * (durationMicros / 1e6);
            return (cpu.jvmNanos() + cpu.childrenNanos() - idleNanos) / 1e3 / Math.max(1, requests);
        }

        /** The part of it spent in this JVM (Lamina, or the Jetty floor), in microseconds. */
        double jvmMicrosPerRequest(Cpu idle) {
            double idleNanos = idle.jvmNanos() / 5.0 * (durationMicros / 1e6);
            return (cpu.jvmNanos() - idleNanos) / 1e3 / Math.max(1, requests);
        }

        long errors() {
            return non2xx + socketErrors;
        }
    }

    private final Path scripts;

    Wrk(Path scripts) {
        this.scripts = scripts;
    }

    Result run(Target target, int connections, int seconds) throws IOException, InterruptedException {
        Path script = scripts.resolve(target.key() + ".lua");
        Files.writeString(script, lua(target.headers().get()));
        Cpu before = Cpu.now();
        Process p = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "--timeout", "30s", "-s", script.toString(), target.url().toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed on " + target.key() + ":\n" + out);
        }
        Cpu cpu = Cpu.now().since(before);
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException("no result from wrk on " + target.key() + ":\n" + out);
        }
        long socket = Long.parseLong(m.group(6)) + Long.parseLong(m.group(7)) + Long.parseLong(m.group(8))
                + Long.parseLong(m.group(9));
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), socket, cpu);
    }

    /** The version line of the installed wrk, or empty when wrk is not on the PATH. */
    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("").replaceAll("\\s+Copyright.*", "").trim();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    static String lua(Map<String, String> headers) {
        StringBuilder s = new StringBuilder("wrk.method = \"POST\"\nwrk.body = ").append(quote(BODY)).append('\n');
        s.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        headers.forEach((k, v) -> s.append("wrk.headers[").append(quote(k)).append("] = ").append(quote(v)).append('\n'));
        s.append("""
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d\\n",
                    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                    e.status, e.connect, e.read, e.write, e.timeout))
                end
                """);
        return s.toString();
    }

    /** A Lua string literal; the values are ASCII (signatures, host names, JSON). */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
