package dev.lamina.control.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an IAM policy document and checks it completely before anything is stored: only the known
 * elements, Version 2012-10-17 or 2008-10-17, Effect Allow or Deny, Action or NotAction (never both)
 * with {@code service:action} patterns, Resource or NotResource with ARNs or {@code *}, Principal
 * exactly in resource-based policies, and the condition operators {@link Condition} knows.
 */
public final class PolicyParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private PolicyParser() {
    }

    public static PolicyDocument parse(String json, PolicyDocument.Kind kind) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        unknown(root, TOP, "policy");
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual()
                && (version.textValue().equals("2012-10-17") || version.textValue().equals("2008-10-17")))) {
            throw new MalformedPolicyException("The policy must contain a valid version string");
        }
        Optional<String> id = optionalText(root, "Id");
        JsonNode statements = root.get("Statement");
        if (statements == null || statements.isNull()) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        if (list.isEmpty()) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<Statement> out = new ArrayList<>();
        Set<String> sids = new java.util.HashSet<>();
        for (JsonNode s : list) {
            Statement st = statement(s, kind);
            if (st.sid().isPresent() && !sids.add(st.sid().get())) {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique");
            }
            out.add(st);
        }
        return new PolicyDocument(kind, id, out);
    }

    private static Statement statement(JsonNode s, PolicyDocument.Kind kind) {
        if (!s.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        unknown(s, STATEMENT, "statement");
        Optional<String> sid = optionalText(s, "Sid");
        sid.ifPresent(v -> {
            if (!v.matches("[A-Za-z0-9 _.,:-]*")) {
                throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. Check that your input"
                        + " satisfies the regular expression [A-Za-z0-9 _.,:-]*");
            }
        });
        Effect effect = switch (optionalText(s, "Effect").orElse("")) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            case "" -> throw new MalformedPolicyException("Missing required field Effect");
            default -> throw new MalformedPolicyException("Invalid effect: " + s.get("Effect").asText());
        };
        Matcher actions = oneOf(s, "Action", "NotAction", true);
        for (String a : actions.patterns()) {
            if (!a.equals("*") && !a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam,"
                        + " sdb, ec2, etc.");
            }
        }
        Matcher resources = oneOf(s, "Resource", "NotResource", false);
        for (String r : resources.patterns()) {
            if (!r.equals("*") && !r.startsWith("arn:")) {
                throw new MalformedPolicyException("Resource " + r + " must be in ARN format or \"*\".");
            }
        }
        boolean hasPrincipal = s.has("Principal") || s.has("NotPrincipal");
        if (kind == PolicyDocument.Kind.IDENTITY && hasPrincipal) {
            throw new MalformedPolicyException("Policy document should not specify a principal.");
        }
        if (kind == PolicyDocument.Kind.RESOURCE && !hasPrincipal) {
            throw new MalformedPolicyException("Missing required field Principal");
        }
        Optional<Principals> principals = hasPrincipal ? Optional.of(principals(s)) : Optional.empty();
        return new Statement(sid, effect, actions, resources, principals, conditions(s.get("Condition")));
    }

    private static Matcher oneOf(JsonNode s, String positive, String negative, boolean ignoreCase) {
        if (s.has(positive) && s.has(negative)) {
            throw new MalformedPolicyException("Statement cannot contain both " + positive + " and " + negative);
        }
        if (!s.has(positive) && !s.has(negative)) {
            throw new MalformedPolicyException("Missing required field " + positive);
        }
        boolean negated = s.has(negative);
        String name = negated ? negative : positive;
        List<String> values = strings(s.get(name), name);
        if (values.isEmpty()) {
            throw new MalformedPolicyException("Missing required field " + positive);
        }
        return new Matcher(values, negated, ignoreCase);
    }

    private static Principals principals(JsonNode s) {
        boolean negated = s.has("NotPrincipal");
        if (negated && s.has("Principal")) {
            throw new MalformedPolicyException("Statement cannot contain both Principal and NotPrincipal");
        }
        JsonNode p = s.get(negated ? "NotPrincipal" : "Principal");
        if (p.isTextual() && p.textValue().equals("*")) {
            return new Principals(true, Map.of(), negated);
        }
        if (!p.isObject() || p.isEmpty()) {
            throw new MalformedPolicyException("Invalid principal in policy");
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PRINCIPAL_TYPES.contains(e.getKey())) {
                throw new MalformedPolicyException("Invalid principal in policy: " + e.getKey());
            }
            List<String> values = strings(e.getValue(), "Principal");
            for (String v : values) {
                if (e.getKey().equals("AWS") && !(v.equals("*") || v.matches("\\d{12}") || v.startsWith("arn:"))) {
                    throw new MalformedPolicyException("Invalid principal in policy: \"AWS\":\"" + v + "\"");
                }
            }
            byType.put(e.getKey(), values);
        }
        return new Principals(false, byType, negated);
    }

    private static List<Condition> conditions(JsonNode block) {
        if (block == null || block.isNull()) {
            return List.of();
        }
        if (!block.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            boolean ifExists = op.getKey().endsWith("IfExists");
            String base = ifExists ? op.getKey().substring(0, op.getKey().length() - "IfExists".length()) : op.getKey();
            if (!Condition.OPERATORS.contains(base)) {
                throw new MalformedPolicyException("Invalid Condition type : " + op.getKey());
            }
            if (!op.getValue().isObject()) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!key.getKey().matches("[A-Za-z0-9-]+:[A-Za-z0-9_/-]+")) {
                    throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam,"
                            + " sdb, ec2, etc.");
                }
                out.add(new Condition(base, ifExists, key.getKey(), strings(key.getValue(), "Condition")));
            }
        }
        return out;
    }

    /** A string, or a list of strings; numbers and booleans count as their text, as in IAM. */
    private static List<String> strings(JsonNode node, String element) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(scalar(n, element)));
        } else {
            out.add(scalar(node, element));
        }
        return out;
    }

    private static String scalar(JsonNode n, String element) {
        if (n.isTextual() || n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        throw new MalformedPolicyException("Syntax errors in policy: " + element + " must be a string or a list"
                + " of strings.");
    }

    private static Optional<String> optionalText(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new MalformedPolicyException("Syntax errors in policy: " + name + " must be a string.");
        }
        return Optional.of(v.textValue());
    }

    private static void unknown(JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new MalformedPolicyException("Syntax errors in policy: unknown field " + f + " in " + where + ".");
            }
        });
    }
}
