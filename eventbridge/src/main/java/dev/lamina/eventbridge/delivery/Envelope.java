package dev.lamina.eventbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The event as EventBridge delivers it: members in AWS's order ({@code version} "0", {@code id},
 * {@code detail-type}, {@code source}, {@code account}, {@code time}, {@code region},
 * {@code resources}, {@code detail}), the time as {@code yyyy-mm-ddThh:mm:ssZ} without a fraction,
 * {@code resources} an empty list when none were given.
 */
final class Envelope {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Envelope() {
    }

    /** @param detail the entry's Detail, already checked to be a JSON object */
    static String of(String id, String detailType, String source, String account, Instant time, String region,
                     List<String> resources, JsonNode detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", time(time));
        event.put("region", region);
        resources.forEach(event.putArray("resources")::add);
        if (resources.isEmpty()) {
            event.putArray("resources");
        }
        event.set("detail", detail);
        return event.toString();
    }

    static String time(Instant time) {
        return TIME.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
