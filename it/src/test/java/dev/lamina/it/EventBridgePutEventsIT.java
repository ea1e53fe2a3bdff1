package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PutEvents as a caller sees it: AWS's per-entry errors, the request limits, and the event as delivered. */
class EventBridgePutEventsIT extends ServerPerClass {
    static EventBridgeClient events;
    static SqsClient sqs;
    static String url;

    @BeforeAll
    static void fixtures() {
        events = EventBridgeTesting.events(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        url = sqs.createQueue(b -> b.queueName("put-events")).queueUrl();
        events.createEventBus(b -> b.name("orders"));
        events.putRule(b -> b.name("all").eventBusName("orders").eventPattern("{\"source\":[{\"prefix\":\"\"}]}"));
        events.putTargets(b -> b.rule("all").eventBusName("orders").targets(t -> t.id("q")
                .arn(EventBridgeDelivering.queueArn("put-events"))));
    }

    @AfterAll
    static void close() {
        events.close();
        sqs.close();
    }

    static PutEventsRequestEntry entry(String source, String detailType, String detail) {
        return PutEventsRequestEntry.builder().eventBusName("orders").source(source).detailType(detailType)
                .detail(detail).build();
    }

    @Test
    void eachFailingEntryGetsAwsErrorWhileTheOthersAreAccepted() {
        PutEventsResponse r = events.putEvents(b -> b.entries(
                entry("shop", "placed", "{\"n\":1}"),
                entry(null, "placed", "{}"),
                entry("shop", null, "{}"),
                entry("shop", "placed", null),
                entry("shop", "placed", "[1, 2]"),
                entry("shop", "placed", "{\"unterminated\":"),
                entry("shop", "placed", "{}").toBuilder().eventBusName("nowhere").build(),
                entry("shop", "placed", "{\"n\":2}").toBuilder().eventBusName(EventBridgeTesting.BUS_ARN_PREFIX + "orders")
                        .build()));
        assertThat(r.failedEntryCount()).isEqualTo(6);
        List<PutEventsResultEntry> e = r.entries();
        assertThat(e).hasSize(8);
        assertThat(e.get(0).eventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(e.get(0).errorCode()).isNull();
        assertThat(e.get(1).errorCode()).isEqualTo("InvalidArgument");
        assertThat(e.get(1).errorMessage()).isEqualTo("Parameter Source is not valid. Reason: Source is a required argument.");
        assertThat(e.get(2).errorMessage())
                .isEqualTo("Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        assertThat(e.get(3).errorMessage()).isEqualTo("Parameter Detail is not valid. Reason: Detail is a required argument.");
        assertThat(e.get(4).errorCode()).isEqualTo("MalformedDetail");
        assertThat(e.get(4).errorMessage()).isEqualTo("Detail is malformed.");
        assertThat(e.get(5).errorCode()).isEqualTo("MalformedDetail");
        assertThat(e.get(6).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(e.get(6).errorMessage()).isEqualTo("Event bus nowhere does not exist.");
        assertThat(e.get(6).eventId()).isNull();
        assertThat(e.get(7).eventId()).isNotNull();

        List<Message> got = EventBridgeDelivering.drain(sqs, url, 2, Duration.ofSeconds(30));
        assertThat(got).extracting(m -> EventBridgeDelivering.JSON.readTree(m.body()).path("id").asText())
                .containsExactlyInAnyOrder(e.get(0).eventId(), e.get(7).eventId());
    }

    @Test
    void theEventIsDeliveredInAwsShapeWithTheEntrysTimeAndResources() throws Exception {
        String id = events.putEvents(b -> b.entries(entry("shop", "placed", "{\"b\":[1,{\"c\":null}],\"a\":\"x\"}")
                .toBuilder().time(Instant.parse("2026-03-04T05:06:07.890Z")).resources("arn:aws:s3:::b", "r2")
                .build())).entries().getFirst().eventId();
        String body = EventBridgeDelivering.drain(sqs, url, 1, Duration.ofSeconds(30)).getFirst().body();
        assertThat(body).isEqualTo("{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"placed\","
                + "\"source\":\"shop\",\"account\":\"" + TestServer.ACCOUNT + "\",\"time\":\"2026-03-04T05:06:07Z\","
                + "\"region\":\"" + TestServer.REGION + "\",\"resources\":[\"arn:aws:s3:::b\",\"r2\"],"
                + "\"detail\":{\"b\":[1,{\"c\":null}],\"a\":\"x\"}}");
        String now = events.putEvents(b -> b.entries(entry("shop", "placed", "{}"))).entries().getFirst().eventId();
        JsonNode event = EventBridgeDelivering.JSON.readTree(EventBridgeDelivering.drain(sqs, url, 1,
                Duration.ofSeconds(30)).getFirst().body());
        assertThat(event.path("id").asText()).isEqualTo(now);
        assertThat(event.path("resources").isArray() && event.path("resources").isEmpty()).isTrue();
        assertThat(event.path("time").asText()).matches(EventBridgeDelivering.TIME);
        assertThat(Duration.between(Instant.parse(event.path("time").asText()), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void moreThanTenEntriesOrMoreThan256KbFailTheWholeCall() {
        List<PutEventsRequestEntry> eleven = Collections.nCopies(11, entry("shop", "placed", "{}"));
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(eleven)))
                .isInstanceOfSatisfying(EventBridgeException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        List<PutEventsRequestEntry> big = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            big.add(entry("shop", "placed", "{\"x\":\"" + "y".repeat(130 * 1024) + "\"}"));
        }
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(big)))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Total size of the entries in the request is over the limit.");
                });
        assertThat(EventBridgeDelivering.drain(sqs, url, -1, Duration.ofSeconds(2))).as("nothing was accepted").isEmpty();
    }
}
