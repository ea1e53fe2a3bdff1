package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.delivery.DeliveryService;
import dev.lamina.eventbridge.delivery.EventIntake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** PutEvents: its entries in, each entry's event id or error out, with FailedEntryCount. */
final class PutEventsOps {
    static final int MAX_ENTRIES = 10;
    private final DeliveryService deliveries;

    PutEventsOps(EventBridgeContext context, DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    void register(java.util.Map<String, EventsOperations.Operation> operations) {
        operations.put("PutEvents", this::putEvents);
    }

    private JsonNode putEvents(ObjectNode input) {
        JsonNode given = input.path("Entries");
        if (!given.isArray() || given.isEmpty()) {
            throw EventBridgeErrors.validation("1 validation error detected: Value '[]' at 'entries' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to 1");
        }
        if (given.size() > MAX_ENTRIES) {
            throw EventBridgeErrors.validation("1 validation error detected: Value '[PutEventsRequestEntry]' at"
                    + " 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");
        }
        List<EventIntake.Entry> entries = new ArrayList<>();
        for (JsonNode e : given) {
            List<String> resources = new ArrayList<>();
            e.path("Resources").forEach(r -> resources.add(r.asText()));
            entries.add(new EventIntake.Entry(text(e, "EventBusName"), time(e.get("Time")), text(e, "Source"),
                    text(e, "DetailType"), text(e, "Detail"), resources, text(e, "TraceHeader")));
        }
        List<EventIntake.Result> results = deliveries.put(entries);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("FailedEntryCount", results.stream().filter(r -> r.errorCode().isPresent()).count());
        var array = out.putArray("Entries");
        for (EventIntake.Result r : results) {
            ObjectNode entry = array.addObject();
            r.eventId().ifPresent(id -> entry.put("EventId", id));
            r.errorCode().ifPresent(c -> entry.put("ErrorCode", c));
            r.errorMessage().ifPresent(m -> entry.put("ErrorMessage", m));
        }
        return out;
    }

    private static Optional<String> text(JsonNode entry, String member) {
        JsonNode v = entry.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /** A JSON 1.1 timestamp: epoch seconds (with a fraction), or an ISO 8601 text. */
    private static Optional<Instant> time(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            BigDecimal millis = value.decimalValue().movePointRight(3);
            return Optional.of(Instant.ofEpochMilli(millis.longValue()));
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            throw EventBridgeErrors.validation("Parameter Time is not valid: " + value.asText());
        }
    }
}
