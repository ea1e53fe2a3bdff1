package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.engine.Executions;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask, and the task
 * callbacks SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat (of activities and of
 * {@code .waitForTaskToken} tasks alike), which the engine answers.
 */
final class ActivityOps {
    /** How long GetActivityTask waits for a task, as AWS (60 s). */
    static final Duration POLL = Duration.ofSeconds(60);

    private final MachineBook book;
    private final Executions executions;
    private final Arns arns;
    private final Clock clock;

    ActivityOps(MachineBook book, Executions executions, Arns arns, Clock clock) {
        this.book = book;
        this.executions = executions;
        this.arns = arns;
        this.clock = clock;
    }

    void register(Map<String, StatesOperations.Operation> operations) {
        operations.put("CreateActivity", this::create);
        operations.put("DescribeActivity", this::describe);
        operations.put("DeleteActivity", this::delete);
        operations.put("ListActivities", this::list);
        operations.put("GetActivityTask", this::poll);
        operations.put("SendTaskSuccess", this::success);
        operations.put("SendTaskFailure", this::failure);
        operations.put("SendTaskHeartbeat", this::heartbeat);
    }

    /** An activity's name from its ARN (refusing other kinds of ARN). */
    private static String activityName(String arn) {
        return StatesArn.parse(arn, Set.of("activity")).path();
    }

    /** The activity's document; ActivityDoesNotExist when there is none. */
    ObjectNode activity(String arn) {
        String name = activityName(arn);
        Optional<ObjectNode> doc = arn.equals(arns.activity(name)) ? book.find(Kind.ACTIVITY, "", name) : Optional.empty();
        return doc.orElseThrow(() -> StatesErrors.of("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'"));
    }

    /** Idempotent by name, as AWS: creating an existing activity answers it (other tags are ignored). */
    private JsonNode create(ObjectNode in) {
        String name = Fields.name(Fields.required(in, "name"));
        String arn = arns.activity(name);
        return book.atomically(() -> {
            ObjectNode doc = book.find(Kind.ACTIVITY, "", name).orElse(null);
            if (doc == null) {
                doc = Fields.object().put("activityArn", arn).put("name", name).put("creationDate", clock.millis());
                doc.set("tags", Fields.mergeTags(Fields.array(), in.get("tags")));
                doc.set("encryptionConfiguration", MachineOps.encryption(in.get("encryptionConfiguration")));
                book.put(Kind.ACTIVITY, "", name, doc);
            }
            return Fields.object().put("activityArn", arn)
                    .put("creationDate", Fields.seconds(doc.path("creationDate").asLong()));
        });
    }

    private JsonNode describe(ObjectNode in) {
        ObjectNode doc = activity(Fields.required(in, "activityArn"));
        ObjectNode out = Fields.object().put("activityArn", doc.path("activityArn").asText())
                .put("name", doc.path("name").asText())
                .put("creationDate", Fields.seconds(doc.path("creationDate").asLong()));
        out.set("encryptionConfiguration", doc.path("encryptionConfiguration"));
        return out;
    }

    private JsonNode delete(ObjectNode in) {
        String arn = Fields.required(in, "activityArn");
        String name = activityName(arn);
        book.atomically(() -> arn.equals(arns.activity(name)) && book.delete(Kind.ACTIVITY, "", name));
        return Fields.object();
    }

    private JsonNode list(ObjectNode in) {
        Fields.Page<ObjectNode> page = Fields.page(in, book.list(Kind.ACTIVITY, ""), d -> d.path("name").asText());
        ObjectNode out = Fields.object();
        ArrayNode items = out.putArray("activities");
        page.items().forEach(d -> items.addObject().put("activityArn", d.path("activityArn").asText())
                .put("name", d.path("name").asText())
                .put("creationDate", Fields.seconds(d.path("creationDate").asLong())));
        page.nextToken(out);
        return out;
    }

    /** Long-polls up to 60 s; no task: an empty answer, as AWS (the worker polls again). */
    private JsonNode poll(ObjectNode in) {
        String arn = Fields.required(in, "activityArn");
        activity(arn);
        String worker = Fields.optional(in, "workerName").orElse("");
        try {
            return executions.pollActivity(arn, worker, POLL)
                    .map(t -> (JsonNode) Fields.object().put("taskToken", t.taskToken()).put("input", t.input()))
                    .orElseGet(Fields::object);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Fields.object();
        }
    }

    private JsonNode success(ObjectNode in) {
        String token = Fields.required(in, "taskToken");
        String output = Fields.required(in, "output");
        try {
            Fields.JSON.readTree(output);
        } catch (Exception e) {
            throw StatesErrors.of("InvalidOutput", "Invalid Output: '" + e.getMessage().lines().findFirst().orElse("")
                    + "'");
        }
        executions.sendTaskSuccess(token, output);
        return Fields.object();
    }

    private JsonNode failure(ObjectNode in) {
        executions.sendTaskFailure(Fields.required(in, "taskToken"), Fields.optional(in, "error"),
                Fields.optional(in, "cause"));
        return Fields.object();
    }

    private JsonNode heartbeat(ObjectNode in) {
        executions.sendTaskHeartbeat(Fields.required(in, "taskToken"));
        return Fields.object();
    }
}
