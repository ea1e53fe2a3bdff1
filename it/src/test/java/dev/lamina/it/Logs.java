package dev.lamina.it;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;

/** A function's log lines, read back through the CloudWatch Logs API (FilterLogEvents, every page). */
final class Logs {
    private Logs() {
    }

    /** Every event of every stream of {@code /aws/lambda/<function>}, in time order. */
    static List<String> lines(TestServer server, String function) {
        return group(server, "/aws/lambda/" + function);
    }

    /** Every event of every stream of the log group {@code name}, in time order. */
    static List<String> group(TestServer server, String name) {
        return groupEvents(server, name).stream().map(FilteredLogEvent::message).toList();
    }

    /** A log line and when it was written (epoch milliseconds). */
    record Line(long at, String text) {
    }

    /** The lines starting with {@code prefix}, with their times, oldest first. */
    static List<Line> timed(TestServer server, String function, String prefix) {
        return events(server, function).stream().filter(e -> e.message().startsWith(prefix))
                .map(e -> new Line(e.timestamp(), e.message())).toList();
    }

    /** The lines starting with {@code prefix}. */
    static List<String> starting(TestServer server, String function, String prefix) {
        return lines(server, function).stream().filter(l -> l.startsWith(prefix)).toList();
    }

    static List<FilteredLogEvent> events(TestServer server, String function) {
        return groupEvents(server, "/aws/lambda/" + function);
    }

    private static List<FilteredLogEvent> groupEvents(TestServer server, String name) {
        List<FilteredLogEvent> out = new ArrayList<>();
        try (CloudWatchLogsClient logs = server.logs()) {
            logs.filterLogEventsPaginator(r -> r.logGroupName(name))
                    .forEach(page -> out.addAll(page.events()));
        } catch (ResourceNotFoundException noGroupYet) {
            return List.of();
        }
        return out;
    }
}
