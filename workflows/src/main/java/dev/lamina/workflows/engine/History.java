package dev.lamina.workflows.engine;

import dev.lamina.workflows.engine.Events.Ev;
import dev.lamina.workflows.engine.ExecutionJournal.FrameWrite;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution's history: hands out event ids and writes each transition (events, frames, a changed
 * record) through the journal in id order. Branches running concurrently share it; each transition is
 * submitted under one lock (so the journal sees ids in order) and waited for outside it (so many
 * branches' and executions' writes share a group commit).
 */
final class History {
    /** AWS's limit of events in one execution's history. */
    static final long LIMIT = 25_000;

    /** The history is full: the execution fails (the last id is kept for that event). */
    static final class Full extends RuntimeException {
        Full() {
            super("The execution reached the maximum number of history events (" + LIMIT + ").", null, false, false);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ExecutionJournal journal;
    private final String executionArn;
    private final boolean durable;
    private final Clock clock;
    private long lastId;
    private boolean closed;

    History(ExecutionJournal journal, String executionArn, boolean durable, Clock clock, long lastId) {
        this.journal = journal;
        this.executionArn = executionArn;
        this.durable = durable;
        this.clock = clock;
        this.lastId = lastId;
    }

    long lastId() {
        lock.lock();
        try {
            return lastId;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the history: later transitions write nothing (threads of an ended or abandoned execution that
     * were still finishing their step must not add events after its last one, or to a resumed copy).
     */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /** Starts a transition; the caller must {@link Tx#commit} or {@link Tx#close} it (try-with-resources). */
    Tx begin() {
        lock.lock();
        return new Tx();
    }

    /** A transition being built, holding the history's lock until committed or closed. */
    final class Tx implements AutoCloseable {
        private final long firstId = lastId;
        private final java.time.Instant at = clock.instant();
        private final List<HistoryEvent> events = new ArrayList<>();
        private final List<FrameWrite> frames = new ArrayList<>();
        private Optional<ExecutionRecord> record = Optional.empty();
        private boolean open = true;

        /**
         * Adds an event following {@code previous}; returns its id.
         *
         * @param last whether it ends the execution (only those may take the last id of the limit)
         */
        long add(Ev ev, long previous, boolean last) {
            if (closed) {
                return lastId;
            }
            if (!last && lastId + 1 >= LIMIT) {
                throw new Full();
            }
            lastId++;
            events.add(new HistoryEvent(lastId, previous, at, ev.type(), ev.details()));
            return lastId;
        }

        long add(Ev ev, long previous) {
            return add(ev, previous, false);
        }

        /** Sets (or, with an empty document, removes) a frame; only durable executions keep frames. */
        /** The time of this transition's events. */
        java.time.Instant at() {
            return at;
        }

        void frame(String key, Optional<String> document) {
            if (durable && !closed) {
                frames.add(new FrameWrite(key, document));
            }
        }

        void record(ExecutionRecord r) {
            if (!closed) {
                record = Optional.of(r);
            }
        }

        /** Writes the transition and waits until it is durable. */
        void commit() throws InterruptedException {
            CompletableFuture<Void> written;
            try {
                written = events.isEmpty() && frames.isEmpty() && record.isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : journal.transition(executionArn, List.copyOf(events), List.copyOf(frames), record);
            } finally {
                open = false;
                lock.unlock();
            }
            try {
                written.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("journal write failed for " + executionArn, e.getCause());
            }
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                lastId = firstId;
                lock.unlock();
            }
        }
    }
}
