package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.SqsErrors;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** The rules every batch operation shares: 1–10 entries, distinct well-formed ids; and its result lists. */
final class BatchEntries {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private BatchEntries() {
    }

    static void check(List<ObjectNode> entries, String entryShape) {
        if (entries.isEmpty()) {
            throw SqsErrors.emptyBatch(entryShape);
        }
        if (entries.size() > 10) {
            throw SqsErrors.tooManyEntries(entries.size());
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode e : entries) {
            String id = e.path("Id").asText("");
            if (!ID.matcher(id).matches()) {
                throw SqsErrors.invalidBatchEntryId();
            }
            if (!ids.add(id)) {
                throw SqsErrors.batchIdsNotDistinct(id);
            }
        }
    }

    static void fail(ArrayNode failed, String id, ServiceException e) {
        failed.addObject().put("Id", id).put("SenderFault", e.senderFault()).put("Code", e.code()).put("Message", e.getMessage());
    }

    /** Waits until every successful entry's change is on disk. */
    static void await(List<CompletableFuture<Void>> durable) {
        try {
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqsErrors.internal("interrupted while making the batch durable");
        } catch (java.util.concurrent.ExecutionException e) {
            throw SqsErrors.internal("the batch could not be made durable: " + e.getCause().getMessage());
        }
    }
}
