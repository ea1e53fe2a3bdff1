package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.MoveTasks;
import dev.lamina.sqs.SqsErrors;

import java.util.Map;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask. */
final class MoveTaskOps {
    private final Engine engine;

    MoveTaskOps(Engine engine) {
        this.engine = engine;
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        ops.put("StartMessageMoveTask", call -> {
            String handle = engine.moveTasks().start(Input.required(call.input(), "SourceArn"),
                    Input.optional(call.input(), "DestinationArn"), Input.integer(call.input(), "MaxNumberOfMessagesPerSecond"));
            return JSON.objectNode().put("TaskHandle", handle);
        });
        ops.put("ListMessageMoveTasks", call -> {
            int max = Input.integer(call.input(), "MaxResults").orElse(1);
            if (max < 1 || max > 10) {
                throw SqsErrors.invalidValue("MaxResults", max, "Must be between 1 and 10, if provided.");
            }
            ObjectNode out = JSON.objectNode();
            ArrayNode results = out.putArray("Results");
            for (MoveTasks.View v : engine.moveTasks().list(Input.required(call.input(), "SourceArn"), max)) {
                ObjectNode r = results.addObject();
                if (v.taskHandle() != null) {
                    r.put("TaskHandle", v.taskHandle());
                }
                r.put("Status", v.status().name());
                r.put("SourceArn", v.sourceArn());
                v.destinationArn().ifPresent(d -> r.put("DestinationArn", d));
                v.maxPerSecond().ifPresent(n -> r.put("MaxNumberOfMessagesPerSecond", n));
                r.put("ApproximateNumberOfMessagesMoved", v.moved());
                r.put("ApproximateNumberOfMessagesToMove", v.toMove());
                v.failureReason().ifPresent(f -> r.put("FailureReason", f));
                r.put("StartedTimestamp", v.startedAt());
            }
            return out;
        });
        ops.put("CancelMessageMoveTask", call -> JSON.objectNode().put("ApproximateNumberOfMessagesMoved",
                engine.moveTasks().cancel(Input.required(call.input(), "TaskHandle"))));
    }
}
