package dev.lamina.eventbridge.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The events schedules put on their way: a scheduled rule's "Scheduled Event", a schedule's bus event. */
final class ScheduledEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduledEvents() {
    }

    /**
     * What a scheduled rule's targets get (before their Input settings), field for field as AWS
     * sends it: {@code time} is the scheduled time, not when it was sent.
     */
    static String scheduledEvent(Arns arns, String ruleArn, Instant scheduled) {
        return envelope(arns, "Scheduled Event", "aws.events", ruleArn, scheduled, JSON.createObjectNode());
    }

    /**
     * A schedule's event for an event bus target: EventBridgeParameters' DetailType and Source, the
     * schedule's Input as the detail ({@code {}} without one; Input that is not a JSON object is
     * wrapped as it is not valid detail), and the schedule as the resource.
     */
    static String busEvent(Arns arns, String scheduleArn, String detailType, String source, String input,
                           Instant scheduled) {
        JsonNode detail;
        try {
            detail = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            detail = JSON.createObjectNode();
        }
        return envelope(arns, detailType, source, scheduleArn, scheduled, detail);
    }

    private static String envelope(Arns arns, String detailType, String source, String resource, Instant time,
                                   JsonNode detail) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", arns.account().id());
        e.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
        e.put("region", arns.region().name());
        e.putArray("resources").add(resource);
        e.set("detail", detail);
        return e.toString();
    }
}
