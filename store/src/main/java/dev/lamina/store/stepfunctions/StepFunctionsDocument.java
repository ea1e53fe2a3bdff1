package dev.lamina.store.stepfunctions;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One stored Step Functions resource: a JSON document the workflows module reads and writes whole.
 *
 * @param scope   what the resource belongs to: empty for state machines and activities, the machine's
 *                name for its versions and aliases
 * @param name    its name within the scope
 * @param created when it was first stored
 */
public record StepFunctionsDocument(Kind kind, String scope, String name, String document, Instant created) {
    public StepFunctionsDocument {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(name);
        Objects.requireNonNull(document);
        Objects.requireNonNull(created);
    }

    /** The kinds of resource; each kind's documents are the workflows module's to define. */
    public enum Kind {
        MACHINE, VERSION, ALIAS, ACTIVITY;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofColumn(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }
}
