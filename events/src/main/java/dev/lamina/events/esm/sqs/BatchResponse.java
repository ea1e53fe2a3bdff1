package dev.lamina.events.esm.sqs;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a function's answer under ReportBatchItemFailures, as Lambda does: an empty or null answer,
 * or an empty or null {@code batchItemFailures}, is a complete success; {@code batchItemFailures}
 * naming messages of the batch by {@code itemIdentifier} fails only those; anything else (not JSON,
 * an empty, null or unknown itemIdentifier, a wrong key) fails the whole batch.
 */
final class BatchResponse {
    private BatchResponse() {
    }

    /** The message ids that failed, or empty when the whole batch failed. */
    static Optional<Set<String>> failedIds(byte[] payload, Set<String> batchIds) {
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.equals("null")) {
            return Optional.of(Set.of());
        }
        JsonNode response;
        try {
            response = SqsRecords.JSON.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (response == null || response.isNull()) {
            return Optional.of(Set.of());
        }
        if (!response.isObject()) {
            return Optional.empty();
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Optional.of(Set.of());
        }
        if (!failures.isArray()) {
            return Optional.empty();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode item : failures) {
            JsonNode id = item.get("itemIdentifier");
            if (!item.isObject() || id == null || !id.isTextual() || id.textValue().isEmpty()
                    || !batchIds.contains(id.textValue())) {
                return Optional.empty();
            }
            failed.add(id.textValue());
        }
        return Optional.of(failed);
    }
}
