package dev.lamina.eventbridge.input;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.target.Target;
import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetInputTest {
    static final String SQS = "arn:aws:sqs:us-east-1:000000000000:q";
    static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:f";
    static final String EVENT = """
            {"version":"0","id":"e1","detail-type":"Order Placed","source":"shop","account":"000000000000",\
            "time":"2026-12-07T10:00:00Z","region":"us-east-1","resources":["arn:x"],\
            "detail":{"id":7,"name":"a\\"b","items":[{"sku":"s1","n":1},{"sku":"s2","n":2}],"flag":false,"none":null}}""";
    static final TargetInput.Source SOURCE = new TargetInput.Source(
            "arn:aws:events:us-east-1:000000000000:rule/r", "r", Instant.parse("2026-12-07T10:00:01.250Z"));

    static Target target(String arn, Map<String, Object> members) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Id", "t1").put("Arn", arn);
        members.forEach((k, v) -> {
            if (v instanceof String s) {
                doc.put(k, s);
            } else {
                doc.set(k, new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(v));
            }
        });
        return Target.of(doc);
    }

    static Target transformer(String arn, Map<String, String> paths, String template) {
        return target(arn, Map.of("InputTransformer", Map.of("InputPathsMap", paths, "InputTemplate", template)));
    }

    static Optional<String> render(Target t) {
        return TargetInput.render(t, EVENT, SOURCE);
    }

    private static void rejected(Target t, String message) {
        assertThatThrownBy(() -> TargetInput.check(t)).isInstanceOf(ServiceException.class).hasMessage(message)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo("ValidationException"));
    }

    @Test
    void twoOfInputInputPathAndTransformerAreRejected() {
        rejected(target(SQS, Map.of("Input", "{}", "InputPath", "$.detail")),
                "Only one of Input, InputPath, or InputTransformer must be provided for target t1.");
    }

    @Test
    void inputMustBeJson() {
        rejected(target(SQS, Map.of("Input", "{not json")), "Input for target t1 is not a valid JSON text.");
        rejected(target(SQS, Map.of("Input", "{} {}")), "Input for target t1 is not a valid JSON text.");
        TargetInput.check(target(SQS, Map.of("Input", "\"text\"")));
    }

    @Test
    void pathsMustBeInEventBridgesSubset() {
        for (String bad : new String[]{"detail", "$..id", "$.", "$.a[x]", "$['a']", "$.a b", "$.a[1"}) {
            rejected(target(SQS, Map.of("InputPath", bad)), "InputPath for target t1 is an invalid JSONPath.");
        }
        for (String good : new String[]{"$", "$.detail", "$.detail-type", "$.detail.items[0].sku", "$.detail.items[*].sku",
                "$.detail.*", "$.a/b_c"}) {
            TargetInput.check(target(SQS, Map.of("InputPath", good)));
        }
        rejected(transformer(SQS, Map.of("k", "detail.x"), "<k>"),
                "InputPathsMap for target t1 contains invalid JSONPath detail.x for key k.");
    }

    @Test
    void placeholdersMustBeDefinedOrReserved() {
        rejected(transformer(SQS, Map.of("a", "$.detail.id"), "\"<a> <b>\""),
                "InputTemplate for target t1 contains invalid placeholder b.");
        TargetInput.check(transformer(SQS, Map.of("a", "$.detail.id"),
                "{\"a\": <a>, \"arn\": <aws.events.rule-arn>, \"e\": <aws.events.event>, \"x\": \"1 < 2\"}"));
    }

    @Test
    void pathsMapKeysAreBounded() {
        rejected(transformer(SQS, Map.of("bad key", "$.detail"), "\"x\""),
                "InputPathsMap for target t1 contains invalid key bad key.");
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i <= 100; i++) {
            many.put("k" + i, "$.detail");
        }
        rejected(transformer(SQS, many, "\"x\""), "InputPathsMap for target t1 has more than 100 entries.");
    }

    @Test
    void withoutInputSettingsTheEventIsDelivered() {
        assertThat(render(target(LAMBDA, Map.of()))).contains(EVENT);
        assertThat(render(target(LAMBDA, Map.of("Input", "{\"a\": 1}")))).contains("{\"a\": 1}");
    }

    @Test
    void inputPathSelectsJson() {
        assertThat(render(target(SQS, Map.of("InputPath", "$.detail.items[1].sku")))).contains("\"s2\"");
        assertThat(render(target(SQS, Map.of("InputPath", "$.detail.items[*].n")))).contains("[1,2]");
        assertThat(render(target(SQS, Map.of("InputPath", "$.detail.flag")))).contains("false");
        assertThat(render(target(SQS, Map.of("InputPath", "$.detail.missing")))).isEmpty();
    }

    @Test
    void valuePositionGetsJsonAndStringPositionGetsRawText() {
        Target t = transformer(LAMBDA, Map.of("id", "$.detail.id", "items", "$.detail.items", "flag", "$.detail.flag",
                        "none", "$.detail.none", "gone", "$.detail.gone"),
                "{ \"id\": <id>, \"s\": \"#<id> <flag>\", \"items\": <items>, \"flag\": <flag>, \"none\": <none>, \"gone\": <gone>, \"g\": \"[<gone>]\" }");
        assertThat(render(t)).contains("{\"id\":7,\"s\":\"#7 false\",\"items\":[{\"sku\":\"s1\",\"n\":1},{\"sku\":\"s2\",\"n\":2}],"
                + "\"flag\":false,\"none\":null,\"gone\":\"\",\"g\":\"[]\"}");
    }

    @Test
    void stringTemplatesStripQuotesFromListsAndObjects() {
        Target t = transformer(SQS, Map.of("items", "$.detail.items", "src", "$.source"), "\"<src>: <items>\"");
        assertThat(render(t)).contains("\"shop: [{sku:s1,n:1},{sku:s2,n:2}]\"");
    }

    @Test
    void extractedValuesAreNotEscapedSoQuotesCanBreakJson() {
        Target t = transformer(LAMBDA, Map.of("name", "$.detail.name"), "{\"name\": \"<name>\"}");
        assertThat(render(t)).isEmpty();
        Target asValue = transformer(LAMBDA, Map.of("name", "$.detail.name"), "{\"name\": <name>}");
        assertThat(render(asValue)).contains("{\"name\":\"a\\\"b\"}");
    }

    @Test
    void freeTextGoesToSqsRawButIsDroppedForLambda() {
        Map<String, String> paths = Map.of("src", "$.source");
        assertThat(render(transformer(SQS, paths, "<src> said hello"))).contains("shop said hello");
        assertThat(render(transformer(LAMBDA, paths, "<src> said hello"))).isEmpty();
        assertThat(render(transformer(LAMBDA, paths, "\"<src> said hello\""))).contains("\"shop said hello\"");
    }

    @Test
    void reservedPlaceholdersDescribeRuleAndEvent() {
        Target t = transformer(SQS, Map.of(),
                "{\"arn\": <aws.events.rule-arn>, \"name\": \"<aws.events.rule-name>\", \"at\": <aws.events.event.ingestion-time>,"
                        + " \"e\": <aws.events.event>, \"j\": <aws.events.event.json>}");
        String body = render(t).orElseThrow();
        assertThat(body).startsWith("{\"arn\":\"arn:aws:events:us-east-1:000000000000:rule/r\",\"name\":\"r\","
                + "\"at\":\"2026-12-07T10:00:01Z\",\"e\":{\"version\":\"0\",\"id\":\"e1\",\"detailType\":\"Order Placed\",");
        assertThat(body).doesNotContain("\"e\":{\"detail\"").contains("\"j\":{\"version\":\"0\"").contains("\"detail\":{\"id\":7");
    }

    @Test
    void placeholdersNeverSeenAsSuchStayLiteral() {
        assertThat(Template.placeholders("a < b <c> <> d >")).extracting(Template.Placeholder::name).containsExactly("c");
    }

    @Test
    void hostileTemplatesAndEventsNeverThrow() {
        Target t = transformer(LAMBDA, Map.of("a", "$.detail"), "{\"x\": <a>" + "[".repeat(5000));
        assertThat(render(t)).isEmpty();
        assertThat(TargetInput.render(target(SQS, Map.of("InputPath", "$.a")), "[".repeat(100_000), SOURCE)).isEmpty();
        assertThat(TargetInput.render(t, "not json", null)).isEmpty();
    }
}
