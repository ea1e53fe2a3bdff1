package dev.lamina.events.esm.kinesis;

import dev.lamina.model.Region;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisEventsTest {
    static final List<StreamRecord> BATCH = List.of(record("100"), record("200"), record("300"));

    static StreamRecord record(String seq) {
        return new StreamRecord("shardId-000000000000", seq, "k", new byte[0], Instant.EPOCH);
    }

    static KinesisEvents.ItemFailures answer(String json) {
        return KinesisEvents.itemFailures(json.getBytes(StandardCharsets.UTF_8), BATCH);
    }

    @Test
    void noAnswerANullOrEmptyListOrAnAnswerThatIsNoObjectIsSuccess() {
        assertThat(KinesisEvents.itemFailures(new byte[0], BATCH)).isInstanceOf(KinesisEvents.AllSucceeded.class);
        for (String json : List.of("null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}", "\"ok\"",
                "not json")) {
            assertThat(answer(json)).as(json).isInstanceOf(KinesisEvents.AllSucceeded.class);
        }
    }

    @Test
    void theLowestReportedSequenceNumberIsWhereTheRetryStarts() {
        assertThat(answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"300\"},{\"itemIdentifier\":\"200\"}]}"))
                .isEqualTo(new KinesisEvents.FailedFrom(1));
        assertThat(answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"100\"}]}"))
                .isEqualTo(new KinesisEvents.FailedFrom(0));
    }

    @Test
    void anEmptyMissingOrUnknownItemIdentifierFailsTheWholeBatch() {
        for (String json : List.of("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"id\":\"100\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"},{\"itemIdentifier\":\"999\"}]}",
                "{\"batchItemFailures\":\"100\"}")) {
            assertThat(answer(json)).as(json).isInstanceOf(KinesisEvents.Invalid.class);
        }
    }

    @Test
    void arrivalTimesAreEpochSecondsWithMillisecondsAsAFraction() {
        assertThat(KinesisEvents.epochSeconds(Instant.ofEpochMilli(1545084650987L)).toPlainString())
                .isEqualTo("1545084650.987");
    }

    @Test
    void theExecutedVersionIsTheMappedVersionElseLatest() {
        assertThat(KinesisEvents.executedVersion("arn:aws:lambda:us-east-1:000000000000:function:f:7")).isEqualTo("7");
        assertThat(KinesisEvents.executedVersion("arn:aws:lambda:us-east-1:000000000000:function:f")).isEqualTo("$LATEST");
    }

    @Test
    void aStreamArnParsesAndAConsumerArnOrAnythingElseIsRefusedWithAReason() {
        StreamArn arn = StreamArn.parse("arn:aws:kinesis:eu-west-1:123456789012:stream/my.stream_1");
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.account()).isEqualTo("123456789012");
        assertThat(arn.name()).isEqualTo("my.stream_1");
        assertThatThrownBy(() -> StreamArn.parse("arn:aws:kinesis:eu-west-1:123456789012:stream/s/consumer/c:1"))
                .hasMessageContaining("consumers");
        assertThatThrownBy(() -> StreamArn.parse("arn:aws:sqs:eu-west-1:123456789012:q"))
                .hasMessageContaining("not a Kinesis stream ARN");
    }

    @Test
    void aKinesisSourceNeedsAnEndpoint() {
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
        KinesisSettings none = KinesisSettings.of(Optional.empty(), new Region("us-east-1"));
        assertThatThrownBy(() -> none.checkSource(arn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kinesis-endpoint");
        KinesisSettings some = KinesisSettings.of(Optional.of(URI.create("http://localhost:4568")), new Region("us-east-1"));
        some.checkSource(arn);
        assertThatThrownBy(() -> some.checkSource("arn:aws:kinesis:us-east-1:000000000000:table/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KinesisSettings.of(Optional.of(URI.create("ftp://x")), new Region("us-east-1")))
                .hasMessageContaining("http(s)");
    }

    @Test
    void theOnFailureRecordsTimesAlwaysHaveMilliseconds() throws Exception {
        var settings = new Mapping("arn:aws:kinesis:us-east-1:000000000000:stream/s").build();
        String json = KinesisEvents.failureRecord(settings, "arn:aws:kinesis:us-east-1:000000000000:stream/s", BATCH,
                "RecordAgeExceeded", 0, Optional.empty(), Instant.parse("2026-01-02T03:04:05Z"));
        var record = TestContext.JSON.readTree(json);
        assertThat(record.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(record.at("/KinesisBatchInfo/approximateArrivalOfFirstRecord").asText())
                .isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(record.has("responseContext")).isFalse();
        assertThat(record.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(3);
    }
}
