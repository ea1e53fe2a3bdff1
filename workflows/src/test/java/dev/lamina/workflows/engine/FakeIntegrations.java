package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.tasks.Integrations;
import dev.lamina.workflows.tasks.TaskCall;
import dev.lamina.workflows.tasks.TaskListener;
import dev.lamina.workflows.tasks.TaskResource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Integrations for the engine's tests: a handler per function name (the parameters' FunctionName, or a
 * function ARN's last part), counting calls; the tokens of {@code .waitForTaskToken} calls are queued.
 */
final class FakeIntegrations implements Integrations {
    interface Handler {
        JsonNode handle(TaskCall call, int attempt) throws StatesError, InterruptedException;
    }

    final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final LinkedBlockingQueue<String> tokens = new LinkedBlockingQueue<>();

    FakeIntegrations on(String function, Handler handler) {
        handlers.put(function, handler);
        return this;
    }

    int calls(String function) {
        return calls.computeIfAbsent(function, f -> new AtomicInteger()).get();
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException {
        String function = call.resource().kind() == TaskResource.Kind.LAMBDA_FUNCTION
                ? call.resource().arn().substring(call.resource().arn().lastIndexOf(':') + 1)
                : call.parameters().path("FunctionName").asText();
        if (function.contains("function:")) {
            function = function.substring(function.indexOf("function:") + "function:".length()).split(":")[0];
        }
        int attempt = calls.computeIfAbsent(function, f -> new AtomicInteger()).getAndIncrement();
        call.taskToken().ifPresent(tokens::add);
        Handler h = handlers.get(function);
        if (h == null) {
            throw new StatesError("Lambda.ResourceNotFoundException", "Function not found: " + function);
        }
        return h.handle(call, attempt);
    }

    @Override
    public boolean supports(TaskResource resource) {
        return true;
    }
}
