package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogStore;
import dev.lamina.logs.LogStreamInfo;
import dev.lamina.server.http.Json;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** CreateLogStream, DeleteLogStream and DescribeLogStreams. */
final class LogStreams {
    private static final int MAX_PAGE = 50;

    private final LogStore store;
    private final Arns arns;

    LogStreams(LogStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    JsonNode create(ObjectNode body) {
        Input in = new Input(body);
        String group = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        store.createStream(group, in.required("logStreamName", 1, 512, Input.STREAM_NAME));
        return Json.object();
    }

    JsonNode delete(ObjectNode body) {
        Input in = new Input(body);
        String group = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        store.deleteStream(group, in.required("logStreamName", 1, 512, Input.STREAM_NAME));
        return Json.object();
    }

    JsonNode describe(ObjectNode body) {
        Input in = new Input(body);
        String group = arns.group(in, true);
        Optional<String> prefix = in.string("logStreamNamePrefix", 1, 512, Input.STREAM_NAME);
        String orderBy = in.string("orderBy", 0, 64, null).orElse("LogStreamName");
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw Input.invalid("orderBy", orderBy, "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        boolean byTime = orderBy.equals("LastEventTime");
        if (byTime && prefix.isPresent()) {
            throw Input.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = in.bool("descending");
        int limit = in.integer("limit", 1, MAX_PAGE).orElse(MAX_PAGE);
        Optional<Integer> skip = in.string("nextToken", 1, 4096, null).map(LogStreams::skipOf);

        // Streams without events sort as if their last event were at the epoch.
        Comparator<LogStreamInfo> order = byTime
                ? Comparator.<LogStreamInfo>comparingLong(s -> s.lastEventTimestamp().orElse(0))
                        .thenComparing(LogStreamInfo::name)
                : Comparator.comparing(LogStreamInfo::name);
        List<LogStreamInfo> all = store.streams(group).stream()
                .filter(s -> prefix.map(s.name()::startsWith).orElse(true))
                .sorted(descending ? order.reversed() : order)
                .toList();
        int from = skip.orElse(0);
        ObjectNode out = Json.object();
        ArrayNode streams = out.putArray("logStreams");
        all.stream().skip(from).limit(limit).forEach(s -> streams.add(render(group, s)));
        if (all.size() > from + limit) {
            out.put("nextToken", Tokens.opaque("skip:" + (from + limit)));
        }
        return out;
    }

    /**
     * The list operations' tokens say how many streams came before; a stream created between pages
     * may shift the list by one, as CloudWatch's own paging may.
     */
    private static int skipOf(String token) {
        String text = Tokens.unopaque(token);
        if (!text.matches("skip:\\d{1,9}")) {
            throw Tokens.invalid();
        }
        return Integer.parseInt(text.substring(5));
    }

    private ObjectNode render(String group, LogStreamInfo s) {
        ObjectNode o = Json.object().put("logStreamName", s.name()).put("creationTime", s.creationTime());
        s.firstEventTimestamp().ifPresent(t -> o.put("firstEventTimestamp", t));
        s.lastEventTimestamp().ifPresent(t -> o.put("lastEventTimestamp", t));
        s.lastIngestionTime().ifPresent(t -> o.put("lastIngestionTime", t));
        return o.put("arn", arns.stream(group, s.name())).put("storedBytes", s.storedBytes());
    }
}
