package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.api.EventsApi;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.sqs.api.SqsApi;
import dev.lamina.sqs.api.SqsCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Stand-ins for the services integrations call, recording what they were asked. */
final class Fakes {
    private Fakes() {
    }

    static JsonNode json(String text) {
        try {
            return LambdaPayloads.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static TaskCall call(String resource, String parameters) {
        return call(resource, parameters, Optional.empty());
    }

    static TaskCall call(String resource, String parameters, Optional<String> token) {
        ObjectNode context = (ObjectNode) json("{\"StateMachine\":{\"Id\":\"arn:aws:states:us-east-1:000000000000:"
                + "stateMachine:m\"}}");
        return new TaskCall(TaskResource.parse(resource).orElseThrow(), json(parameters), context, token,
                Duration.ofSeconds(60), "arn:aws:states:us-east-1:000000000000:execution:m:e", "arn:aws:iam::000000000000:role/r");
    }

    /** Answers each invocation with {@code answer}; keeps the requests. */
    static final class Functions implements FunctionCalls {
        final List<Invoker.Request> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Function<Invoker.Request, Invoker.Result> answer;

        Functions(Function<Invoker.Request, Invoker.Result> answer) {
            this.answer = answer;
        }

        @Override
        public Invoker.Result invoke(Invoker.Request request) {
            requests.add(request);
            return answer.apply(request);
        }

        @Override
        public String check(FunctionRef function, Optional<Qualifier> qualifier) {
            answer.apply(new Invoker.Request("check", function, qualifier, new byte[0], Optional.empty(), false,
                    Optional.empty()));
            return "$LATEST";
        }
    }

    static final class Sqs implements SqsApi {
        final List<SqsCall> calls = new ArrayList<>();
        final Function<SqsCall, JsonNode> answer;

        Sqs(Function<SqsCall, JsonNode> answer) {
            this.answer = answer;
        }

        @Override
        public Set<String> operations() {
            return Set.of("SendMessage", "ReceiveMessage");
        }

        @Override
        public String resource(String operation, ObjectNode input) {
            return "*";
        }

        @Override
        public JsonNode handle(SqsCall call) {
            calls.add(call);
            return answer.apply(call);
        }
    }

    static final class Events implements EventsApi {
        @Override
        public Set<String> operations() {
            return Set.of("PutEvents", "ListRules");
        }

        @Override
        public String resource(String operation, ObjectNode input) {
            return "*";
        }

        @Override
        public JsonNode handle(String operation, ObjectNode input) {
            throw dev.lamina.model.ServiceException.client("ResourceNotFoundException", "Rule r does not exist.");
        }
    }

    /** Records what the listener heard. */
    static class Listener implements TaskListener {
        int started;
        final List<JsonNode> submitted = new ArrayList<>();

        @Override
        public void started() {
            started++;
        }

        @Override
        public void submitted(JsonNode output) {
            submitted.add(output);
        }
    }
}
