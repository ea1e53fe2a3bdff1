package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated recorded definitions (fields removed, replaced by values of other types, texts cut) are
 * either accepted or refused with InvalidDefinitionException: never anything else.
 */
class DefinitionFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode[] VALUES = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.textNode("$..*"), JsonNodeFactory.instance.textNode("{% 1 + %}"),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.textNode("States.Format("),
            JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.textNode("")};

    @Test
    void mutatedDefinitionsNeverThrowAnythingButInvalidDefinition() throws Exception {
        Random random = new Random(17);
        List<Path> files = ConformanceDefinitionsTest.definitions();
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            String text = ConformanceDefinitionsTest.withTokens(Files.readString(files.get(random.nextInt(files.size()))));
            String mutated;
            if (random.nextInt(10) == 0) {
                mutated = text.substring(0, random.nextInt(text.length()));
            } else {
                JsonNode root = JSON.readTree(text);
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    mutate(root, random);
                }
                mutated = root.toString();
            }
            try {
                Definitions.parse(mutated);
            } catch (InvalidDefinitionException e) {
                assertThat(e.getMessage()).startsWith("Invalid State Machine Definition: '");
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for " + mutated, e);
            }
        }
        assertThat(refused).as("mutations refused").isGreaterThan(1000);
    }

    /** Replaces or removes one randomly chosen node. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(random.nextInt(containers.size()));
        JsonNode value = VALUES[random.nextInt(VALUES.length)];
        if (c instanceof ObjectNode o && !o.isEmpty()) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextBoolean()) {
                o.remove(name);
            } else {
                o.set(name, value);
            }
        } else if (c instanceof ArrayNode a && !a.isEmpty()) {
            a.set(random.nextInt(a.size()), value);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
