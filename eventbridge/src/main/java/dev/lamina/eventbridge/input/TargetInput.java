package dev.lamina.eventbridge.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.target.InputTransformer;
import dev.lamina.eventbridge.target.Target;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a rule's target receives for an event: the event itself, its Input (as is), the part its
 * InputPath selects, or its InputTransformer's rendering, with AWS's quoting rules (see
 * {@link Template}).
 */
public final class TargetInput {
    /** The placeholders every InputTemplate may use without defining them. */
    static final Set<String> RESERVED = Set.of("aws.events.rule-arn", "aws.events.rule-name",
            "aws.events.event.ingestion-time", "aws.events.event", "aws.events.event.json");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final int MAX_KEYS = 100;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TargetInput() {
    }

    /**
     * Who delivers the event, for the reserved placeholders: the rule's ARN and name, and when
     * EventBridge took the event in ({@code <aws.events.event.ingestion-time>}).
     */
    public record Source(String ruleArn, String ruleName, Instant ingestionTime) {
        public Source {
            Objects.requireNonNull(ruleArn);
            Objects.requireNonNull(ruleName);
            Objects.requireNonNull(ingestionTime);
        }
    }

    /**
     * Checks a target's input settings as PutTargets does (at most one of Input, InputPath,
     * InputTransformer; Input valid JSON; paths in EventBridge's JSON path subset; at most 100
     * InputPathsMap keys, each of letters, digits, {@code _} and {@code -}; every placeholder of the
     * InputTemplate defined or reserved): a ValidationException with AWS's message otherwise.
     */
    public static void check(Target target) {
        String id = target.id();
        int given = (target.input().isPresent() ? 1 : 0) + (target.inputPath().isPresent() ? 1 : 0)
                + (target.inputTransformer().isPresent() ? 1 : 0);
        if (given > 1) {
            throw EventBridgeErrors.validation(
                    "Only one of Input, InputPath, or InputTransformer must be provided for target " + id + ".");
        }
        target.input().ifPresent(input -> {
            if (parse(input).isEmpty()) {
                throw EventBridgeErrors.validation("Input for target " + id + " is not a valid JSON text.");
            }
        });
        target.inputPath().ifPresent(path -> {
            if (JsonPath.parse(path).isEmpty()) {
                throw EventBridgeErrors.validation("InputPath for target " + id + " is an invalid JSONPath.");
            }
        });
        target.inputTransformer().ifPresent(t -> checkTransformer(id, t));
    }

    private static void checkTransformer(String id, InputTransformer t) {
        if (t.inputPathsMap().size() > MAX_KEYS) {
            throw EventBridgeErrors.validation("InputPathsMap for target " + id
                    + " has more than " + MAX_KEYS + " entries.");
        }
        for (Map.Entry<String, String> e : t.inputPathsMap().entrySet()) {
            String key = e.getKey();
            if (key.length() > 256 || !KEY.matcher(key).matches()) {
                throw EventBridgeErrors.validation("InputPathsMap for target " + id + " contains invalid key " + key + ".");
            }
            if (JsonPath.parse(e.getValue()).isEmpty()) {
                throw EventBridgeErrors.validation("InputPathsMap for target " + id + " contains invalid JSONPath "
                        + e.getValue() + " for key " + key + ".");
            }
        }
        for (Template.Placeholder p : Template.placeholders(t.inputTemplate())) {
            if (!t.inputPathsMap().containsKey(p.name()) && !RESERVED.contains(p.name())) {
                throw EventBridgeErrors.validation("InputTemplate for target " + id
                        + " contains invalid placeholder " + p.name() + ".");
            }
        }
    }

    /**
     * The body {@code target} receives for {@code event} (the envelope's JSON text); the reserved
     * rule placeholders render empty and the ingestion time is the event's {@code time}. Prefer
     * {@link #render(Target, String, Source)} where the rule is known.
     */
    public static Optional<String> render(Target target, String event) {
        return render(target, event, null);
    }

    /**
     * The body {@code target} receives for {@code event} (the envelope's JSON text, as checked by
     * {@link #check}), or empty when nothing must be delivered: an InputPath that reaches nothing,
     * an InputTransformer whose JSON template renders invalid JSON (AWS drops it for every target),
     * or a rendering that is not JSON for a target that takes only JSON (anything but an SQS queue:
     * a Lambda function, a state machine, an event bus).
     *
     * @param source the rule delivering; null when unknown
     */
    public static Optional<String> render(Target target, String event, Source source) {
        if (target.input().isPresent()) {
            return target.input();
        }
        if (target.inputPath().isEmpty() && target.inputTransformer().isEmpty()) {
            return Optional.of(event);
        }
        JsonNode root = parse(event).orElse(null);
        if (root == null) {
            return Optional.empty();
        }
        if (target.inputPath().isPresent()) {
            return JsonPath.parse(target.inputPath().get()).flatMap(p -> p.select(root)).map(JsonNode::toString);
        }
        InputTransformer transformer = target.inputTransformer().get();
        String template = transformer.inputTemplate();
        Map<String, JsonNode> values = new HashMap<>();
        transformer.inputPathsMap().forEach((name, path) ->
                JsonPath.parse(path).flatMap(p -> p.select(root)).ifPresent(v -> values.put(name, v)));
        reserved(root, source).forEach(values::put);
        String filled = Template.fill(template, values,
                name -> transformer.inputPathsMap().containsKey(name) || RESERVED.contains(name));
        if (Template.isJson(template)) {
            // AWS passes a JSON template's output minified, and drops it when it is not JSON
            return parse(filled).map(JsonNode::toString);
        }
        if (takesOnlyJson(target) && parse(filled).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(filled);
    }

    /** SQS takes any text; Lambda functions, state machines and buses take JSON. */
    static boolean takesOnlyJson(Target target) {
        return !target.arn().startsWith("arn:aws:sqs:");
    }

    private static Map<String, JsonNode> reserved(JsonNode event, Source source) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> values = new HashMap<>();
        values.put("aws.events.rule-arn", f.textNode(source == null ? "" : source.ruleArn()));
        values.put("aws.events.rule-name", f.textNode(source == null ? "" : source.ruleName()));
        values.put("aws.events.event.ingestion-time", source == null ? event.path("time")
                : f.textNode(source.ingestionTime().truncatedTo(ChronoUnit.SECONDS).toString()));
        if (event.isObject()) {
            // <aws.events.event>: the envelope without its detail, detail-type spelled detailType
            ObjectNode copy = f.objectNode();
            event.properties().forEach(e -> {
                if (!e.getKey().equals("detail")) {
                    copy.set(e.getKey().equals("detail-type") ? "detailType" : e.getKey(), e.getValue());
                }
            });
            values.put("aws.events.event", copy);
        }
        values.put("aws.events.event.json", event);
        return values;
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
