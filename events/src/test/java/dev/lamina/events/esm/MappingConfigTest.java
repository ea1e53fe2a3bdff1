package dev.lamina.events.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.events.esm.MappingConfig.SourceAccess;
import dev.lamina.events.esm.MappingConfig.SourceKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MappingConfigTest {

    @Test
    void everySettingSurvivesTheStoredDocument() {
        MappingConfig kinesis = new MappingConfig("arn:aws:lambda:us-east-1:000000000000:function:f:live", SourceKind.KINESIS,
                Optional.of("arn:aws:kinesis:us-east-1:000000000000:stream/s"), false, 500, 5, Optional.of("AT_TIMESTAMP"),
                Optional.of(Instant.parse("2026-01-02T03:04:05.250Z")), Optional.of(List.of("{\"data\":{\"a\":[1]}}")),
                List.of("ReportBatchItemFailures"), Optional.empty(),
                Optional.of("arn:aws:sqs:us-east-1:000000000000:failed"), Optional.of(3), Optional.of(3600),
                Optional.of(true), Optional.of(4), Optional.of(60), List.of(), List.of(), Map.of(), Optional.empty(),
                Optional.empty());
        MappingConfig kafka = new MappingConfig("arn:aws:lambda:us-east-1:000000000000:function:f",
                SourceKind.SELF_MANAGED_KAFKA, Optional.empty(), true, 100, 0, Optional.of("TRIM_HORIZON"), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of("orders"),
                List.of(new SourceAccess("BASIC_AUTH", "arn:aws:secretsmanager:us-east-1:000000000000:secret:s")),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", List.of("localhost:9092")), Optional.of("group-1"), Optional.empty());
        MappingConfig sqs = new MappingConfig("arn:aws:lambda:us-east-1:000000000000:function:f", SourceKind.SQS,
                Optional.of("arn:aws:sqs:us-east-1:000000000000:q"), true, 10, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.of(7), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), Optional.empty(),
                Optional.of("arn:aws:kms:us-east-1:000000000000:key/k"));
        for (MappingConfig c : List.of(kinesis, kafka, sqs)) {
            assertThat(MappingConfig.fromJson(c.toJson())).isEqualTo(c);
        }
    }

    @Test
    void aQueueMappingEchoesNoStreamMembers() {
        MappingConfig sqs = new MappingConfig("arn:aws:lambda:us-east-1:000000000000:function:f", SourceKind.SQS,
                Optional.of("arn:aws:sqs:us-east-1:000000000000:q"), true, 10, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), Optional.empty(),
                Optional.empty());
        ObjectNode o = sqs.toJson();
        assertThat(o.has("DestinationConfig")).isFalse();
        assertThat(o.has("StartingPosition")).isFalse();
        assertThat(o.has("MaximumRetryAttempts")).isFalse();
        assertThat(o.has("FilterCriteria")).isFalse();
        assertThat(o.get("FunctionResponseTypes").isArray()).isTrue();
        assertThat(o.get("MaximumBatchingWindowInSeconds").asInt()).isZero();
    }
}
