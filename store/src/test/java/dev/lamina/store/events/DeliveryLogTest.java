package dev.lamina.store.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLogTest {
    @TempDir
    Path dir;

    static Task.Deliver deliver(String body) {
        return new Task.Deliver("RULE", "arn:aws:events:us-east-1:000000000000:rule/r",
                "{\"Id\":\"t\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:q\"}", body, Instant.ofEpochMilli(3_000));
    }

    @Test
    void aDeliveryIsReadBackWithEveryFieldAfterReopening() throws Exception {
        long id;
        try (EventLog log = EventLog.open(dir.resolve("eventbridge.db"))) {
            id = log.add(List.of(deliver("{\"a\":1}")), Instant.ofEpochMilli(4_000)).get().getFirst();
        }
        try (EventLog log = EventLog.open(dir.resolve("eventbridge.db"))) {
            assertThat(log.entries()).extracting(EventLog.Entry::kind).containsExactly("deliver");
            QueuedTask task = log.load(id).orElseThrow();
            assertThat(task.task()).isEqualTo(deliver("{\"a\":1}"));
            assertThat(task.dueAt()).isEqualTo(Instant.ofEpochMilli(4_000));
        }
    }

    @Test
    void aKeyFiresOnceForATimeAndOnlyForwardAcrossReopening() throws Exception {
        Instant noon = Instant.parse("2026-12-07T12:00:00Z");
        try (EventLog log = EventLog.open(dir.resolve("eventbridge.db"))) {
            assertThat(log.lastFired("s")).isEmpty();
            assertThat(log.fire("s", noon, List.of(deliver("1")), noon).get()).hasValueSatisfying(ids -> assertThat(ids).hasSize(1));
            assertThat(log.fire("s", noon, List.of(deliver("2")), noon).get()).isEmpty();
        }
        try (EventLog log = EventLog.open(dir.resolve("eventbridge.db"))) {
            assertThat(log.lastFired("s")).contains(noon);
            assertThat(log.fire("s", noon.minusSeconds(60), List.of(deliver("3")), noon).get()).isEmpty();
            assertThat(log.entries()).hasSize(1);
            assertThat(log.fire("s", noon.plusSeconds(60), List.of(deliver("4")), noon).get()).isPresent();
            assertThat(log.lastFired("s")).contains(noon.plusSeconds(60));
            log.forget("s").get();
            assertThat(log.lastFired("s")).isEmpty();
            assertThat(log.entries()).hasSize(2);
        }
    }
}
