package dev.lamina.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A queue's RedrivePolicy: after a message was received {@code maxReceiveCount} times, its next
 * receive moves it to the dead-letter queue instead.
 */
record Redrive(String targetArn, int maxReceiveCount) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the attribute's JSON (maxReceiveCount as a number or a numeric string), with AWS's errors. */
    static Redrive parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw SqsErrors.invalidValue("RedrivePolicy", text, "Invalid value for RedrivePolicy, it must be valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw SqsErrors.invalidValue("RedrivePolicy", text, "Invalid value for RedrivePolicy, it must be valid JSON.");
        }
        for (String field : new String[] {"deadLetterTargetArn", "maxReceiveCount"}) {
            if (!node.has(field)) {
                throw SqsErrors.invalidValue("RedrivePolicy", text,
                        "Redrive policy does not contain mandatory attribute: " + field + ".");
            }
        }
        JsonNode count = node.get("maxReceiveCount");
        int max;
        try {
            max = count.isIntegralNumber() ? count.intValue() : Integer.parseInt(count.asText().trim());
        } catch (NumberFormatException e) {
            max = 0;
        }
        if (max < 1 || max > 1000) {
            throw SqsErrors.invalidValue("RedrivePolicy", text, "Invalid value for maxReceiveCount: " + count.asText()
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        String arn = node.get("deadLetterTargetArn").asText();
        if (QueueArn.parse(arn).isEmpty()) {
            throw SqsErrors.invalidValue("RedrivePolicy", text, "Invalid value for deadLetterTargetArn.");
        }
        return new Redrive(arn, max);
    }

    /** The canonical form GetQueueAttributes answers. */
    String json() {
        return JSON.createObjectNode().put("deadLetterTargetArn", targetArn).put("maxReceiveCount", maxReceiveCount).toString();
    }
}
