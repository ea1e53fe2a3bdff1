package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogStore;
import dev.lamina.server.http.Json;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * PutLogEvents with CloudWatch's rules: at most 10,000 events and 1,048,576 bytes (each event's UTF-8
 * message plus 26 bytes), in chronological order, spanning at most 24 hours. Events more than two hours
 * in the future, more than 14 days old, or older than the group's retention are not stored and are
 * reported in {@code rejectedLogEventsInfo} (its end indexes exclusive, as the model says: the index
 * after the last rejected event; its start index inclusive); the rest are. The sequence token is accepted and ignored,
 * as CloudWatch has done since 2023.
 */
final class PutLogEvents {
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final long TOO_NEW_MILLIS = 2 * 3_600_000L;
    static final long TOO_OLD_MILLIS = 14 * 86_400_000L;
    static final long MAX_SPAN_MILLIS = 24 * 3_600_000L;

    private final LogStore store;
    private final InstantSource clock;

    PutLogEvents(LogStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    JsonNode handle(ObjectNode body) {
        Input in = new Input(body);
        String group = in.required("logGroupName", 1, 512, Input.GROUP_NAME);
        String stream = in.required("logStreamName", 1, 512, Input.STREAM_NAME);
        in.string("sequenceToken", 1, 4096, null);
        if (in.raw("logEvents") == null || in.raw("logEvents").isNull()) {
            throw Input.missing("logEvents");
        }
        List<LogStore.Event> events = new ArrayList<>();
        long bytes = 0;
        for (JsonNode e : in.list("logEvents", 1, 10_000)) {
            if (!e.isObject()) {
                throw Input.serialization("logEvents", "a list of InputLogEvent structures");
            }
            Input event = new Input((ObjectNode) e);
            long timestamp = event.timestamp("timestamp").orElseThrow(() -> Input.missing("logEvents.member.timestamp"));
            String message = event.required("message", 1, Integer.MAX_VALUE, null);
            bytes += message.getBytes(StandardCharsets.UTF_8).length + GetLogEvents.EVENT_OVERHEAD;
            events.add(new LogStore.Event(timestamp, message));
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw Input.invalidParameter("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw Input.invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (events.getLast().timestamp() - events.getFirst().timestamp() > MAX_SPAN_MILLIS) {
            throw Input.invalidParameter("The batch of log events in a single PutLogEvents request cannot span more"
                    + " than 24 hours.");
        }
        long now = clock.millis();
        long expiredBefore = store.retentionCutoff(group);
        int tooOldEnd = 0;
        int expiredEnd = 0;
        int tooNewStart = -1;
        List<LogStore.Event> accepted = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            long t = events.get(i).timestamp();
            if (t > now + TOO_NEW_MILLIS) {
                tooNewStart = tooNewStart < 0 ? i : tooNewStart;
            } else if (t < expiredBefore) {
                expiredEnd = i + 1;
            } else if (t < now - TOO_OLD_MILLIS) {
                tooOldEnd = i + 1;
            } else {
                accepted.add(events.get(i));
            }
        }
        if (!accepted.isEmpty()) {
            store.put(group, stream, accepted);
        } else {
            store.reader(group, stream); // the stream must exist even when nothing is stored
        }
        ObjectNode out = Json.object().put("nextSequenceToken", sequenceToken(now));
        if (tooOldEnd > 0 || expiredEnd > 0 || tooNewStart >= 0) {
            ObjectNode rejected = out.putObject("rejectedLogEventsInfo");
            if (tooNewStart >= 0) {
                rejected.put("tooNewLogEventStartIndex", tooNewStart);
            }
            if (tooOldEnd > 0) {
                rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            }
            if (expiredEnd > 0) {
                rejected.put("expiredLogEventEndIndex", expiredEnd);
            }
        }
        return out;
    }

    /** CloudWatch still answers a token of 56 digits, which clients no longer need to send back. */
    private static String sequenceToken(long now) {
        return String.format("%056d", now);
    }
}
