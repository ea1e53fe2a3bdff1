package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.Executions;
import dev.lamina.workflows.engine.HistoryEvent;
import dev.lamina.workflows.engine.MachineSnapshot;
import dev.lamina.workflows.engine.MachineType;
import dev.lamina.workflows.engine.Page;
import dev.lamina.workflows.engine.StartRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution,
 * GetExecutionHistory, RedriveExecution, DescribeStateMachineForExecution: the API checks the
 * input and resolves the machine; {@link Executions} does the rest.
 */
final class ExecutionOps {
    /** AWS's limit on an execution's input: 256 KiB of UTF-8. */
    static final int MAX_INPUT_BYTES = 262_144;

    private final MachineBook book;
    private final Resolver resolver;
    private final Executions executions;
    private final Arns arns;
    private final Clock clock;

    ExecutionOps(MachineBook book, Resolver resolver, Executions executions, Arns arns, Clock clock) {
        this.book = book;
        this.resolver = resolver;
        this.executions = executions;
        this.arns = arns;
        this.clock = clock;
    }

    void register(Map<String, StatesOperations.Operation> operations) {
        operations.put("StartExecution", this::start);
        operations.put("StartSyncExecution", this::startSync);
        operations.put("DescribeExecution", this::describe);
        operations.put("ListExecutions", this::list);
        operations.put("StopExecution", this::stop);
        operations.put("GetExecutionHistory", this::history);
        operations.put("RedriveExecution", this::redrive);
        operations.put("DescribeStateMachineForExecution", this::describeMachine);
    }

