package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.api.GatewayOperations;
import dev.lamina.model.ServiceException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A control plane below the codec under test: it records what each call was given and answers
 * what the test told it to (an output tree, or a ServiceException).
 */
final class RecordingOperations implements GatewayOperations {
    private final String model;
    private final Set<String> operations;
    private final Map<String, Function<ObjectNode, JsonNode>> answers = new HashMap<>();
    volatile String lastOperation;
    volatile ObjectNode lastInput;
    volatile String lastEndpoint;

    RecordingOperations(String model, Set<String> operations) {
        this.model = model;
        this.operations = operations;
    }

    RecordingOperations answer(String operation, Function<ObjectNode, JsonNode> answer) {
        answers.put(operation, answer);
        return this;
    }

    @Override
    public String modelResource() {
        return model;
    }

    @Override
    public Set<String> operations() {
        return operations;
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        return "*";
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input, String endpoint) throws ServiceException {
        lastOperation = operation;
        lastInput = input;
        lastEndpoint = endpoint;
        Function<ObjectNode, JsonNode> answer = answers.get(operation);
        return answer == null ? Json.object() : answer.apply(input);
    }
}
