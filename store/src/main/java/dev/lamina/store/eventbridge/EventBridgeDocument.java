package dev.lamina.store.eventbridge;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One stored EventBridge or Scheduler resource: a JSON document the eventbridge module reads and
 * writes whole.
 *
 * @param scope   what the resource belongs to: empty for buses and schedule groups, the bus's name for
 *                a rule, the group's name for a schedule
 * @param name    its name within the scope
 * @param created when it was first stored; listings are ordered by name, as AWS's are
 */
public record EventBridgeDocument(Kind kind, String scope, String name, String document, Instant created) {
    public EventBridgeDocument {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(name);
        Objects.requireNonNull(document);
        Objects.requireNonNull(created);
    }

    /** The kinds of resource; each kind's documents are the eventbridge module's to define. */
    public enum Kind {
        BUS, RULE, SCHEDULE_GROUP, SCHEDULE;

        public String column() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind ofColumn(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
