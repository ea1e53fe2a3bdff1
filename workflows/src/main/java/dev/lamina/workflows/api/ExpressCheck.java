package dev.lamina.workflows.api;

import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.Diagnostic;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.asl.StateType;

import java.util.ArrayList;
import java.util.List;

/**
 * What an EXPRESS machine may not contain, as AWS refuses it at CreateStateMachine: activity tasks
 * and the {@code .sync}, {@code .sync:2} and {@code .waitForTaskToken} integration patterns (an
 * EXPRESS execution is not kept long enough to wait for them).
 */
final class ExpressCheck {
    private ExpressCheck() {
    }

    /** The findings, each with its location ({@code /States/T/Resource}); empty when the definition may run EXPRESS. */
    static List<Diagnostic> findings(Definition definition) {
        List<Diagnostic> out = new ArrayList<>();
        walk(definition, "", out);
        return out;
    }

    private static void walk(Definition definition, String prefix, List<Diagnostic> out) {
        for (StateNode s : definition.states().values()) {
            String at = prefix + "/States/" + s.name();
            if (s.type() == StateType.TASK) {
                String resource = s.text("Resource").orElse("");
                String problem = null;
                if (resource.startsWith("arn:aws:states:") && resource.contains(":activity:")) {
                    problem = "Express state machine does not support Activity ARN";
                } else if (resource.endsWith(".waitForTaskToken")) {
                    problem = "Express state machine does not support '.waitForTaskToken' service integration";
                } else if (resource.endsWith(".sync") || resource.endsWith(".sync:2")) {
                    problem = "Express state machine does not support '.sync' service integration";
                }
                if (problem != null) {
                    out.add(new Diagnostic(Diagnostic.Severity.ERROR, "SCHEMA_VALIDATION_FAILED", problem,
                            at + "/Resource"));
                }
            }
            for (int i = 0; i < s.branches().size(); i++) {
                String branch = s.type() == StateType.PARALLEL ? at + "/Branches[" + i + "]"
                        : at + (s.json().has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
                walk(s.branches().get(i), branch, out);
            }
        }
    }

    /** InvalidDefinition's message for the findings, in the form the definition checker uses. */
    static String message(List<Diagnostic> findings) {
        StringBuilder b = new StringBuilder("Invalid State Machine Definition: '");
        for (int i = 0; i < findings.size(); i++) {
            Diagnostic d = findings.get(i);
            b.append(i == 0 ? "" : ", ").append(d.code()).append(": ").append(d.message()).append(" at ")
                    .append(d.location());
        }
        return b.append("'").toString();
    }
}
