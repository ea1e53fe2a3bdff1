package dev.lamina.eventbridge.api;

import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.rules.RuleBook;

import java.util.Map;

/** TODO(rules): stub laid by the contract commit; the rules branch owns and replaces it. */
final class BusOps {
    BusOps(EventBridgeContext context, RuleBook rules) {
    }

    void register(Map<String, EventsOperations.Operation> operations) {
    }
}
