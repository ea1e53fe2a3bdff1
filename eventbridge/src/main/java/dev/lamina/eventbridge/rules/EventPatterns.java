package dev.lamina.eventbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.eventbridge.EventBridgeErrors;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.MachineComplexityEvaluator;

import java.util.List;

/**
 * Event patterns as EventBridge reads them, with aws/event-ruler (the library EventBridge is built
 * on): the same validation errors ({@code Event pattern is not valid. Reason: <event-ruler's reason>})
 * and array-consistent matching ({@link Machine#rulesForJSONEvent}).
 */
public final class EventPatterns {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The wildcard complexity EventBridge accepts in one rule, measured by event-ruler's
     * MachineComplexityEvaluator: 10 (a pattern of more simultaneously reachable wildcard prefixes
     * is "too complex" on AWS; {@code *:*:*:*:*:event-bus/*} measures 11).
     */
    static final int MAX_COMPLEXITY = 10;
    /** The envelope fields TestEventPattern requires of its Event (AWS does not require resources or version). */
    private static final List<String> ENVELOPE = List.of("id", "account", "source", "time", "region", "detail-type");

    private EventPatterns() {
    }

    /** Checks {@code pattern} as PutRule and TestEventPattern do: an InvalidEventPatternException otherwise. */
    public static void check(String pattern) {
        String reason;
        try {
            reason = JsonRuleCompiler.check(pattern);
        } catch (RuntimeException | StackOverflowError e) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (reason == null) {
            Machine machine = new Machine();
            try {
                machine.addRule("pattern", pattern);
                if (machine.evaluateComplexity(new MachineComplexityEvaluator(MAX_COMPLEXITY + 1)) > MAX_COMPLEXITY) {
                    reason = "Rule is too complex - try using fewer wildcard characters or fewer repeating"
                            + " character sequences after a wildcard character";
                }
            } catch (Exception | StackOverflowError e) {
                reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        if (reason != null) {
            throw EventBridgeErrors.invalidPattern("Event pattern is not valid. Reason: " + plain(reason));
        }
    }

    /** Jackson's reasons end with {@code at [Source: …]} lines, which AWS's messages leave out. */
    static String plain(String reason) {
        int at = reason.indexOf("\n at [Source");
        return (at < 0 ? reason : reason.substring(0, at)).strip();
    }

    /**
     * TestEventPattern: whether {@code event} (a JSON object with the envelope's id, account, source,
     * time, region and detail-type, else ValidationException {@code Parameter Event is not valid.})
     * matches {@code pattern} (checked first).
     */
    public static boolean test(String pattern, String event) {
        check(pattern);
        JsonNode tree;
        try {
            tree = JSON.readTree(event);
        } catch (Exception e) {
            throw EventBridgeErrors.validation("Parameter Event is not valid.");
        }
        if (tree == null || !tree.isObject() || !ENVELOPE.stream().allMatch(tree::has)) {
            throw EventBridgeErrors.validation("Parameter Event is not valid.");
        }
        Machine machine = new Machine();
        try {
            machine.addRule("pattern", pattern);
            return !machine.rulesForJSONEvent(tree).isEmpty();
        } catch (Exception e) {
            throw EventBridgeErrors.validation("Parameter Event is not valid.");
        }
    }
}
