package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.Definitions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded AWS cases whose machines are only JSONPath Pass, Choice, Wait, Succeed, Fail, Map and
 * Parallel states (the Choice operator tables, the intrinsic functions, and the base, assign and
 * context-object scenarios of that shape), run through {@link JsonPathMachine} and compared with
 * what AWS returned. Read from ../shared at test time, never copied.
 */
class JsonPathConformanceTest {
    /** Cases that exercise the engine rather than the dataflow, with the reason. */
    private static final Map<String, String> ENGINE_ONLY = Map.of(
            "c525910b49", "OutputPath $$ returns the whole context object, which the engine builds",
            "a8be3367c9", "States.DataLimitExceeded is the engine's payload-size check");

    @TestFactory
    List<DynamicTest> recordedCasesGiveAwsOutputs() throws IOException {
        Path dir = conformanceDir();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Paths.JSON.readTree(dir.resolve("cases.json").toFile()).get("cases")) {
            String id = c.get("id").asText();
            String definitionText = Files.readString(dir.resolve(c.get("definition").asText()));
            if (!c.get("functions").isEmpty() || ENGINE_ONLY.containsKey(id) || !onlyDataStates(definitionText)) {
                continue;
            }
            String test = c.get("test").asText();
            tests.add(DynamicTest.dynamicTest(id + " " + test.substring(test.indexOf("::") + 2), () -> {
                JsonNode input = Paths.JSON.readTree(Files.readString(dir.resolve(c.get("input").asText())));
                JsonNode expected = Paths.JSON.readTree(dir.resolve(c.get("expected").asText()).toFile());
                Definition definition = Definitions.parse(definitionText);
                JsonPathMachine.Result result = new JsonPathMachine(input).run(definition, input);
                check(expected, result);
            }));
        }
        assertThat(tests).hasSizeGreaterThan(System.getProperty(OTHER_CASES) == null ? 150 : 0);
        return tests;
    }

    private static void check(JsonNode expected, JsonPathMachine.Result result) {
        if (expected.get("status").asText().equals("SUCCEEDED")) {
            assertThat(result.error()).as("error").isNull();
            assertThat(Expectations.matches(expected.get("output"), result.output()))
                    .as("output %s, expected %s", result.output(), expected.get("output")).isTrue();
            return;
        }
        assertThat(result.error()).as("an error, expected %s", expected.get("error")).isNotNull();
        String error = result.error().error().isEmpty() ? null : result.error().error();
        assertThat(error).isEqualTo(expected.path("error").isMissingNode() ? null : expected.path("error").textValue());
        JsonNode cause = expected.get("cause");
        if (cause == null || cause.isNull()) {
            assertThat(result.error().cause()).isEmpty();
        } else {
            String actual = result.error().cause().orElse("");
            assertThat(Expectations.matches(cause, Paths.JSON.getNodeFactory().textNode(actual)))
                    .as("cause %s, expected %s", actual, cause).isTrue();
        }
    }

    /** No Task, no JSONata: what the dataflow alone decides. */
    private static boolean onlyDataStates(String definition) {
        return !definition.contains("\"Task\"") && !definition.contains("JSONata");
    }

    /** A folder of cases in the same layout to run instead (e.g. more recordings), for a developer's run. */
    private static final String OTHER_CASES = "lamina.jsonpath.cases";

    static Path conformanceDir() {
        if (System.getProperty(OTHER_CASES) != null) {
            return Path.of(System.getProperty(OTHER_CASES));
        }
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path dir = p.resolveSibling("shared").resolve("conformance/stepfunctions");
            if (Files.isRegularFile(dir.resolve("cases.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("../shared/conformance/stepfunctions/cases.json not found above " + root);
    }
}
