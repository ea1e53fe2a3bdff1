package dev.lamina.store.events;

import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.model.TraceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {
    @TempDir
    Path dir;

    static Task.Invoke invoke(String id) {
        return new Task.Invoke(id, new FunctionName("f"), Optional.of(Qualifier.parse("live")),
                ("{\"n\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(1_000), 2, TRACE);
    }

    static final Optional<TraceHeader> TRACE =
            TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1");

    @Test
    void whatWasAcknowledgedIsThereAfterReopeningAndWhatWasFinishedIsNot() throws Exception {
        Instant due = Instant.ofEpochMilli(5_000);
        long kept;
        long finished;
        try (EventLog log = EventLog.open(dir.resolve("events.db"))) {
            List<Long> ids = log.add(List.of(invoke("a"), invoke("b")), due).get();
            kept = ids.get(0);
            finished = ids.get(1);
            Task.SendToQueue message = new Task.SendToQueue("arn:aws:sqs:us-east-1:000000000000:q", "{}",
                    Map.of("RequestID", "b"), Instant.ofEpochMilli(7_000));
            assertThat(log.finish(finished, List.of(message), due).get()).hasSize(1);
            log.reschedule(kept, 1, Instant.ofEpochMilli(9_000)).get();
        }
        try (EventLog log = EventLog.open(dir.resolve("events.db"))) {
            assertThat(log.entries()).extracting(EventLog.Entry::kind).containsExactly("invoke", "sqs");
            QueuedTask a = log.load(kept).orElseThrow();
            assertThat(a.attempts()).isEqualTo(1);
            assertThat(a.dueAt()).isEqualTo(Instant.ofEpochMilli(9_000));
            Task.Invoke task = (Task.Invoke) a.task();
            assertThat(task.requestId()).isEqualTo("a");
            assertThat(task.qualifier()).contains(Qualifier.parse("live"));
            assertThat(task.hops()).isEqualTo(2);
            assertThat(task.trace()).isEqualTo(TRACE).isPresent();
            assertThat(new String(task.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":\"a\"}");
            assertThat(log.load(finished)).isEmpty();
            QueuedTask message = log.load(log.entries().get(1).id()).orElseThrow();
            assertThat(((Task.SendToQueue) message.task()).attributes()).containsEntry("RequestID", "b");
        }
    }

    @Test
    void manyWritersShareCommits() throws Exception {
        try (EventLog log = EventLog.open(dir.resolve("events.db"))) {
            List<CompletableFuture<List<Long>>> adds = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                adds.add(log.add(List.of(invoke("e" + i)), Instant.EPOCH));
            }
            CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get();
            assertThat(log.entries()).hasSize(5000);
        }
    }
}
