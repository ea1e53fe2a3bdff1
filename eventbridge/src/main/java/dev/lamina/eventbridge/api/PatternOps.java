package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.rules.EventPatterns;

import java.util.Map;

/** TestEventPattern: event-ruler's answer for one pattern and one event (nothing is stored). */
final class PatternOps {
    void register(Map<String, EventsOperations.Operation> operations) {
        operations.put("TestEventPattern", PatternOps::test);
    }

    private static ObjectNode test(ObjectNode in) {
        String pattern = Fields.required(in, "EventPattern");
        if (pattern.length() > 4096) {
            throw Fields.invalid(pattern, "EventPattern", "Member must have length less than or equal to 4096");
        }
        String event = Fields.required(in, "Event");
        return Fields.object().put("Result", EventPatterns.test(pattern, event));
    }
}
