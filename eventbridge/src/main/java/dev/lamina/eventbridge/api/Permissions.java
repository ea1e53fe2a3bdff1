package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.rules.RuleBook;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PutPermission and RemovePermission: a bus's resource policy, given whole ({@code Policy}) or built
 * one statement at a time from Action, Principal, StatementId and Condition, as AWS writes them.
 * Stored in the bus's document and shown by DescribeEventBus; Lamina does not evaluate it yet.
 */
final class Permissions {
    private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern PRINCIPAL = Pattern.compile("\\d{12}|\\*");
    private static final Pattern ACTION = Pattern.compile("events:[a-zA-Z]+");

    private final RuleBook rules;
    private final Arns arns;

    Permissions(RuleBook rules, Arns arns) {
        this.rules = rules;
        this.arns = arns;
    }

    void register(Map<String, EventsOperations.Operation> operations) {
        operations.put("PutPermission", this::put);
        operations.put("RemovePermission", this::remove);
    }

    private JsonNode put(ObjectNode in) {
        String bus = Fields.busName(in, "EventBusName");
        Optional<String> policy = Fields.optional(in, "Policy");
        if (policy.isPresent()) {
            JsonNode doc;
            try {
                doc = Fields.JSON.readTree(policy.get());
            } catch (Exception e) {
                throw EventBridgeErrors.validation("Policy is not valid JSON.");
            }
            if (doc == null || !doc.isObject()) {
                throw EventBridgeErrors.validation("Policy is not valid JSON.");
            }
            return rules.atomically(() -> {
                ObjectNode b = existing(bus);
                b.put("Policy", doc.toString());
                b.put("LastModifiedTime", RuleBook.seconds(rules.now()));
                rules.putBus(b);
                return Fields.object();
            });
        }
        String sid = Fields.matching(Fields.required(in, "StatementId"), "StatementId", STATEMENT_ID,
                "[a-zA-Z0-9-_]+", 64);
        String principal = Fields.matching(Fields.required(in, "Principal"), "Principal", PRINCIPAL, "(\\d{12}|\\*)", 12);
        String action = Fields.matching(Fields.required(in, "Action"), "Action", ACTION, "events:[a-zA-Z]+", 64);
        if (!action.equals("events:PutEvents")) {
            throw EventBridgeErrors.validation("Provided value in parameter 'action' is not supported.");
        }
        JsonNode condition = in.get("Condition");
        boolean conditioned = condition != null && !condition.isNull();
        if (conditioned && !principal.equals("*")) {
            throw EventBridgeErrors.validation("Value of the parameter 'principal' must be '*' when the parameter"
                    + " 'condition' is set.");
        }
        ObjectNode statement = Fields.object().put("Sid", sid).put("Effect", "Allow");
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        }
        statement.put("Action", action).put("Resource", arns.bus(bus));
        if (conditioned) {
            if (!condition.path("Type").isTextual() || !condition.path("Key").isTextual()
                    || !condition.path("Value").isTextual()) {
                throw Fields.invalid(null, "Condition.Type", "Member must not be null");
            }
            statement.putObject("Condition").putObject(condition.path("Type").asText())
                    .put(condition.path("Key").asText(), condition.path("Value").asText());
        }
        return rules.atomically(() -> {
            ObjectNode b = existing(bus);
            ObjectNode doc = policy(b).orElseGet(() -> {
                ObjectNode p = Fields.object().put("Version", "2012-10-17");
                p.putArray("Statement");
                return p;
            });
            ArrayNode statements = statements(doc);
            for (JsonNode s : statements) {
                if (sid.equals(s.path("Sid").asText())) {
                    throw EventBridgeErrors.alreadyExists("Statement with the provided id already exists.");
                }
            }
            statements.add(statement);
            b.put("Policy", doc.toString());
            b.put("LastModifiedTime", RuleBook.seconds(rules.now()));
            rules.putBus(b);
            return Fields.object();
        });
    }

    private JsonNode remove(ObjectNode in) {
        String bus = Fields.busName(in, "EventBusName");
        boolean all = in.path("RemoveAllPermissions").asBoolean(false);
        Optional<String> sid = Fields.optional(in, "StatementId");
        if (!all && sid.isEmpty()) {
            throw EventBridgeErrors.validation("One of StatementId or RemoveAllPermissions must be specified.");
        }
        return rules.atomically(() -> {
            ObjectNode b = existing(bus);
            Optional<ObjectNode> doc = policy(b);
            if (doc.isEmpty()) {
                throw EventBridgeErrors.notFound("EventBus does not have a policy.");
            }
            if (all) {
                b.remove("Policy");
            } else {
                ArrayNode statements = statements(doc.get());
                ArrayNode kept = Fields.array();
                statements.forEach(s -> {
                    if (!sid.get().equals(s.path("Sid").asText())) {
                        kept.add(s);
                    }
                });
                if (kept.size() == statements.size()) {
                    throw EventBridgeErrors.notFound("Statement with the provided id does not exist.");
                }
                doc.get().set("Statement", kept);
                if (kept.isEmpty()) {
                    b.remove("Policy");
                } else {
                    b.put("Policy", doc.get().toString());
                }
            }
            b.put("LastModifiedTime", RuleBook.seconds(rules.now()));
            rules.putBus(b);
            return Fields.object();
        });
    }

    private ObjectNode existing(String bus) {
        return rules.bus(bus).orElseThrow(() -> EventBridgeErrors.notFound("Event bus " + bus + " does not exist."));
    }

    private static Optional<ObjectNode> policy(ObjectNode bus) {
        if (!bus.hasNonNull("Policy")) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) Fields.JSON.readTree(bus.get("Policy").asText()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The policy's statements as an array (a policy given whole may hold a single statement object). */
    private static ArrayNode statements(ObjectNode policy) {
        JsonNode s = policy.get("Statement");
        if (s instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = policy.putArray("Statement");
        if (s != null && s.isObject()) {
            array.add(s);
        }
        return array;
    }
}
