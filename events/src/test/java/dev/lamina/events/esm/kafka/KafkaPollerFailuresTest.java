package dev.lamina.events.esm.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.MappingSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A function that fails or cannot be invoked, and records too old to send, against a real broker. */
class KafkaPollerFailuresTest extends BrokerPerClass {

    @Test
    void givesUpAfterMaximumRetryAttemptsTellsTheDestinationAndMovesOn() throws Exception {
        String topic = topic(1);
        send(topic, 0, null, "poison");
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 1,
                Duration.ZERO, List.of(), 2);
        RecordingContext context = new RecordingContext(settings, true);
        context.answer = e -> e.toString().contains(Base64.getEncoder().encodeToString("poison".getBytes()))
                ? new BatchInvoker.FunctionFailed("{}".getBytes())
                : new BatchInvoker.Succeeded("{}".getBytes());
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.failures.size() == 1);
        send(topic, 0, null, "good");
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 2L)));
        assertThat(context.seen()).extracting(RecordingContext.Seen::value).containsExactly("poison", "poison", "poison", "good");
        assertThat(context.failures.getFirst()).contains("\"condition\":\"RetryAttemptsExhausted\"", "\"approximateInvokeCount\":3",
                "\"firstRecordOffset\":0");
    }

    @Test
    void recordsOlderThanMaximumRecordAgeAreGivenUpWithoutAnInvoke() throws Exception {
        String topic = topic(1);
        long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        producer.send(new ProducerRecord<>(topic, 0, twoHoursAgo, null, "stale".getBytes())).get(10, TimeUnit.SECONDS);
        MappingSettings base = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 10,
                Duration.ofMillis(200), List.of(), -1);
        MappingSettings settings = new MappingSettings(base.uuid(), base.eventSourceArn(), base.functionArn(),
                base.functionRoleArn(), base.region(), base.batchSize(), base.maximumBatchingWindow(),
                base.startingPosition(), base.startingPositionTimestamp(), base.filterPatterns(),
                base.reportBatchItemFailures(), base.maximumConcurrency(), base.maximumRetryAttempts(),
                Optional.of(Duration.ofMinutes(1)), false, 1, base.onFailureDestinationArn(),
                base.tumblingWindow(), base.topics(), base.kafkaBootstrapServers(), base.consumerGroupId());
        RecordingContext context = new RecordingContext(settings, true);
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.failures.size() == 1);
        assertThat(context.failures.getFirst()).contains("\"condition\":\"RecordAgeExceeded\"");
        send(topic, 0, null, "fresh");
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 2L)));
        assertThat(context.seen()).extracting(RecordingContext.Seen::value).containsExactly("fresh");
    }

    @Test
    void throttledInvokesAreRetriedWithoutUsingUpRetries() throws Exception {
        String topic = topic(1);
        send(topic, 0, null, "x");
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 10,
                Duration.ofMillis(200), List.of(), 0);
        RecordingContext context = new RecordingContext(settings, true);
        AtomicInteger calls = new AtomicInteger();
        context.answer = e -> calls.incrementAndGet() <= 3
                ? new BatchInvoker.NotInvoked("TooManyRequestsException", "Rate Exceeded.")
                : new BatchInvoker.Succeeded("{}".getBytes());
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 1L)));
        assertThat(context.events).hasSize(4);
        assertThat(context.failures).isEmpty();
        assertThat(context.results).contains("PROBLEM: TooManyRequestsException: Rate Exceeded.", "OK");
    }
}
