package dev.lamina.eventbridge.api;

import java.util.Map;

/** TODO(rules): TestEventPattern; stub laid by the contract commit. */
final class PatternOps {
    void register(Map<String, EventsOperations.Operation> operations) {
    }
}
