package dev.lamina.workflows.journal;

import dev.lamina.workflows.engine.ExecutionJournal.FrameWrite;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.HistoryEvent;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One write handed to the journal's writer thread; its future completes once the write is committed. */
sealed interface Change {
    CompletableFuture<Void> future();

    /** An event as stored: its details already JSON text (serialized on the caller's thread, not the writer's). */
    record EventRow(long id, long previousId, long timestampNanos, String type, String details) {
        static EventRow of(HistoryEvent e) {
            return new EventRow(e.id(), e.previousEventId(), Rows.nanos(e.timestamp()), e.type(), Rows.json(e.details()));
        }

        static List<EventRow> of(List<HistoryEvent> events) {
            return events.stream().map(EventRow::of).toList();
        }
    }

    /** A new execution; fails (alone) when its ARN is already in the journal. */
    record Create(ExecutionRecord record, String definitionHash, List<EventRow> events, List<FrameWrite> frames,
                  CompletableFuture<Void> future) implements Change {
    }

    /** Events, frames and, when given, the execution's new record. */
    record Transition(String executionArn, List<EventRow> events, List<FrameWrite> frames,
                      Optional<ExecutionRecord> record, Optional<String> definitionHash,
                      CompletableFuture<Void> future) implements Change {
    }

    /** The last change: the writer commits what came before it and stops. */
    record Stop(CompletableFuture<Void> future) implements Change {
    }
}
