package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.SqsErrors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, PurgeQueue, ListDeadLetterSourceQueues. */
final class QueueOps {
    private final Engine engine;

    QueueOps(Engine engine) {
        this.engine = engine;
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        ops.put("CreateQueue", call -> {
            String name = Input.required(call.input(), "QueueName");
            engine.create(name, Input.stringMap(call.input(), "Attributes"), Input.stringMap(call.input(), "tags"));
            return JSON.objectNode().put("QueueUrl", QueueUrls.url(call.endpoint(), engine.account(), name));
        });
        ops.put("DeleteQueue", call -> {
            engine.delete(SqsOperations.queue(engine, call.input()));
            return JSON.objectNode();
        });
        ops.put("GetQueueUrl", call -> {
            String name = Input.required(call.input(), "QueueName");
            Optional<String> owner = Input.optional(call.input(), "QueueOwnerAWSAccountId");
            if ((owner.isPresent() && !owner.get().equals(engine.account())) || !engine.exists(name)) {
                throw SqsErrors.queueDoesNotExist();
            }
            return JSON.objectNode().put("QueueUrl", QueueUrls.url(call.endpoint(), engine.account(), name));
        });
        ops.put("ListQueues", call -> {
            String prefix = Input.optional(call.input(), "QueueNamePrefix").orElse("");
            List<String> names = engine.names().stream().filter(n -> n.startsWith(prefix)).toList();
            return page(call, names, "QueueUrls", 1000);
        });
        ops.put("PurgeQueue", call -> {
            engine.handles().purge(SqsOperations.queue(engine, call.input()));
            return JSON.objectNode();
        });
        ops.put("ListDeadLetterSourceQueues", call -> {
            String name = SqsOperations.queue(engine, call.input());
            ObjectNode out = page(call, engine.deadLetterSources(name), "queueUrls", 1000);
            out.withArray("queueUrls");
            return out;
        });
    }

    /**
     * One page of queue URLs: MaxResults (1–1000) per page, NextToken the name to go on after. Without
     * MaxResults, ListQueues answers up to 1000 and no token, as SQS does.
     */
    private ObjectNode page(SqsCall call, List<String> names, String field, int limit) {
        Optional<Integer> max = Input.integer(call.input(), "MaxResults");
        if (max.isPresent() && (max.get() < 1 || max.get() > 1000)) {
            throw SqsErrors.invalidValue("MaxResults", max.get(), "MaxResults must be an integer between 1 and 1000.");
        }
        Optional<String> token = Input.optional(call.input(), "NextToken");
        if (token.isPresent() && max.isEmpty()) {
            throw SqsErrors.invalidParameterValue("MaxResults is a mandatory parameter when you provide a value for NextToken.");
        }
        String after = token.map(PageToken::decode).orElse("");
        List<String> rest = names.stream().filter(n -> n.compareTo(after) > 0).toList();
        int size = Math.min(rest.size(), max.orElse(limit));
        ObjectNode out = JSON.objectNode();
        if (size > 0) {
            ArrayNode urls = out.putArray(field);
            rest.subList(0, size).forEach(n -> urls.add(QueueUrls.url(call.endpoint(), engine.account(), n)));
        }
        if (max.isPresent() && rest.size() > size) {
            out.put("NextToken", PageToken.encode(rest.get(size - 1)));
        }
        return out;
    }
}
