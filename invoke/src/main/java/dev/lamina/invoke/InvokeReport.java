package dev.lamina.invoke;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Lambda's platform log lines, formatted as Lambda prints them. */
final class InvokeReport {
    private InvokeReport() {
    }

    static String initStart(String runtimeVersion, String runtimeVersionArn) {
        return "INIT_START Runtime Version: " + runtimeVersion + "\tRuntime Version ARN: " + runtimeVersionArn;
    }

    /** The ARN INIT_START names for a runtime version: Lamina's versions are named by their hex. */
    static String runtimeVersionArn(String runtimeVersion, String region) {
        return "arn:aws:lambda:" + region + "::runtime:"
                + HexFormat.of().formatHex(runtimeVersion.getBytes(StandardCharsets.UTF_8));
    }

    /** INIT_REPORT, written when init failed or timed out. */
    static String initReport(Duration duration, String phase, String status, Optional<String> errorType) {
        return "INIT_REPORT Init Duration: " + millis(duration) + " ms\tPhase: " + phase + "\tStatus: " + status
                + errorType.map(t -> "\tError Type: " + t).orElse("");
    }

    static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    /**
     * The REPORT line. Billed Duration is the duration rounded up to the next millisecond.
     *
     * @param init   the init duration, on the invocation that started the environment
     * @param status "timeout" or "error" when the invocation did not end normally
     */
    static String report(String requestId, Duration duration, int memoryMb, long maxMemoryUsedMb,
                         Optional<Duration> init, Optional<String> status, Optional<String> errorType) {
        StringBuilder sb = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(millis(duration)).append(" ms")
                .append("\tBilled Duration: ").append(billedMillis(duration)).append(" ms")
                .append("\tMemory Size: ").append(memoryMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB");
        init.ifPresent(d -> sb.append("\tInit Duration: ").append(millis(d)).append(" ms"));
        status.ifPresent(s -> sb.append("\tStatus: ").append(s));
        errorType.ifPresent(t -> sb.append("\tError Type: ").append(t));
        return sb.append('\t').toString();
    }

    static long billedMillis(Duration duration) {
        long nanos = duration.toNanos();
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** Milliseconds with two decimals, rounded half up ("2.35" for 2,345,678 ns), without String.format's cost. */
    static String millis(Duration d) {
        long hundredths = (d.toNanos() + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** "3.00 seconds", as in "Task timed out after 3.00 seconds". */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f seconds", d.toMillis() / 1000.0);
    }
}
