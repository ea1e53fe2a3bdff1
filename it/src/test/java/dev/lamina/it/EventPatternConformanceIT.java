package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every recorded {@code pattern} and {@code pattern-invalid} conformance case (read from
 * ../shared/conformance/eventbridge/cases.json at test time), through TestEventPattern on the real
 * server with the SDK: the Result AWS gave, or the error code AWS answered.
 */
class EventPatternConformanceIT extends ServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    static EventBridgeClient events;

    @BeforeAll
    static void client() {
        events = EventBridgeTesting.events(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        events.close();
    }

    static List<JsonNode> cases(String kind) throws IOException {
        JsonNode all = JSON.readTree(Files.readString(EventBridgeTesting.conformanceCases())).path("cases");
        List<JsonNode> selected = new ArrayList<>();
        all.forEach(c -> {
            if (c.path("kind").asText().equals(kind)) {
                selected.add(c);
            }
        });
        return selected;
    }

    @TestFactory
    Stream<DynamicTest> patternsMatchAsOnAws() throws IOException {
        List<JsonNode> cases = cases("pattern");
        assertThat(cases).as("recorded pattern cases").isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> {
            boolean result = events.testEventPattern(b -> b.eventPattern(c.path("pattern").asText())
                    .event(c.path("event").asText())).result();
            assertThat(result).as("TestEventPattern of %s", c.path("id").asText())
                    .isEqualTo(c.path("expected").asBoolean());
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidPatternsAndEventsFailAsOnAws() throws IOException {
        List<JsonNode> cases = cases("pattern-invalid");
        assertThat(cases).as("recorded invalid pattern cases").isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () ->
                assertThatThrownBy(() -> events.testEventPattern(b -> b.eventPattern(c.path("pattern").asText())
                        .event(c.path("event").asText())))
                        .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(c.path("expected_error").asText());
                            assertThat(e.statusCode()).isEqualTo(400);
                        })));
    }
}
