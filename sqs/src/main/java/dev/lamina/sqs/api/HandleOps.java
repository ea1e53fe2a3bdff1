package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.SqsErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** DeleteMessage(Batch) and ChangeMessageVisibility(Batch): by receipt handle, answered once on disk. */
final class HandleOps {
    private final Engine engine;

    HandleOps(Engine engine) {
        this.engine = engine;
    }

    private interface PerHandle {
        CompletableFuture<Void> apply(String queue, ObjectNode entry);
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        PerHandle delete = (queue, e) -> engine.handles().delete(queue, Input.required(e, "ReceiptHandle"));
        PerHandle change = (queue, e) -> {
            String handle = Input.required(e, "ReceiptHandle");
            int seconds = Input.integer(e, "VisibilityTimeout").orElseThrow(() -> SqsErrors.missingParameter("VisibilityTimeout"));
            return engine.handles().changeVisibility(queue, handle, seconds);
        };
        ops.put("DeleteMessage", call -> single(call, delete));
        ops.put("ChangeMessageVisibility", call -> single(call, change));
        ops.put("DeleteMessageBatch", call -> batch(call, delete, "DeleteMessageBatchRequestEntry"));
        ops.put("ChangeMessageVisibilityBatch", call -> batch(call, change, "ChangeMessageVisibilityBatchRequestEntry"));
    }

    private ObjectNode single(SqsCall call, PerHandle action) {
        String queue = SqsOperations.queue(engine, call.input());
        BatchEntries.await(List.of(action.apply(queue, call.input())));
        return JSON.objectNode();
    }

    private ObjectNode batch(SqsCall call, PerHandle action, String entryShape) {
        String queue = SqsOperations.queue(engine, call.input());
        List<ObjectNode> entries = Input.objects(call.input(), "Entries");
        BatchEntries.check(entries, entryShape);
        ObjectNode out = JSON.objectNode();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (ObjectNode e : entries) {
            String id = e.get("Id").asText();
            try {
                durable.add(action.apply(queue, e));
                successful.addObject().put("Id", id);
            } catch (ServiceException x) {
                if (x.code().equals("QueueDoesNotExist")) {
                    throw x;
                }
                BatchEntries.fail(failed, id, x);
            }
        }
        BatchEntries.await(durable);
        return out;
    }
}
