package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.schedule.ScheduleExpression;
import dev.lamina.eventbridge.scheduler.Schedules;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A CreateSchedule or UpdateSchedule input (already checked against the model: required members,
 * enums, lengths and ranges) turned into the schedule's document, as GetSchedule answers it: AWS's
 * further checks first, then AWS's defaults filled in (GroupName {@code default}, State ENABLED,
 * ActionAfterCompletion NONE, ScheduleExpressionTimezone UTC, the target's RetryPolicy 185 attempts
 * and 86400 seconds). The ClientToken is kept (a retried create is answered, not refused), and
 * left out of what GetSchedule answers.
 */
final class ScheduleDefinition {
    /** What a stored schedule keeps of its input, in GetSchedule's order (but ClientToken). */
    private static final List<String> KEPT = List.of("ActionAfterCompletion", "ClientToken", "Description", "EndDate",
            "FlexibleTimeWindow", "KmsKeyArn", "ScheduleExpression", "ScheduleExpressionTimezone", "StartDate",
            "State", "Target");

    private ScheduleDefinition() {
    }

    static String group(JsonNode input) {
        return input.path("GroupName").asText(Schedules.DEFAULT_GROUP);
    }

    /** @param now the time the request is handled (a recurring schedule's StartDate may be 5 minutes before it) */
    static ObjectNode of(ObjectNode input, Arns arns, Instant now) {
        String name = input.path("Name").asText();
        String group = group(input);
        String expression = input.path("ScheduleExpression").asText();
        checkExpression(expression);
        String zone = input.path("ScheduleExpressionTimezone").asText("UTC");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw EventBridgeErrors.validation("Invalid ScheduleExpressionTimezone " + zone + ".");
        }
        checkWindow(input.path("FlexibleTimeWindow"));
        if (!expression.startsWith("at(")) {
            checkDates(input, now); // a one-time schedule ignores its StartDate and EndDate (as AWS)
        }

        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("Arn", arns.schedule(group, name)).put("Name", name).put("GroupName", group);
        for (String member : KEPT) {
            if (input.hasNonNull(member)) {
                doc.set(member, input.get(member).deepCopy());
            }
        }
        doc.put("ScheduleExpressionTimezone", zone);
        doc.put("State", input.path("State").asText("ENABLED"));
        doc.put("ActionAfterCompletion", input.path("ActionAfterCompletion").asText("NONE"));
        ObjectNode target = (ObjectNode) doc.path("Target");
        ObjectNode retry = target.has("RetryPolicy") ? (ObjectNode) target.get("RetryPolicy") : target.putObject("RetryPolicy");
        if (!retry.has("MaximumEventAgeInSeconds")) {
            retry.put("MaximumEventAgeInSeconds", 86400);
        }
        if (!retry.has("MaximumRetryAttempts")) {
            retry.put("MaximumRetryAttempts", 185);
        }
        return doc;
    }

    /** Scheduler's expression rules ({@code at()}, {@code rate()}, {@code cron()}), AWS's message when broken. */
    private static void checkExpression(String expression) {
        ScheduleExpression.forScheduler(expression);
    }

    /** FlexibleTimeWindow: MaximumWindowInMinutes is required with FLEXIBLE and refused with OFF. */
    private static void checkWindow(JsonNode window) {
        boolean flexible = window.path("Mode").asText().equals("FLEXIBLE");
        boolean hasMaximum = window.hasNonNull("MaximumWindowInMinutes");
        if (flexible && !hasMaximum) {
            throw EventBridgeErrors.validation(
                    "MaximumWindowInMinutes must be provided when FlexibleTimeWindow Mode is FLEXIBLE.");
        }
        if (!flexible && hasMaximum) {
            throw EventBridgeErrors.validation(
                    "MaximumWindowInMinutes must not be provided when FlexibleTimeWindow Mode is OFF.");
        }
    }

    /** A recurring schedule's StartDate is at most 5 minutes in the past; EndDate comes after StartDate. */
    private static void checkDates(JsonNode input, Instant now) {
        if (input.hasNonNull("StartDate")
                && Instant.parse(input.path("StartDate").asText()).isBefore(now.minus(Duration.ofMinutes(5)))) {
            throw EventBridgeErrors.validation("The StartDate you specify cannot be earlier than 5 minutes ago.");
        }
        if (input.hasNonNull("StartDate") && input.hasNonNull("EndDate")) {
            Instant start = Instant.parse(input.path("StartDate").asText());
            Instant end = Instant.parse(input.path("EndDate").asText());
            if (!end.isAfter(start)) {
                throw EventBridgeErrors.validation("The EndDate you specify must be later than the StartDate.");
            }
        }
    }
}
