package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.store.Store;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.engine.Executions;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step Functions' operations: state machines, versions, aliases, activities, tags, and executions
 * (through {@link Executions}), as a table from operation name to handler; each group of
 * operations registers its own. DescribeMapRun, UpdateMapRun and TestState are not answered.
 */
public final class StatesOperations implements StatesApi {

    /** One operation: the input in, the output document out. */
    interface Operation {
        JsonNode run(ObjectNode input);
    }

    private final Arns arns;
    private final Resolver resolver;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    public StatesOperations(WorkflowsContext context, Executions executions) {
        this(context.store(), context.arns(), context.clock(), executions);
    }

    StatesOperations(Store store, Arns arns, Clock clock, Executions executions) {
        this.arns = arns;
        MachineBook book = new MachineBook(store);
        this.resolver = new Resolver(book, arns);
        VersionOps versions = new VersionOps(book, resolver, arns, clock);
        MachineOps machines = new MachineOps(book, resolver, versions, arns, clock);
        machines.register(operations);
        versions.register(operations, machines);
        new AliasOps(book, versions, arns, clock).register(operations);
        new ActivityOps(book, executions, arns, clock).register(operations);
        new TagOps(book, arns).register(operations);
        new ExecutionOps(book, resolver, executions, arns, clock).register(operations);
        new MapRunOps(executions).register(operations);
    }

    /** The machines executions start on, for callers inside Lamina. */
    public StateMachines machines() {
        return resolver;
    }

    @Override
    public Set<String> operations() {
        return Set.copyOf(operations.keySet());
    }

    /**
     * The IAM resource of a call, as Step Functions' authorization reference gives it: the machine's
     * (or version's, or alias's) ARN for the operations on one machine, the execution's for those on
     * one execution, the activity's for those on one activity, the ARN given to the tag operations,
     * and {@code *} for listings of everything, ValidateStateMachineDefinition and the task callbacks.
     */
    @Override
    public String resource(String operation, ObjectNode input) {
        return switch (operation) {
            case "CreateStateMachine" -> text(input, "name").map(arns::stateMachine).orElse("*");
            case "DescribeStateMachine", "UpdateStateMachine", "DeleteStateMachine", "PublishStateMachineVersion",
                 "ListStateMachineVersions", "ListStateMachineAliases", "StartExecution", "StartSyncExecution",
                 "ListExecutions" -> text(input, "stateMachineArn").orElse("*");
            case "DeleteStateMachineVersion" -> text(input, "stateMachineVersionArn").orElse("*");
            case "DescribeStateMachineAlias", "UpdateStateMachineAlias", "DeleteStateMachineAlias" ->
                    text(input, "stateMachineAliasArn").orElse("*");
            case "CreateStateMachineAlias" -> input.path("routingConfiguration").path(0)
                    .path("stateMachineVersionArn").asText("*");
            case "DescribeExecution", "StopExecution", "GetExecutionHistory", "RedriveExecution",
                 "DescribeStateMachineForExecution", "ListMapRuns" -> text(input, "executionArn").orElse("*");
            case "CreateActivity" -> text(input, "name").map(arns::activity).orElse("*");
            case "DescribeActivity", "DeleteActivity", "GetActivityTask" -> text(input, "activityArn").orElse("*");
            case "TagResource", "UntagResource", "ListTagsForResource" -> text(input, "resourceArn").orElse("*");
            default -> "*";
        };
    }

    private static Optional<String> text(ObjectNode input, String member) {
        JsonNode v = input.get(member);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input) throws ServiceException {
        Operation op = operations.get(operation);
        if (op == null) {
            throw StatesErrors.validation("The operation " + operation + " is not supported by Lamina.");
        }
        return op.run(input);
    }
}
