package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.MachineType;

/** An execution's record as DescribeExecution, StartSyncExecution and ListExecutions show it. */
final class ExecutionViews {
    private ExecutionViews() {
    }

    /** The members DescribeExecution and StartSyncExecution share; {@code data}: with input and output. */
    static ObjectNode common(ExecutionRecord r, boolean data) {
        ObjectNode out = Fields.object().put("executionArn", r.executionArn()).put("stateMachineArn", r.stateMachineArn())
                .put("name", r.name()).put("status", r.status().name())
                .put("startDate", Fields.seconds(r.startDate()));
        r.stopDate().ifPresent(d -> out.put("stopDate", Fields.seconds(d)));
        if (data) {
            out.put("input", r.input());
        }
        out.putObject("inputDetails").put("included", data);
        if (r.output().isPresent()) {
            if (data) {
                out.put("output", r.output().get());
            }
            out.putObject("outputDetails").put("included", data);
        }
        r.error().ifPresent(e -> out.put("error", e));
        r.cause().ifPresent(c -> out.put("cause", c));
        r.traceHeader().ifPresent(t -> out.put("traceHeader", t));
        return out;
    }

    static ObjectNode describe(ExecutionRecord r, boolean data) {
        ObjectNode out = common(r, data);
        r.machine().versionArn().ifPresent(v -> out.put("stateMachineVersionArn", v));
        r.machine().aliasArn().ifPresent(a -> out.put("stateMachineAliasArn", a));
        out.put("redriveCount", r.redriveCount());
        r.redriveDate().ifPresent(d -> out.put("redriveDate", Fields.seconds(d)));
        boolean redrivable = r.machine().type() == MachineType.STANDARD && (r.status() == ExecutionStatus.FAILED
                || r.status() == ExecutionStatus.TIMED_OUT || r.status() == ExecutionStatus.ABORTED);
        out.put("redriveStatus", redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (!redrivable) {
            out.put("redriveStatusReason", r.machine().type() == MachineType.EXPRESS
                    ? "Execution is of type EXPRESS and cannot be redriven"
                    : "Execution is " + r.status().name() + " and cannot be redriven");
        }
        return out;
    }

    static ObjectNode item(ExecutionRecord r) {
        ObjectNode out = Fields.object().put("executionArn", r.executionArn()).put("stateMachineArn", r.stateMachineArn())
                .put("name", r.name()).put("status", r.status().name()).put("startDate", Fields.seconds(r.startDate()));
        r.stopDate().ifPresent(d -> out.put("stopDate", Fields.seconds(d)));
        r.machine().versionArn().ifPresent(v -> out.put("stateMachineVersionArn", v));
        r.machine().aliasArn().ifPresent(a -> out.put("stateMachineAliasArn", a));
        out.put("redriveCount", r.redriveCount());
        r.redriveDate().ifPresent(d -> out.put("redriveDate", Fields.seconds(d)));
        return out;
    }
}
