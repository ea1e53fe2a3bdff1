package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid JSON request body: first of its tree (a member's value replaced by
 * one of another type or an edge value, removed, or joined by an unknown member), then, now and
 * then, of its bytes (a character inserted or deleted, a cut, a deep nesting), so both the
 * validation and the parser are reached. Deterministic for a seed.
 */
final class JsonMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] MEMBERS = {"FunctionName", "Runtime", "Handler", "Role", "Code", "ZipFile",
        "MemorySize", "Timeout", "Environment", "Variables", "KMSKeyArn", "Architectures", "Layers", "Publish",
        "Description", "RevisionId", "CodeSha256", "Name", "FunctionVersion", "RoutingConfig",
        "AdditionalVersionWeights", "TracingConfig", "Mode", "EphemeralStorage", "Size", "LoggingConfig",
        "LogFormat", "DeadLetterConfig", "TargetArn", "VpcConfig", "SnapStart", "Tags", "PackageType", "__proto__"};
    private static final String[] STRINGS = {"", " ", "nodejs20.x", "python3.12", "java21", "provided.al2023",
        "index.handler", "../../../etc/passwd", "/", "$LATEST", "1", "-1", "999999999999", "arn:", "arn:aws:",
        "arn:aws:lambda:us-east-1:000000000000:function:fuzz-invoke", "arn:aws:iam::000000000000:role/r",
        "\u0000", "\uFFFF", "\uD83D\uDE00", "%00", "%2F..%2F", "null", "true", "x86_64", "arm64", "Active",
        "PassThrough", "JSON", "\\", "\"", "<script>"};
    private static final String PUNCTUATION = "{}[]\":,\\0a \u0000";
    private static final long[] NUMBERS = {0, -1, 1, 63, 64, 127, 128, 129, 900, 901, 3008, 10240, 10241,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};

    private final Random random;

    JsonMutator(long seed) {
        this.random = new Random(seed);
    }

    byte[] mutate(ObjectNode valid) {
        ObjectNode tree = valid.deepCopy();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            mutateTree(tree);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return random.nextInt(4) == 0 ? mutateBytes(bytes) : bytes;
    }

    private void mutateTree(ObjectNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = random.nextInt(4);
            if (op == 0 || names.isEmpty()) {
                o.set(random.nextInt(3) == 0 ? randomString() : pick(MEMBERS), randomValue(2));
            } else if (op == 1) {
                o.remove(names.get(random.nextInt(names.size())));
            } else {
                o.set(names.get(random.nextInt(names.size())), randomValue(2));
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(randomValue(2));
            } else {
                a.set(random.nextInt(a.size()), randomValue(2));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    private JsonNode randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 3 -> NODES.numberNode(random.nextBoolean() ? random.nextDouble() * 1e6 : 1e308 * (random.nextInt(3) - 1));
            case 4, 5 -> NODES.textNode(pick(STRINGS));
            case 6 -> NODES.textNode(random.nextInt(10) == 0 ? "x".repeat(70_000) : randomString());
            case 7 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(random.nextBoolean() ? pick(MEMBERS) : randomString(), randomValue(depth - 1));
                }
                yield o;
            }
        };
    }

    private byte[] mutateBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(bytes, at);
            case 1 -> splice(bytes, at, 1, new byte[0]);
            case 2 -> splice(bytes, at, 0, new byte[] {(byte) PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()))});
            case 3 -> splice(bytes, at, 0, ("[".repeat(200) + "]".repeat(200)).getBytes(StandardCharsets.US_ASCII));
            default -> {
                bytes[at] = (byte) random.nextInt(256); // possibly not UTF-8 any more
                yield bytes;
            }
        };
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private String randomString() {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            s.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x3000)));
        }
        return s.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
