package dev.lamina.eventbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeTest {

    @Test
    void membersComeInAwsOrderWithTheTimeToTheSecondAndEmptyResources() throws Exception {
        String event = Envelope.of("id-1", "Order Placed", "shop", "000000000000",
                Instant.parse("2026-12-07T10:11:12.987Z"), "us-east-1", List.of(),
                Envelope.JSON.readTree("{\"b\":1,\"a\":{\"c\":[true,null]}}"));
        JsonNode tree = Envelope.JSON.readTree(event);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
                "resources", "detail");
        assertThat(event).isEqualTo("{\"version\":\"0\",\"id\":\"id-1\",\"detail-type\":\"Order Placed\","
                + "\"source\":\"shop\",\"account\":\"000000000000\",\"time\":\"2026-12-07T10:11:12Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"b\":1,\"a\":{\"c\":[true,null]}}}");
    }

    @Test
    void resourcesAreKeptInOrder() throws Exception {
        String event = Envelope.of("i", "t", "s", "000000000000", Instant.EPOCH, "eu-west-1",
                List.of("arn:b", "arn:a"), Envelope.JSON.readTree("{}"));
        assertThat(Envelope.JSON.readTree(event).path("resources").toString()).isEqualTo("[\"arn:b\",\"arn:a\"]");
        assertThat(Envelope.JSON.readTree(event).path("time").asText()).isEqualTo("1970-01-01T00:00:00Z");
    }
}