    /** The input text as given ({@code {}} when absent), which must be JSON of at most 256 KiB. */
    static String input(ObjectNode in) {
        String input = Fields.optional(in, "input").orElse("{}");
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw StatesErrors.invalidExecutionInput("Invalid State Machine Execution Input: 'The input exceeds the "
                    + "maximum size of " + MAX_INPUT_BYTES + " bytes'");
        }
        try {
            JsonNode parsed = Fields.JSON.readTree(input);
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("No content to map due to end-of-input");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw StatesErrors.invalidExecutionInput("Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
        } catch (IllegalArgumentException e) {
            throw StatesErrors.invalidExecutionInput("Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
        return input;
    }

    private StartRequest request(ObjectNode in) {
        MachineSnapshot machine = resolver.resolve(Fields.required(in, "stateMachineArn"));
        String name = Fields.name(Fields.optional(in, "name").orElseGet(() -> UUID.randomUUID().toString()));
        return new StartRequest(machine, name, input(in), Fields.optional(in, "traceHeader"), Optional.empty());
    }

    private JsonNode start(ObjectNode in) {
        ExecutionRecord r = executions.start(request(in));
        return Fields.object().put("executionArn", r.executionArn()).put("startDate", Fields.seconds(r.startDate()));
    }

    private JsonNode startSync(ObjectNode in) {
        StartRequest request = request(in);
        if (request.machine().type() != MachineType.EXPRESS) {
            throw StatesErrors.stateMachineTypeNotSupported("This operation is not supported by this type of state machine");
        }
        ExecutionRecord r = executions.startSync(request);
        ObjectNode out = ExecutionViews.common(r, !"METADATA_ONLY".equals(in.path("includedData").asText()));
        long millis = r.stopDate().orElse(clock.instant()).toEpochMilli() - r.startDate().toEpochMilli();
        out.putObject("billingDetails").put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", Math.max(100, (millis + 99) / 100 * 100));
        return out;
    }

    /** An execution's ARN; only STANDARD executions ({@code …:execution:…}) are described, as AWS. */
    private static String executionArn(ObjectNode in) {
        String arn = Fields.required(in, "executionArn");
        StatesArn parsed = StatesArn.parse(arn, Set.of("execution"));
        if (parsed.qualifier().isEmpty()) {
            throw StatesErrors.invalidArn("Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
        }
        return arn;
    }

    private JsonNode describe(ObjectNode in) {
        ExecutionRecord r = executions.describe(executionArn(in));
        return ExecutionViews.describe(r, !"METADATA_ONLY".equals(in.path("includedData").asText()));
    }

    private JsonNode list(ObjectNode in) {
        Optional<String> machineArn = Fields.optional(in, "stateMachineArn");
        Optional<String> mapRun = Fields.optional(in, "mapRunArn");
        if (machineArn.isEmpty() == mapRun.isEmpty()) {
            throw StatesErrors.validation(machineArn.isEmpty() ? "Must provide a StateMachine ARN or MapRun ARN"
                    : "Cannot provide both a StateMachine ARN and a MapRun ARN");
        }
        Optional<ExecutionStatus> status = Fields.optional(in, "statusFilter").map(s -> {
            try {
                return ExecutionStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw StatesErrors.validation("1 validation error detected: Value '" + s + "' at 'statusFilter' failed"
                        + " to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, "
                        + "PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
            }
        });
        String arn = machineArn.isPresent() ? listed(machineArn.get()) : StatesArn.parse(mapRun.get(), Set.of("mapRun")).arn();
        Optional<String> redrive = Fields.optional(in, "redriveFilter");
        Page<ExecutionRecord> page = executions.list(arn, status, Fields.maxResults(in), Fields.optional(in, "nextToken"));
        ObjectNode out = Fields.object();
        ArrayNode items = out.putArray("executions");
        page.items().stream()
                .filter(r -> redrive.isEmpty() || redrive.get().equals("REDRIVEN") == (r.redriveCount() > 0))
                .forEach(r -> items.add(ExecutionViews.item(r)));
        page.nextToken().ifPresent(t -> out.put("nextToken", t));
        return out;
    }

    /** A machine, version or alias ARN whose executions may be listed: it exists and is STANDARD. */
    private String listed(String arn) {
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine"));
        String name = parsed.machineName();
        Optional<ObjectNode> machine = arn.startsWith(arns.stateMachine(name))
                ? book.peek(Kind.MACHINE, "", name) : Optional.empty();
        boolean exists = machine.isPresent() && (parsed.qualifier().isEmpty()
                || (parsed.versioned() ? versionExists(name, parsed.qualifier().get())
                        : book.peek(Kind.ALIAS, name, parsed.qualifier().get()).isPresent()));
        if (!exists) {
            throw StatesErrors.stateMachineDoesNotExist(arn);
        }
        if (machine.get().path("type").asText().equals("EXPRESS")) {
            throw StatesErrors.stateMachineTypeNotSupported("This operation is not supported by this type of state machine");
        }
        return arn;
    }

    private boolean versionExists(String machine, String number) {
        try {
            return book.peek(Kind.VERSION, machine, MachineBook.versionName(Long.parseLong(number))).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private JsonNode stop(ObjectNode in) {
        ExecutionRecord r = executions.stop(executionArn(in), Fields.optional(in, "error"), Fields.optional(in, "cause"));
        return Fields.object().put("stopDate", Fields.seconds(r.stopDate().orElse(clock.instant())));
    }

    private JsonNode history(ObjectNode in) {
        String arn = executionArn(in);
        boolean data = !in.has("includeExecutionData") || in.path("includeExecutionData").asBoolean(true);
        Page<HistoryEvent> page = executions.history(arn, Fields.flag(in, "reverseOrder"), Fields.maxResults(in),
                Fields.optional(in, "nextToken"), data);
        ObjectNode out = Fields.object();
        ArrayNode events = out.putArray("events");
        page.items().forEach(e -> {
            ObjectNode o = events.addObject().put("timestamp", Fields.seconds(e.timestamp())).put("type", e.type())
                    .put("id", e.id()).put("previousEventId", e.previousEventId());
            o.setAll(e.details());
        });
        page.nextToken().ifPresent(t -> out.put("nextToken", t));
        return out;
    }

    private JsonNode redrive(ObjectNode in) {
        ExecutionRecord r = executions.redrive(executionArn(in));
        return Fields.object().put("redriveDate", Fields.seconds(r.redriveDate().orElse(clock.instant())));
    }

    private JsonNode describeMachine(ObjectNode in) {
        ExecutionRecord r = executions.describe(executionArn(in));
        MachineSnapshot m = r.machine();
        Optional<ObjectNode> current = book.find(Kind.MACHINE, "", m.name())
                .filter(d -> d.path("stateMachineArn").asText().equals(m.arn()));
        ObjectNode out = Fields.object().put("stateMachineArn", m.versionArn().orElse(m.arn())).put("name", m.name())
                .put("definition", m.definitionText()).put("roleArn", m.roleArn());
        long updated = current.filter(d -> d.path("revisionId").asText().equals(m.revisionId()))
                .map(d -> d.path("updateDate").asLong()).orElse(r.startDate().toEpochMilli());
        out.put("updateDate", Fields.seconds(updated));
        out.set("loggingConfiguration", current.map(d -> d.path("loggingConfiguration")).orElse(MachineOps.logging(null)));
        out.set("tracingConfiguration", current.map(d -> d.path("tracingConfiguration")).orElse(MachineOps.tracing(null)));
        out.put("revisionId", m.revisionId());
        return out;
    }
}
