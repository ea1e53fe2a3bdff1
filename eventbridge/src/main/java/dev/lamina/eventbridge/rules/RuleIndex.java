package dev.lamina.eventbridge.rules;

import dev.lamina.eventbridge.target.Target;

import java.util.List;

/**
 * The rules as deliveries and the ticker read them: always the committed state, answered from
 * memory (no store read per event).
 */
public interface RuleIndex {

    /** A rule whose pattern matched an event, with its targets at that moment. */
    record RuleMatch(String ruleArn, String ruleName, String bus, List<Target> targets) {
        public RuleMatch {
            targets = List.copyOf(targets);
        }
    }

    /** An enabled rule with a ScheduleExpression ({@code rate(…)}/{@code cron(…)}), with its targets. */
    record ScheduledRule(String ruleArn, String ruleName, String bus, String expression, List<Target> targets) {
        public ScheduledRule {
            targets = List.copyOf(targets);
        }
    }

    /** Whether an event bus of that name exists. */
    boolean busExists(String bus);

    /**
     * The enabled rules on {@code bus} whose EventPattern matches {@code event} (the event as
     * delivered: the envelope's JSON text), in name order; empty for a bus that does not exist.
     */
    List<RuleMatch> match(String bus, String event);

    /** Every enabled rule with a ScheduleExpression. */
    List<ScheduledRule> scheduled();
}
