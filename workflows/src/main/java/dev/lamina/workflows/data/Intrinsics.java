package dev.lamina.workflows.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.data.IntrinsicParser.Call;
import dev.lamina.workflows.data.IntrinsicParser.Expr;
import dev.lamina.workflows.data.IntrinsicParser.Literal;
import dev.lamina.workflows.data.IntrinsicParser.PathRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates intrinsic functions (AWS's list, with AWS's argument rules and limits). Paths in
 * arguments read the same input, context and variables as the payload template around them. A
 * malformed call or bad arguments is States.IntrinsicFailure; a path argument that matches nothing
 * is States.Runtime, as for any payload template path.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_CHARACTERS = 10_000;
    private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private Intrinsics() {
    }

    /** Evaluates {@code text} (a {@code .$} value starting with {@code States.}) for the field {@code field}. */
    static JsonNode evaluate(String text, String field, JsonNode input, Scope scope, Failures.Where where)
            throws StatesError {
        Call call;
        try {
            call = IntrinsicParser.parse(text);
        } catch (IntrinsicParser.Invalid e) {
            throw where.intrinsic(e.getMessage());
        }
        return new Intrinsics.Run(text, field, input, scope, where).call(call);
    }

    private record Run(String text, String field, JsonNode input, Scope scope, Failures.Where where) {
        JsonNode value(Expr e) throws StatesError {
            return switch (e) {
                case Literal l -> l.value();
                case PathRef p -> {
                    try {
                        yield Paths.read(p.path(), input, scope);
                    } catch (Paths.NotFound nf) {
                        throw where.pathNotFound(p.path(), field, input);
                    }
                }
                case Call c -> call(c);
            };
        }

        StatesError fail(Call c, String why) {
            return where.intrinsic("The Intrinsic function States." + c.name() + " " + why + " in '" + text + "'");
        }

        void arity(Call c, List<JsonNode> args, int min, int max) throws StatesError {
            if (args.size() < min || args.size() > max) {
                String expected = min == max ? String.valueOf(min) : min + " to " + max;
                throw fail(c, "expects " + expected + " arguments, but received " + args.size());
            }
        }

        String string(Call c, JsonNode v, int n) throws StatesError {
            if (!v.isTextual()) {
                throw fail(c, "expects argument " + n + " to be a string, but received " + v);
            }
            return v.asText();
        }

        /** MathAdd and MathRandom round non-integers to the nearest integer, as AWS documents. */
        long rounded(Call c, JsonNode v, int n) throws StatesError {
            if (!v.isNumber()) {
                throw fail(c, "expects argument " + n + " to be a number, but received " + v);
            }
            // Java's rounding (AWS is written in Java): halves go up, -2.5 to -2.
            long r = Math.round(v.asDouble());
            if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
                throw fail(c, "expects argument " + n + " to be between -2147483648 and 2147483647, but received " + v);
            }
            return r;
        }

        JsonNode call(Call c) throws StatesError {
            List<JsonNode> a = new ArrayList<>();
            for (Expr e : c.args()) {
                a.add(value(e));
            }
            switch (c.name()) {
                case "Format":
                    if (a.isEmpty()) {
                        throw fail(c, "expects at least 1 argument, but received 0");
                    }
                    return NODES.textNode(format(c, a));
                case "StringToJson": {
                    arity(c, a, 1, 1);
                    String s = string(c, a.get(0), 1);
                    if (s.isBlank()) {
                        return NODES.nullNode();
                    }
                    try {
                        return Paths.JSON.readTree(s);
                    } catch (JsonProcessingException e) {
                        throw fail(c, "could not parse its argument as JSON: " + s);
                    }
                }
                case "JsonToString":
                    arity(c, a, 1, 1);
                    return NODES.textNode(a.get(0).toString());
                case "Array": {
                    ArrayNode out = NODES.arrayNode();
                    a.forEach(out::add);
                    return out;
                }
                case "JsonMerge": {
                    arity(c, a, 3, 3);
                    if (!a.get(0).isObject() || !a.get(1).isObject()) {
                        throw fail(c, "expects its first two arguments to be JSON objects");
                    }
                    if (!a.get(2).isBoolean()) {
                        throw fail(c, "expects argument 3 to be a boolean, but received " + a.get(2));
                    }
                    if (a.get(2).asBoolean()) {
                        throw fail(c, "supports only shallow merging: argument 3 must be false");
                    }
                    ObjectNode merged = ((ObjectNode) a.get(0)).deepCopy();
                    merged.setAll((ObjectNode) a.get(1).deepCopy());
                    return merged;
                }
                case "MathRandom": {
                    arity(c, a, 2, 3);
                    long start = rounded(c, a.get(0), 1);
                    long end = rounded(c, a.get(1), 2);
                    java.util.Random random = a.size() == 3 ? new java.util.Random(rounded(c, a.get(2), 3))
                            : java.util.concurrent.ThreadLocalRandom.current();
                    if (end < start) {
                        throw fail(c, "expects its start to be at most its end");
                    }
                    return NODES.numberNode((int) (start + random.nextLong(end - start + 1)));
                }
                case "MathAdd": {
                    arity(c, a, 2, 2);
                    long sum = rounded(c, a.get(0), 1) + rounded(c, a.get(1), 2);
                    return sum == (int) sum ? NODES.numberNode((int) sum) : NODES.numberNode(sum);
                }
                case "StringSplit": {
                    arity(c, a, 2, 2);
                    java.util.StringTokenizer t = new java.util.StringTokenizer(string(c, a.get(0), 1),
                            string(c, a.get(1), 2));
                    ArrayNode out = NODES.arrayNode();
                    while (t.hasMoreTokens()) {
                        out.add(t.nextToken());
                    }
                    return out;
                }
                case "UUID":
                    arity(c, a, 0, 0);
                    return NODES.textNode(UUID.randomUUID().toString());
                case "Base64Encode": {
                    arity(c, a, 1, 1);
                    String s = limited(c, string(c, a.get(0), 1));
                    return NODES.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
                }
                case "Base64Decode": {
                    arity(c, a, 1, 1);
                    String s = limited(c, string(c, a.get(0), 1));
                    try {
                        return NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw fail(c, "expects a base64-encoded string, but received " + s);
                    }
                }
                case "Hash": {
                    arity(c, a, 2, 2);
                    String data = limited(c, string(c, a.get(0), 1));
                    String algorithm = string(c, a.get(1), 2);
                    if (!HASHES.contains(algorithm)) {
                        throw fail(c, "does not support the algorithm " + algorithm
                                + " (use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
                    }
                    try {
                        byte[] d = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
                        return NODES.textNode(HexFormat.of().formatHex(d));
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                }
                default:
                    return IntrinsicArrays.call(this::fail, c, a);
            }
        }

        private String limited(Call c, String s) throws StatesError {
            if (s.length() > MAX_CHARACTERS) {
                throw fail(c, "expects at most " + MAX_CHARACTERS + " characters, but received " + s.length());
            }
            return s;
        }

        /** {@code {}} placeholders take the arguments in order; {@code \{ \} \' \\} are literal characters. */
        private String format(Call c, List<JsonNode> a) throws StatesError {
            Expr first = c.args().get(0);
            String template;
            if (first instanceof Literal l && a.get(0).isTextual()) {
                template = l.raw();
            } else {
                template = string(c, a.get(0), 1);
            }
            StringBuilder out = new StringBuilder();
            int next = 1;
            for (int i = 0; i < template.length(); i++) {
                char ch = template.charAt(i);
                if (ch == '\\' && i + 1 < template.length()) {
                    out.append(template.charAt(++i));
                } else if (ch == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    if (next >= a.size()) {
                        throw fail(c, "has more placeholders than arguments");
                    }
                    render(a.get(next++), out);
                    i++;
                } else {
                    out.append(ch);
                }
            }
            if (next != a.size()) {
                throw fail(c, "has more arguments than placeholders");
            }
            return out.toString();
        }
    }

    /**
     * A Format argument as AWS prints it, which is Java's toString of the parsed value: strings
     * as they are, arrays {@code [1, a]}, objects {@code {k=v, n=1}}, other values as JSON.
     */
    static void render(JsonNode v, StringBuilder out) {
        if (v.isTextual()) {
            out.append(v.asText());
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                render(v.get(i), out);
            }
            out.append(']');
        } else if (v.isObject()) {
            out.append('{');
            boolean first = true;
            for (var f : v.properties()) {
                out.append(first ? "" : ", ").append(f.getKey()).append('=');
                render(f.getValue(), out);
                first = false;
            }
            out.append('}');
        } else {
            out.append(v);
        }
    }

    /** How IntrinsicArrays reports a bad argument. */
    @FunctionalInterface
    interface Fail {
        StatesError of(Call c, String why);
    }
}
