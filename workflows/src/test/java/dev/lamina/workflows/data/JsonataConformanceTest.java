package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.Definitions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded AWS cases ({@code ../shared/conformance/stepfunctions}, read in place) whose states are
 * all JSONata Pass, Choice, Wait, Fail, Succeed or inline Map, walked through {@link JsonataDataflow}
 * by {@link JsonataWalker}: each must end with AWS's output, or AWS's error and cause, word for word.
 */
class JsonataConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> recordedJsonataCasesEndAsOnAws() throws Exception {
        Path dir = conformanceDir();
        JsonNode index = JSON.readTree(dir.resolve("cases.json").toFile());
        Set<String> wildcards = new HashSet<>();
        index.get("wildcardWords").forEach(w -> wildcards.add(w.asText()));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : index.get("cases")) {
            Path caseDir = dir.resolve("cases").resolve(c.get("id").asText());
            String text = Files.readString(caseDir.resolve("definition.json"));
            if (!text.contains("JSONata") || c.path("functions").size() > 0) {
                continue;
            }
            Definition definition = Definitions.parse(text);
            if (!JsonataWalker.walkable(definition)) {
                continue;
            }
            JsonNode input = JSON.readTree(Files.readString(caseDir.resolve("input.json")));
            JsonNode expected = JSON.readTree(caseDir.resolve("expected.json").toFile());
            String name = c.get("id").asText() + " " + c.get("test").asText().replaceAll(".*::", "");
            tests.add(DynamicTest.dynamicTest(name, () -> check(definition, input, expected, wildcards)));
        }
        assertThat(tests).as("walkable JSONata cases").hasSizeGreaterThan(30);
        return tests;
    }

    private static void check(Definition definition, JsonNode input, JsonNode expected, Set<String> wildcards)
            throws Exception {
        JsonataWalker.Result result = new JsonataWalker().run(definition, input);
        if (expected.get("status").asText().equals("SUCCEEDED")) {
            assertThat(result.error()).as("error, cause %s", result.cause()).isEmpty();
            assertThat(matches(expected.get("output"), result.output().orElseThrow(), wildcards))
                    .as("output %s, expected %s", result.output().orElseThrow(), expected.get("output")).isTrue();
        } else {
            assertThat(result.error()).contains(expected.get("error").asText());
            JsonNode cause = expected.get("cause");
            if (cause == null || cause.isNull()) {
                assertThat(result.cause()).isEmpty();
            } else if (cause.isTextual()) {
                assertThat(result.cause()).contains(cause.asText());
            } else {
                assertThat(matches(cause, JSON.readTree(result.cause().orElseThrow()), wildcards)).isTrue();
            }
        }
    }

    /** The README's comparison: a recorded string may stand for a JSON value; wildcard words and {@code <…>} match anything. */
    static boolean matches(JsonNode expected, JsonNode actual, Set<String> wildcards) {
        if (expected.isTextual() && !actual.isTextual()) {
            try {
                return matches(JSON.readTree(expected.asText()), actual, wildcards);
            } catch (Exception e) {
                return false;
            }
        }
        if (expected.isTextual() && actual.isTextual() && !expected.asText().equals(actual.asText())) {
            try {
                JsonNode parsed = JSON.readTree(expected.asText());
                if (parsed != null && parsed.isTextual()) {
                    return leaf(parsed, actual, wildcards) == 0;
                }
            } catch (Exception e) {
                // a plain string: compared below
            }
        }
        return expected.equals((Comparator<JsonNode>) (a, b) -> leaf(a, b, wildcards), actual);
    }

    private static int leaf(JsonNode expected, JsonNode actual, Set<String> wildcards) {
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.isIntegralNumber() != actual.isIntegralNumber()) {
                return 1;
            }
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? 0 : 1;
        }
        if (expected.isTextual() && (actual.isTextual() || actual.isNumber())) {
            String e = expected.asText();
            if (wildcards.contains(e)) {
                return 0;
            }
            String pattern = Pattern.quote(e).replaceAll("<[^<>]*>", "\\\\E.*\\\\Q");
            return actual.asText().matches(pattern) ? 0 : 1;
        }
        return expected.equals(actual) ? 0 : 1;
    }

    static Path conformanceDir() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolveSibling("shared").resolve("conformance/stepfunctions");
            if (Files.isRegularFile(dir.resolve("cases.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("../shared/conformance/stepfunctions/cases.json not found");
    }
}
