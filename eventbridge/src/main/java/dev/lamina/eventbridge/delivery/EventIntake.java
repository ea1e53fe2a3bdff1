package dev.lamina.eventbridge.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts events on buses, as PutEvents does: each entry is checked, matched against its bus's rules,
 * and its deliveries stored durably before its result says it was accepted. PutEvents, Lambda's
 * destinations to event buses and Scheduler's bus targets all come through here.
 */
public interface EventIntake {

    /**
     * One entry of PutEvents (model member names in comments).
     *
     * @param bus  EventBusName: a name or an ARN; empty for the default bus
     * @param time Time; empty for now
     */
    record Entry(Optional<String> bus, Optional<Instant> time, Optional<String> source, Optional<String> detailType,
                 Optional<String> detail, List<String> resources, Optional<String> traceHeader) {
        public Entry {
            Objects.requireNonNull(bus);
            Objects.requireNonNull(time);
            Objects.requireNonNull(source);
            Objects.requireNonNull(detailType);
            Objects.requireNonNull(detail);
            resources = List.copyOf(resources);
            Objects.requireNonNull(traceHeader);
        }
    }

    /** An entry's result: its event's id, or an error code and message (PutEventsResultEntry). */
    record Result(Optional<String> eventId, Optional<String> errorCode, Optional<String> errorMessage) {
    }

    /** Results in the order of {@code entries}; returns once every accepted entry's deliveries are on disk. */
    List<Result> put(List<Entry> entries);
}
