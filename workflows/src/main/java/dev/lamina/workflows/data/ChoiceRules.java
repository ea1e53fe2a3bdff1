package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSONPath Choice Rules: a data-test expression ({@code Variable} with one comparison operator),
 * or a Boolean one ({@code And}, {@code Or}, {@code Not}) of nested rules. A comparison whose
 * variable has the wrong type is false, as AWS; a variable path that matches nothing is States.Runtime,
 * except for IsPresent.
 */
final class ChoiceRules {
    private ChoiceRules() {
    }

    static boolean matches(JsonNode rule, JsonNode input, Scope scope, Failures.Where where) throws StatesError {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, input, scope, where)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, input, scope, where)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, scope, where);
        }
        String variable = rule.path("Variable").asText();
        if (rule.has("IsPresent")) {
            return Paths.present(variable, input, scope) == rule.get("IsPresent").asBoolean();
        }
        JsonNode value = read(variable, input, scope, where);
        for (Map.Entry<String, JsonNode> field : rule.properties()) {
            String op = field.getKey();
            if (op.equals("Variable") || op.equals("Next") || op.equals("Assign") || op.equals("Comment")) {
                continue;
            }
            JsonNode operand = field.getValue();
            if (op.endsWith("Path") && !op.equals("StringMatchesPath")) {
                operand = read(operand.asText(), input, scope, where);
                op = op.substring(0, op.length() - "Path".length());
            }
            return test(op, value, operand);
        }
        throw where.runtime("The choice rule has no comparison operator");
    }

    private static JsonNode read(String path, JsonNode input, Scope scope, Failures.Where where) throws StatesError {
        try {
            return Paths.read(path, input, scope);
        } catch (Paths.NotFound e) {
            throw where.runtime("Invalid path '" + path + "': The choice state's condition path references an invalid value.");
        }
    }

    static boolean test(String op, JsonNode value, JsonNode operand) {
        switch (op) {
            case "IsNull":
                return value.isNull() == operand.asBoolean();
            case "IsString":
                return value.isTextual() == operand.asBoolean();
            case "IsNumeric":
                return value.isNumber() == operand.asBoolean();
            case "IsBoolean":
                return value.isBoolean() == operand.asBoolean();
            case "IsTimestamp":
                return (value.isTextual() && Timestamps.parse(value.asText()).isPresent()) == operand.asBoolean();
            case "BooleanEquals":
                return value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
            case "StringMatches":
                return value.isTextual() && operand.isTextual() && wildcard(operand.asText()).matcher(value.asText()).matches();
            default:
                break;
        }
        for (String family : new String[]{"String", "Numeric", "Timestamp"}) {
            if (!op.startsWith(family)) {
                continue;
            }
            String comparison = op.substring(family.length());
            Optional<Integer> order = switch (family) {
                case "String" -> value.isTextual() && operand.isTextual()
                        ? Optional.of(value.asText().compareTo(operand.asText())) : Optional.empty();
                case "Numeric" -> value.isNumber() && operand.isNumber()
                        ? Optional.of(value.decimalValue().compareTo(operand.decimalValue())) : Optional.empty();
                default -> timestampOrder(value, operand);
            };
            return order.map(o -> compare(comparison, o)).orElse(false);
        }
        return false;
    }

    private static Optional<Integer> timestampOrder(JsonNode value, JsonNode operand) {
        if (!value.isTextual() || !operand.isTextual()) {
            return Optional.empty();
        }
        Optional<Instant> a = Timestamps.parse(value.asText());
        Optional<Instant> b = Timestamps.parse(operand.asText());
        return a.isPresent() && b.isPresent() ? Optional.of(a.get().compareTo(b.get())) : Optional.empty();
    }

    private static boolean compare(String comparison, int order) {
        return switch (comparison) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            case "GreaterThanEquals" -> order >= 0;
            default -> false;
        };
    }

    /** StringMatches: {@code *} is any run of characters; {@code \*} and {@code \\} are a literal star and backslash. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
