package dev.lamina.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A function's log lines, read from the server's data directory (the logs API arrives with observability). */
final class Logs {
    private Logs() {
    }

    /** Every line of every stream of {@code /aws/lambda/<function>}, without the time column. */
    static List<String> lines(TestServer server, String function) {
        return group(server, "/aws/lambda/" + function);
    }

    /** Every line of every stream of the log group {@code name}, without the time column. */
    static List<String> group(TestServer server, String name) {
        Path group = server.dataDir().resolve("logs").resolve(URLEncoder.encode(name, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(group)) {
            return out;
        }
        try (Stream<Path> streams = Files.list(group)) {
            for (Path stream : streams.sorted().toList()) {
                for (String line : Files.readAllLines(stream)) {
                    int tab = line.indexOf('\t');
                    out.add(tab < 0 ? line : line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A log line and when it was written (epoch milliseconds). */
    record Line(long at, String text) {
    }

    /** The lines starting with {@code prefix}, with their times, oldest first. */
    static List<Line> timed(TestServer server, String function, String prefix) {
        Path group = server.dataDir().resolve("logs")
                .resolve(URLEncoder.encode("/aws/lambda/" + function, StandardCharsets.UTF_8));
        List<Line> out = new ArrayList<>();
        if (!Files.isDirectory(group)) {
            return out;
        }
        try (Stream<Path> streams = Files.list(group)) {
            for (Path stream : streams.toList()) {
                for (String line : Files.readAllLines(stream)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0 && line.startsWith(prefix, tab + 1)) {
                        out.add(new Line(Long.parseLong(line.substring(0, tab)), line.substring(tab + 1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparingLong(Line::at));
        return out;
    }

    /** The lines starting with {@code prefix}. */
    static List<String> starting(TestServer server, String function, String prefix) {
        return lines(server, function).stream().filter(l -> l.startsWith(prefix)).toList();
    }
}
