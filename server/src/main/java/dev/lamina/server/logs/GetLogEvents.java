package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogEvent;
import dev.lamina.logs.LogStore;
import dev.lamina.logs.StreamReader;
import dev.lamina.server.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * GetLogEvents, paged as CloudWatch pages it. Without a token it answers the newest {@code limit}
 * events of the time range (or the oldest, with {@code startFromHead}); {@code nextForwardToken}
 * continues after the last event answered and {@code nextBackwardToken} before the first. When there
 * is nothing more in that direction, the same token comes back, which is how callers know they are at
 * the end. A page holds at most {@code limit} events and 1 MiB (counting 26 bytes per event).
 */
final class GetLogEvents {
    static final int MAX_EVENTS = 10_000;
    static final int MAX_PAGE_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD = 26;

    private final LogStore store;
    private final Arns arns;

    GetLogEvents(LogStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    JsonNode handle(ObjectNode body) {
        Input in = new Input(body);
        String group = arns.group(in, true);
        String stream = in.required("logStreamName", 1, 512, Input.STREAM_NAME);
        long start = in.timestamp("startTime").orElse(0);
        long end = in.timestamp("endTime").orElse(Long.MAX_VALUE);
        int limit = in.integer("limit", 1, MAX_EVENTS).orElse(MAX_EVENTS);
        boolean fromHead = in.bool("startFromHead");
        in.bool("unmask");
        Optional<Tokens.StreamToken> token = in.string("nextToken", 1, 4096, null).map(Tokens::stream);
        StreamReader reader = store.reader(group, stream);

        boolean forward = token.map(Tokens.StreamToken::forward).orElse(fromHead);
        LogEvent.Position from = token.map(Tokens.StreamToken::position)
                .orElse(forward ? LogEvent.Position.START : LogEvent.Position.END);
        List<LogEvent> page = new ArrayList<>();
        Iterator<LogEvent> events = forward ? reader.forward(from, start, end) : reader.backward(from, start, end);
        long bytes = 0;
        while (page.size() < limit && events.hasNext()) {
            LogEvent e = events.next();
            bytes += e.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
            if (bytes > MAX_PAGE_BYTES && !page.isEmpty()) {
                break;
            }
            page.add(e);
        }
        if (!forward) {
            java.util.Collections.reverse(page);
        }

        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        for (LogEvent e : page) {
            list.addObject().put("timestamp", e.timestamp()).put("message", e.message())
                    .put("ingestionTime", e.ingestionTime());
        }
        if (page.isEmpty()) {
            // Nothing (more) this way: the caller's own position comes back, for both directions.
            LogEvent.Position at = token.isPresent() || forward ? from : LogEvent.Position.START;
            at = at.equals(LogEvent.Position.END) ? LogEvent.Position.START : at;
            out.put("nextForwardToken", Tokens.forward(at)).put("nextBackwardToken", Tokens.backward(at));
        } else {
            out.put("nextForwardToken", Tokens.forward(page.getLast().position()))
                    .put("nextBackwardToken", Tokens.backward(page.getFirst().position()));
        }
        return out;
    }
}
