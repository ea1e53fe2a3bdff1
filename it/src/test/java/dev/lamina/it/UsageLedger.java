package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the usage report must say, added up in the test from the REPORT lines the invocations' log
 * tails carry (Billed Duration, Memory Size, Init Duration) and their START lines (Version), kept
 * apart from the server's own arithmetic.
 */
final class UsageLedger {
    private static final Pattern START = Pattern.compile("START RequestId: \\S+ Version: (\\S+)");
    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: \\S+\\tDuration: [0-9.]+ ms\\tBilled Duration: (\\d+) ms\\tMemory Size: (\\d+) MB"
                    + "\\tMax Memory Used: \\d+ MB(?:\\tInit Duration: ([0-9.]+) ms)?");

    /** One function version at one memory size, as the report's lines are keyed. */
    record Key(String function, String version, int memoryMb) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    /** Sums: requests, billed ms, and the init durations' printed milliseconds, rounded down. */
    static final class Sums {
        long requests;
        long billedMs;
        long initFloorMs;
        long inits;

        BigDecimal gbSeconds(int memoryMb) {
            return BigDecimal.valueOf(billedMs * memoryMb).divide(BigDecimal.valueOf(1024 * 1000));
        }
    }

    private final Map<Key, Sums> sums = new TreeMap<>();

    /** Adds the invocation whose log tail is {@code log}; it must hold one START and one REPORT line. */
    void add(String function, String log) {
        Matcher start = START.matcher(log);
        Matcher report = REPORT.matcher(log);
        assertThat(start.find()).as("a START line in %s", log).isTrue();
        assertThat(report.find()).as("a REPORT line in %s", log).isTrue();
        Sums s = sums.computeIfAbsent(new Key(function, start.group(1), Integer.parseInt(report.group(2))),
                k -> new Sums());
        s.requests++;
        s.billedMs += Long.parseLong(report.group(1));
        if (report.group(3) != null) {
            s.initFloorMs += new BigDecimal(report.group(3)).longValue();
            s.inits++;
        }
    }

    Map<Key, Sums> sums() {
        return sums;
    }

    /**
     * Asserts that the report's lines are exactly the ledger's, and its totals their sum: requests
     * and billed milliseconds equal, GB-seconds equal as decimals. An init duration is printed with
     * two decimals, so its whole milliseconds rounded up are the printed ones rounded down, or one more.
     */
    void assertMatches(JsonNode report) {
        Map<Key, JsonNode> lines = new TreeMap<>();
        for (JsonNode line : report.get("usage")) {
            lines.put(new Key(line.get("functionName").asText(), line.get("version").asText(),
                    line.get("memoryMb").asInt()), line);
        }
        assertThat(lines.keySet()).containsExactlyElementsOf(sums.keySet());
        long requests = 0;
        long billed = 0;
        BigDecimal gbSeconds = BigDecimal.ZERO;
        for (var e : sums.entrySet()) {
            JsonNode line = lines.get(e.getKey());
            Sums s = e.getValue();
            assertThat(line.get("requests").asLong()).as("requests of %s", e.getKey()).isEqualTo(s.requests);
            assertThat(line.get("billedDurationMs").asLong()).as("billed ms of %s", e.getKey()).isEqualTo(s.billedMs);
            assertThat(new BigDecimal(line.get("gbSeconds").asText())).as("GB-s of %s", e.getKey())
                    .isEqualByComparingTo(s.gbSeconds(e.getKey().memoryMb()));
            assertThat(line.get("initDurationMs").asLong()).as("init ms of %s", e.getKey())
                    .isBetween(s.initFloorMs, s.initFloorMs + s.inits);
            requests += s.requests;
            billed += s.billedMs;
            gbSeconds = gbSeconds.add(s.gbSeconds(e.getKey().memoryMb()));
        }
        JsonNode totals = report.get("totals");
        assertThat(totals.get("requests").asLong()).isEqualTo(requests);
        assertThat(totals.get("billedDurationMs").asLong()).isEqualTo(billed);
        assertThat(new BigDecimal(totals.get("gbSeconds").asText())).isEqualByComparingTo(gbSeconds);
    }
}
