package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.SqsErrors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@link SqsApi} on the engine: a table from operation name to its handler. */
public final class SqsOperations implements SqsApi {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One operation: the call's input in, the output document out. */
    interface Operation {
        JsonNode run(SqsCall call) throws InterruptedException;
    }

    private final Engine engine;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    private SqsOperations(Engine engine) {
        this.engine = engine;
        new QueueOps(engine).register(operations);
        new AttributeOps(engine).register(operations);
        new TagOps(engine).register(operations);
        new SendOps(engine).register(operations);
        new ReceiveOps(engine).register(operations);
        new HandleOps(engine).register(operations);
        new MoveTaskOps(engine).register(operations);
    }

    /** For Sqs.open. */
    public static SqsApi create(Engine engine) {
        return new SqsOperations(engine);
    }

    /** The engine under the API (for the sqs package's tests). */
    public Engine engine() {
        return engine;
    }

    @Override
    public Set<String> operations() {
        return Set.copyOf(operations.keySet());
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        JsonNode url = input.get("QueueUrl");
        if (url != null && url.isTextual()) {
            return QueueUrls.name(url.asText(), engine.account()).map(engine::arn).orElse("*");
        }
        JsonNode name = input.get("QueueName");
        if (name != null && name.isTextual() && Engine.validName(name.asText())) {
            return engine.arn(name.asText());
        }
        JsonNode source = input.get("SourceArn");
        return source != null && source.isTextual() ? source.asText() : "*";
    }

    @Override
    public JsonNode handle(SqsCall call) {
        Operation op = operations.get(call.operation());
        if (op == null) {
            throw SqsErrors.unsupportedOperation("The operation " + call.operation() + " is not supported.");
        }
        try {
            return op.run(call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqsErrors.internal("the call was interrupted");
        }
    }

    /** The queue a call's QueueUrl names, which must exist. */
    static String queue(Engine engine, JsonNode input) {
        String url = Input.required(input, "QueueUrl");
        String name = QueueUrls.name(url, engine.account()).orElseThrow(SqsErrors::queueDoesNotExist);
        if (!engine.exists(name)) {
            throw SqsErrors.queueDoesNotExist();
        }
        return name;
    }
}
