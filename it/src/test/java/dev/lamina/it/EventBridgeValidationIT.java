package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EventBridge's inputs are checked against its model before anything runs, with AWS's
 * ValidationException wording (member paths in lower camel case, list elements as
 * {@code targets.1.member.id}); hostile and malformed bodies get a 4xx AWS error, never a 500.
 */
class EventBridgeValidationIT extends ServerPerClass {
    static EventBridgeClient events;

    @BeforeAll
    static void clients() {
        events = EventBridgeTesting.events(server.endpoint());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    static void refused(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOf(EventBridgeException.class)
                .satisfies(e -> {
                    EventBridgeException ex = (EventBridgeException) e;
                    assertThat(ex.statusCode()).isEqualTo(400);
                    assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void badNamesAreRefusedWithAwsWording() {
        refused(() -> events.putRule(b -> b.name("a b").eventPattern("{\"source\": [\"x\"]}")),
                "1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        refused(() -> events.createEventBus(b -> b.name("x".repeat(257))),
                "1 validation error detected: Value '" + "x".repeat(100) + "…' at 'name' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 256");
        refused(() -> events.putTargets(b -> b.rule("r").targets(t -> t.id("!@#$@!#$").arn("arn:aws:sqs:us-east-1:000000000000:q"))),
                "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    }

    @Test
    void unknownEnumValuesAreRefused() {
        refused(() -> events.putRule(b -> b.name("ok").eventPattern("{\"source\": [\"x\"]}").state("SOMETIMES")),
                "1 validation error detected: Value 'SOMETIMES' at 'state' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
    }

    @Test
    void tooManyEntriesAreRefused() {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            entries.add(PutEventsRequestEntry.builder().source("s").detailType("d").detail("{}").build());
        }
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(entries))).isInstanceOf(EventBridgeException.class)
                .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("at 'entries' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 10");
        refused(() -> events.putEvents(b -> b.entries(List.of())), "1 validation error detected: Value '[]' at 'entries'"
                + " failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void hostileAndMalformedBodiesNeverGetA500() throws Exception {
        RawHttp http = new RawHttp(server.endpoint());
        String deep = "{\"Name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        List<String> bodies = List.of("", "{", "[]", "null", "\"x\"", "{\"Name\": {\"a\": 1}}", "{\"Targets\": \"x\", \"Rule\": 1}",
                "{\"Entries\": [null, 1, \"x\", {\"Time\": {}}]}", "{\"Limit\": 1e999}", "{\"Name\": \"\\ud800\"}", deep,
                "{\"Name\": \"" + "a".repeat(1_000_000) + "\"}", "{\"Entries\": [{\"Detail\": " + deep + "}]}");
        for (String operation : List.of("PutRule", "PutTargets", "PutEvents", "CreateEventBus", "ListRules",
                "TestEventPattern", "NoSuchOperation")) {
            for (String body : bodies) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                HttpRequest request = http.request("POST", "/", Map.of("X-Amz-Target", "AWSEvents." + operation,
                                "Content-Type", "application/x-amz-json-1.1"), bytes,
                        RawHttp.Signing.root().withScope(TestServer.REGION, "events"),
                        HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                HttpResponse<String> r = http.send(request);
                assertThat(r.statusCode()).as(operation + " " + abbreviated(body) + ": " + r.body())
                        .isBetween(200, 499);
                if (r.statusCode() >= 400) {
                    JsonNode error = RawHttp.json(r);
                    assertThat(error.path("__type").asText()).as(operation + " " + abbreviated(body)).isNotEmpty();
                }
            }
        }
        // and the server still answers
        assertThat(events.listEventBuses(b -> { }).eventBuses()).isNotNull();
    }

    private static String abbreviated(String body) {
        return body.length() > 60 ? body.substring(0, 60) + "…" : body;
    }
}
