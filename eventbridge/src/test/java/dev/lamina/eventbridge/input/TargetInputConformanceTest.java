package dev.lamina.eventbridge.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.target.Target;
import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every input-related {@code delivery} case recorded against AWS (../shared/conformance/eventbridge,
 * read at test time): PutTargets' check fails with the recorded code, and each target's rendering
 * of the case's events is exactly what AWS delivered (nothing where AWS delivered nothing).
 */
class TargetInputConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BUS = "conformance-bus";
    static final String RULE = "conformance-rule";
    static final String RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/" + BUS + "/" + RULE;

    @TestFactory
    List<DynamicTest> inputCasesRenderAsAwsDelivered() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : JSON.readTree(Files.readString(cases())).path("cases")) {
            if (!c.path("kind").asText().equals("delivery")) {
                continue;
            }
            int n = 0;
            for (JsonNode t : c.path("targets")) {
                if (!(t.has("input") || t.has("input_path") || t.has("input_transformer"))) {
                    continue;
                }
                Target target = target(t, "t" + n++);
                tests.add(DynamicTest.dynamicTest(c.path("id").asText() + " target " + target.id(), () -> {
                    JsonNode error = c.path("put_targets_error");
                    if (error.isObject()) {
                        assertThatThrownBy(() -> TargetInput.check(target)).isInstanceOf(ServiceException.class)
                                .satisfies(e -> assertThat(((ServiceException) e).code())
                                        .isEqualTo(error.path("code").asText()))
                                .hasMessage(error.path("aws_message").asText().replace("<target-id>", target.id()));
                        return;
                    }
                    TargetInput.check(target);
                    List<String> bodies = new ArrayList<>();
                    for (JsonNode entry : c.path("entries")) {
                        TargetInput.render(target, envelope(entry).toString(),
                                new TargetInput.Source(RULE_ARN, RULE, Instant.now())).ifPresent(bodies::add);
                    }
                    JsonNode expect = t.path("expect");
                    assertThat(bodies).hasSize(expect.size());
                    for (int i = 0; i < expect.size(); i++) {
                        assertDelivered(bodies.get(i), expect.get(i));
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests;
    }

    static Target target(JsonNode t, String id) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Id", id).put("Arn", switch (t.path("type").asText()) {
            case "sqs" -> "arn:aws:sqs:us-east-1:000000000000:conformance-queue";
            case "lambda" -> "arn:aws:lambda:us-east-1:000000000000:function:conformance";
            default -> "arn:aws:events:us-east-1:000000000000:event-bus/conformance-other";
        });
        if (t.has("input")) {
            doc.put("Input", t.path("input").isTextual() ? t.path("input").asText() : t.path("input").toString());
        }
        if (t.has("input_path")) {
            doc.put("InputPath", t.path("input_path").asText());
        }
        if (t.has("input_transformer")) {
            doc.set("InputTransformer", t.path("input_transformer"));
        }
        return Target.of(doc);
    }

    /** The event AWS builds from a PutEvents entry (no Time given: now). */
    static ObjectNode envelope(JsonNode entry) throws IOException {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("version", "0").put("id", "6f1a9e2c-0000-4000-8000-000000000001")
                .put("detail-type", entry.path("DetailType").asText()).put("source", entry.path("Source").asText())
                .put("account", "000000000000").put("time", "2026-12-07T19:00:00Z").put("region", "us-east-1");
        ArrayNode resources = e.putArray("resources");
        entry.path("Resources").forEach(resources::add);
        e.set("detail", JSON.readTree(entry.path("Detail").asText("{}")));
        return e;
    }

    static void assertDelivered(String body, JsonNode expect) throws IOException {
        if (expect.has("text")) {
            assertThat(body).isEqualTo(expect.path("text").asText());
        } else {
            assertMatches(JSON.readTree(body), expect.path("json"), "$");
        }
    }

    /** Equal JSON, where the expectation's placeholders ({@code <uuid>}, {@code <time>}, …) stand for their kind of value. */
    static void assertMatches(JsonNode actual, JsonNode expected, String at) {
        if (expected.isTextual() && expected.asText().matches("<[a-z-]+>")) {
            String v = actual.asText();
            switch (expected.asText()) {
                case "<uuid>" -> assertThat(v).as(at).isNotEmpty();
                case "<time>" -> assertThat(v).as(at).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                case "<account>" -> assertThat(v).as(at).isEqualTo("000000000000");
                case "<region>" -> assertThat(v).as(at).isEqualTo("us-east-1");
                case "<rule-name>" -> assertThat(v).as(at).isEqualTo(RULE);
                case "<bus-name>" -> assertThat(v).as(at).isEqualTo(BUS);
                case "<rule-arn>" -> assertThat(v).as(at).isEqualTo(RULE_ARN);
                default -> assertThat(v).as(at).isEqualTo(expected.asText());
            }
            return;
        }
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(at).isTrue();
            assertThat(iterable(actual.fieldNames())).as(at).containsExactlyInAnyOrderElementsOf(iterable(expected.fieldNames()));
            for (Map.Entry<String, JsonNode> e : expected.properties()) {
                assertMatches(actual.get(e.getKey()), e.getValue(), at + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as(at).isTrue();
            assertThat(actual.size()).as(at).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(actual.get(i), expected.get(i), at + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(at).isEqualTo(expected);
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** ../shared/conformance/eventbridge/cases.json beside the repository (as EventBridgeTesting finds it). */
    static Path cases() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path cases = p.resolveSibling("shared").resolve("conformance/eventbridge/cases.json");
            if (Files.isRegularFile(cases)) {
                return cases;
            }
        }
        throw new IllegalStateException("../shared/conformance/eventbridge/cases.json not found");
    }

}
