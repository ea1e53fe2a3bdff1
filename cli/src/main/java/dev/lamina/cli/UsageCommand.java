package dev.lamina.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lamina usage}: what a running server's functions used (requests, billed duration,
 * GB-seconds) per function, version and memory size, from its usage report ({@code GET
 * /lamina/usage}), signed with the root credentials like {@code lamina admin}.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show requests, billed duration and GB-seconds per function version, for whole UTC hours.")
final class UsageCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A span back from now: 30m, 12h, 2d, 1w. */
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([mhdw])");

    enum Output { table, json }

    @Mixin
    ServerConnection connection;

    @Option(names = "--since", required = true, paramLabel = "TIME",
            description = "From when: a span back from now (30m, 12h, 2d, 1w), an ISO-8601 time"
                    + " (2026-12-01T09:30:00Z) or a date (2026-12-01, UTC). Rounded down to its hour.")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Until when, written as --since (default now). Rounded up to the end of its hour.")
    String until;

    @Option(names = "--function", paramLabel = "NAME", description = "Only this function.")
    String function;

    @Option(names = "--output", defaultValue = "table", description = "table (default) or json.")
    Output output;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Clock clock;

    UsageCommand(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        StringBuilder path = new StringBuilder("/lamina/usage?since=").append(query(time(since)));
        if (until != null) {
            path.append("&until=").append(query(time(until)));
        }
        if (function != null) {
            path.append("&function=").append(query(function));
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode report = connection.client(environment).call("GET", path.toString(), null);
            out.print(output == Output.json ? JSON.writeValueAsString(report) + System.lineSeparator()
                    : UsageTable.render(report));
            out.flush();
            return 0;
        } catch (AdminClient.AdminException e) {
            spec.commandLine().getErr().println("lamina usage: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A span back from now as the instant it names; anything else is the server's to parse. */
    String time(String text) {
        Matcher m = RELATIVE.matcher(text);
        if (!m.matches()) {
            return text;
        }
        long n = Long.parseLong(m.group(1));
        Duration span = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        return Instant.now(clock).minus(span).toString();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The report as an aligned table with a line of totals. */
    static final class UsageTable {
        private static final List<String> HEADER = List.of("FUNCTION", "VERSION", "MEMORY_MB", "REQUESTS",
                "BILLED_MS", "GB_SECONDS", "INIT_MS");

        private UsageTable() {
        }

        static String render(JsonNode report) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADER);
            for (JsonNode line : report.path("usage")) {
                rows.add(row(line.path("functionName").asText(), line.path("version").asText(),
                        line.path("memoryMb").asText(), line));
            }
            rows.add(row("TOTAL", "", "", report.path("totals")));
            int[] widths = new int[HEADER.size()];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            StringBuilder sb = new StringBuilder("Usage from ").append(report.path("from").asText()).append(" to ")
                    .append(report.path("to").asText()).append(" (whole UTC hours)").append(System.lineSeparator());
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    // Names left-aligned, figures right-aligned so their digits line up.
                    String cell = row.get(i);
                    String pad = " ".repeat(widths[i] - cell.length());
                    sb.append(i < 2 ? cell + pad : pad + cell).append(i < row.size() - 1 ? "  " : "");
                }
                sb.append(System.lineSeparator());
            }
            return sb.toString();
        }

        private static List<String> row(String function, String version, String memory, JsonNode figures) {
            return List.of(function, version, memory, figures.path("requests").asText(),
                    figures.path("billedDurationMs").asText(), figures.path("gbSeconds").asText(),
                    figures.path("initDurationMs").asText());
        }
    }
}
