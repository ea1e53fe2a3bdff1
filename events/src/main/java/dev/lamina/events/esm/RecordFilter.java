package dev.lamina.events.esm;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A mapping's FilterCriteria: EventBridge patterns (aws/event-ruler, the library AWS uses), of
 * which a record must match at least one to reach the function. No pattern: every record matches.
 * Pollers build the record's document as Lambda does for their source (for SQS, the record with its
 * {@code body} as JSON when it is JSON) and ask {@link #matches}.
 */
public final class RecordFilter {
    private final Optional<Machine> machine;

    private RecordFilter(Optional<Machine> machine) {
        this.machine = machine;
    }

    /** A filter of patterns that {@link #invalid} accepted. */
    public static RecordFilter of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return new RecordFilter(Optional.empty());
        }
        Machine m = new Machine();
        for (int i = 0; i < patterns.size(); i++) {
            try {
                m.addRule("filter-" + i, patterns.get(i));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("invalid filter pattern: " + patterns.get(i), e);
            }
        }
        return new RecordFilter(Optional.of(m));
    }

    /** Why a pattern is not a valid EventBridge pattern, or empty when it is. */
    public static Optional<String> invalid(String pattern) {
        try {
            return Optional.ofNullable(JsonRuleCompiler.check(pattern));
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    public boolean filters() {
        return machine.isPresent();
    }

    /** Whether the record's document matches a pattern (always, without patterns). */
    public boolean matches(JsonNode record) {
        if (machine.isEmpty()) {
            return true;
        }
        try {
            return !machine.get().rulesForJSONEvent(record).isEmpty();
        } catch (RuntimeException e) {
            return false; // a document the matcher cannot read matches nothing
        }
    }
}
