package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/**
 * The history events' {@code *EventDetails} members, as GetExecutionHistory shows them (the model's
 * HistoryEvent): inputs and outputs as JSON text with their {@code *Details {truncated}}.
 */
final class Events {
    private Events() {
    }

    /** One event before it has an id: its type and its details member (or none). */
    record Ev(String type, ObjectNode details) {
        static Ev bare(String type) {
            return new Ev(type, Json.object());
        }
    }

    private static Ev of(String type, String member, ObjectNode body) {
        ObjectNode details = Json.object();
        details.set(member, body);
        return new Ev(type, details);
    }

    private static ObjectNode withData(ObjectNode body, String field, String json) {
        body.put(field, json);
        body.putObject(field + "Details").put("truncated", false);
        return body;
    }

    static Ev executionStarted(String input, String roleArn, Optional<String> versionArn, Optional<String> aliasArn) {
        ObjectNode b = withData(Json.object(), "input", input);
        b.put("roleArn", roleArn);
        aliasArn.ifPresent(a -> b.put("stateMachineAliasArn", a));
        versionArn.ifPresent(v -> b.put("stateMachineVersionArn", v));
        return of("ExecutionStarted", "executionStartedEventDetails", b);
    }

    static Ev executionSucceeded(String output) {
        return of("ExecutionSucceeded", "executionSucceededEventDetails", withData(Json.object(), "output", output));
    }

    /** ExecutionFailed, ExecutionAborted, ExecutionTimedOut: {@code error} and {@code cause} when known. */
    static Ev executionEnded(String type, Optional<String> error, Optional<String> cause) {
        String member = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
        return of(type, member, errorBody(error, cause));
    }

    static Ev executionRedriven(int redriveCount) {
        ObjectNode b = Json.object().put("redriveCount", redriveCount);
        return of("ExecutionRedriven", "executionRedrivenEventDetails", b);
    }

    static ObjectNode errorBody(Optional<String> error, Optional<String> cause) {
        ObjectNode b = Json.object();
        error.ifPresent(e -> b.put("error", e));
        cause.ifPresent(c -> b.put("cause", c));
        return b;
    }

    static Ev stateEntered(String stateType, String name, String input) {
        ObjectNode b = Json.object().put("name", name);
        return of(stateType + "StateEntered", "stateEnteredEventDetails", withData(b, "input", input));
    }

    static Ev stateExited(String stateType, String name, String output, Map<String, JsonNode> assigned) {
        ObjectNode b = Json.object().put("name", name);
        withData(b, "output", output);
        if (!assigned.isEmpty()) {
            ObjectNode vars = b.putObject("assignedVariables");
            assigned.forEach((k, v) -> vars.put(k, Json.text(v)));
            b.putObject("assignedVariablesDetails").put("truncated", false);
        }
        return of(stateType + "StateExited", "stateExitedEventDetails", b);
    }

    static Ev evaluationFailed(String state, String error, Optional<String> cause, Optional<String> location) {
        ObjectNode b = errorBody(Optional.of(error), cause);
        location.ifPresent(l -> b.put("location", l));
        b.put("state", state);
        return of("EvaluationFailed", "evaluationFailedEventDetails", b);
    }

    static Ev mapStateStarted(int length) {
        return of("MapStateStarted", "mapStateStartedEventDetails", Json.object().put("length", length));
    }

    /** MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted. */
    static Ev mapIteration(String outcome, String mapName, int index) {
        ObjectNode b = Json.object().put("name", mapName).put("index", index);
        return of("MapIteration" + outcome, "mapIteration" + outcome + "EventDetails", b);
    }

    static Ev mapRunStarted(String mapRunArn) {
        return of("MapRunStarted", "mapRunStartedEventDetails", Json.object().put("mapRunArn", mapRunArn));
    }

    static Ev mapRunFailed(Optional<String> error, Optional<String> cause) {
        return of("MapRunFailed", "mapRunFailedEventDetails", errorBody(error, cause));
    }

    // Task states: TaskScheduled … for integrations; LambdaFunction* for plain function ARNs; Activity* for activities.

    static Ev taskScheduled(String resourceType, String resource, String region, String parameters,
                            Optional<Long> timeout, Optional<Long> heartbeat) {
        ObjectNode b = Json.object().put("resourceType", resourceType).put("resource", resource)
                .put("region", region).put("parameters", parameters);
        timeout.ifPresent(t -> b.put("timeoutInSeconds", t));
        heartbeat.ifPresent(h -> b.put("heartbeatInSeconds", h));
        return of("TaskScheduled", "taskScheduledEventDetails", b);
    }

    private static ObjectNode resource(String resourceType, String resource) {
        return Json.object().put("resourceType", resourceType).put("resource", resource);
    }

    static Ev taskStarted(String resourceType, String resource) {
        return of("TaskStarted", "taskStartedEventDetails", resource(resourceType, resource));
    }

    /** TaskSucceeded and TaskSubmitted. */
    static Ev taskOutput(String type, String resourceType, String resource, String output) {
        String member = type.equals("TaskSucceeded") ? "taskSucceededEventDetails" : "taskSubmittedEventDetails";
        return of(type, member, withData(resource(resourceType, resource), "output", output));
    }

    /** TaskFailed and TaskTimedOut. */
    static Ev taskError(String type, String resourceType, String resource, String error, Optional<String> cause) {
        String member = type.equals("TaskFailed") ? "taskFailedEventDetails" : "taskTimedOutEventDetails";
        ObjectNode b = resource(resourceType, resource);
        if (!error.isEmpty()) {
            b.put("error", error);
        }
        cause.ifPresent(c -> b.put("cause", c));
        return of(type, member, b);
    }

    static Ev lambdaScheduled(String resource, String input, Optional<Long> timeout) {
        ObjectNode b = withData(Json.object().put("resource", resource), "input", input);
        timeout.ifPresent(t -> b.put("timeoutInSeconds", t));
        return of("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", b);
    }

    static Ev lambdaSucceeded(String output) {
        return of("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails",
                withData(Json.object(), "output", output));
    }

    /** LambdaFunctionFailed and LambdaFunctionTimedOut. */
    static Ev lambdaError(String type, String error, Optional<String> cause) {
        String member = "lambdaFunction" + type.substring("LambdaFunction".length()) + "EventDetails";
        return of(type, member, errorBody(Optional.of(error).filter(e -> !e.isEmpty()), cause));
    }

    static Ev activityScheduled(String resource, String input, Optional<Long> timeout, Optional<Long> heartbeat) {
        ObjectNode b = withData(Json.object().put("resource", resource), "input", input);
        timeout.ifPresent(t -> b.put("timeoutInSeconds", t));
        heartbeat.ifPresent(h -> b.put("heartbeatInSeconds", h));
        return of("ActivityScheduled", "activityScheduledEventDetails", b);
    }

    static Ev activityStarted(String workerName) {
        return of("ActivityStarted", "activityStartedEventDetails", Json.object().put("workerName", workerName));
    }

    static Ev activitySucceeded(String output) {
        return of("ActivitySucceeded", "activitySucceededEventDetails", withData(Json.object(), "output", output));
    }

    /** ActivityFailed and ActivityTimedOut. */
    static Ev activityError(String type, String error, Optional<String> cause) {
        String member = "activity" + type.substring("Activity".length()) + "EventDetails";
        return of(type, member, errorBody(Optional.of(error).filter(e -> !e.isEmpty()), cause));
    }
}
