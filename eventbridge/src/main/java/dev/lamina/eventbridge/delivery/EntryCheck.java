package dev.lamina.eventbridge.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lamina.eventbridge.EventBridgeErrors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * PutEvents' checks, as AWS makes them: the request as a whole (its entries' size), then each entry
 * (Source, DetailType, Detail present; Detail a JSON object), each failing entry answered with its
 * own ErrorCode and ErrorMessage while the others go on.
 */
final class EntryCheck {
    /** PutEvents takes at most 256 KB of entries. */
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    /** What a given Time counts for in an entry's size. */
    private static final int TIME_BYTES = 14;
    /** Detail must be one JSON object with nothing after it. */
    private static final ObjectReader READER = Envelope.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EntryCheck() {
    }

    /**
     * AWS's size of an entry: the UTF-8 bytes of Source, DetailType, Detail and each of Resources,
     * and 14 bytes for a Time.
     */
    static int size(EventIntake.Entry entry) {
        int size = entry.time().isPresent() ? TIME_BYTES : 0;
        size += bytes(entry.source()) + bytes(entry.detailType()) + bytes(entry.detail());
        for (String r : entry.resources()) {
            size += r.getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** Fails the whole call, as AWS does, when the entries together are over 256 KB. */
    static void checkRequest(List<EventIntake.Entry> entries) {
        long total = 0;
        for (EventIntake.Entry e : entries) {
            total += size(e);
        }
        if (total > MAX_REQUEST_BYTES) {
            throw EventBridgeErrors.validation("Total size of the entries in the request is over the limit.");
        }
    }

    /** An entry's error (ErrorCode, ErrorMessage), or its Detail parsed. */
    sealed interface Checked {
    }

    record Failed(String code, String message) implements Checked {
    }

    record Passed(JsonNode detail) implements Checked {
    }

    static Checked check(EventIntake.Entry entry) {
        if (blank(entry.source())) {
            return invalid("Source");
        }
        if (blank(entry.detailType())) {
            return invalid("DetailType");
        }
        if (blank(entry.detail())) {
            return invalid("Detail");
        }
        try {
            JsonNode detail = READER.readTree(entry.detail().get());
            if (detail != null && detail.isObject()) {
                return new Passed(detail);
            }
        } catch (JsonProcessingException e) {
            // malformed, as below
        }
        return new Failed("MalformedDetail", "Detail is malformed.");
    }

    private static Failed invalid(String member) {
        return new Failed("InvalidArgument", "Parameter " + member + " is not valid. Reason: " + member
                + " is a required argument.");
    }

    private static boolean blank(Optional<String> value) {
        return value.isEmpty() || value.get().isEmpty();
    }

    private static int bytes(Optional<String> value) {
        return value.map(v -> v.getBytes(StandardCharsets.UTF_8).length).orElse(0);
    }
}
