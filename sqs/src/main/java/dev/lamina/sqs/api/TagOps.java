package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.SqsErrors;

import java.util.List;
import java.util.Map;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** TagQueue, UntagQueue, ListQueueTags. */
final class TagOps {
    private final Engine engine;

    TagOps(Engine engine) {
        this.engine = engine;
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        ops.put("TagQueue", call -> {
            String name = SqsOperations.queue(engine, call.input());
            Map<String, String> tags = Input.stringMap(call.input(), "Tags");
            if (tags.isEmpty()) {
                throw SqsErrors.missingParameter("Tags");
            }
            engine.tags().add(name, tags);
            return JSON.objectNode();
        });
        ops.put("UntagQueue", call -> {
            String name = SqsOperations.queue(engine, call.input());
            List<String> keys = Input.strings(call.input(), "TagKeys");
            if (keys.isEmpty()) {
                throw SqsErrors.missingParameter("TagKeys");
            }
            engine.tags().remove(name, keys);
            return JSON.objectNode();
        });
        ops.put("ListQueueTags", call -> {
            Map<String, String> tags = engine.tags().of(SqsOperations.queue(engine, call.input()));
            ObjectNode out = JSON.objectNode();
            if (!tags.isEmpty()) {
                ObjectNode t = out.putObject("Tags");
                tags.forEach(t::put);
            }
            return out;
        });
    }
}
