package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.delivery.EventIntake;
import dev.lamina.workflows.data.StatesError;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code arn:aws:states:::events:putEvents[.waitForTaskToken]}: PutEvents through EventBridge's intake.
 * As Step Functions does, each entry's Resources get the state machine's and the execution's ARNs, and a
 * Detail that is JSON (not a string) is sent as its text. The result is PutEvents' own output
 * ({@code Entries}, {@code FailedEntryCount}); when an entry failed the task fails with
 * {@code EventBridge.FailedEntry} and that output as the cause.
 */
final class EventsIntegration implements Integration {
    private final EventIntake intake;

    EventsIntegration(EventIntake intake) {
        this.intake = intake;
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError {
        listener.started();
        JsonNode entries = call.parameters().path("Entries");
        if (!entries.isArray()) {
            throw TaskErrors.v1("EventBridge", "AmazonEventBridgeException", "AmazonEventBridge", 400,
                    "ValidationException", "1 validation error detected: Value null at 'entries' failed to satisfy "
                            + "constraint: Member must not be null");
        }
        List<String> ours = new ArrayList<>();
        Optional.ofNullable(call.context().path("StateMachine").path("Id").textValue()).ifPresent(ours::add);
        ours.add(call.executionArn());
        List<EventIntake.Entry> batch = new ArrayList<>();
        for (JsonNode e : entries) {
            batch.add(entry(e, ours));
        }
        List<EventIntake.Result> results = intake.put(batch);
        ObjectNode out = SdkMetadata.object();
        ArrayNode list = out.putArray("Entries");
        int failed = 0;
        for (EventIntake.Result r : results) {
            ObjectNode item = list.addObject();
            r.eventId().ifPresent(id -> item.put("EventId", id));
            r.errorCode().ifPresent(c -> item.put("ErrorCode", c));
            r.errorMessage().ifPresent(m -> item.put("ErrorMessage", m));
            if (r.errorCode().isPresent()) {
                failed++;
            }
        }
        out.put("FailedEntryCount", failed);
        if (failed > 0) {
            throw new StatesError("EventBridge.FailedEntry", out.toString());
        }
        return out;
    }

    private static EventIntake.Entry entry(JsonNode e, List<String> ours) {
        List<String> resources = new ArrayList<>();
        e.path("Resources").forEach(r -> resources.add(r.asText()));
        resources.addAll(ours);
        JsonNode detail = e.get("Detail");
        Optional<String> detailText = detail == null || detail.isNull() ? Optional.empty()
                : Optional.of(detail.isTextual() ? detail.textValue() : detail.toString());
        return new EventIntake.Entry(text(e, "EventBusName"), time(e.get("Time")), text(e, "Source"),
                text(e, "DetailType"), detailText, resources, text(e, "TraceHeader"));
    }

    private static Optional<Instant> time(JsonNode t) {
        if (t == null || t.isNull()) {
            return Optional.empty();
        }
        if (t.isNumber()) {
            return Optional.of(Instant.ofEpochMilli((long) (t.asDouble() * 1000)));
        }
        try {
            return Optional.of(Instant.parse(t.asText()));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode e, String member) {
        JsonNode v = e.get(member);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }
}
