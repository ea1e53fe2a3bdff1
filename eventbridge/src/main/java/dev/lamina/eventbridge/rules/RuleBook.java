package dev.lamina.eventbridge.rules;

import dev.lamina.eventbridge.EventBridgeContext;

import java.util.List;

/** TODO(rules): buses, rules and targets in the store and in memory; stub laid by the contract commit. */
public final class RuleBook implements RuleIndex {
    public RuleBook(EventBridgeContext context) {
    }

    @Override
    public boolean busExists(String bus) {
        return bus.equals("default");
    }

    @Override
    public List<RuleMatch> match(String bus, String event) {
        return List.of();
    }

    @Override
    public List<ScheduledRule> scheduled() {
        return List.of();
    }
}
