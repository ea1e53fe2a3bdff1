package dev.lamina.workflows.engine;

import java.util.List;
import java.util.Optional;

/** One page of a listing and the token of the next one (empty on the last page). */
public record Page<T>(List<T> items, Optional<String> nextToken) {
    public Page {
        items = List.copyOf(items);
        java.util.Objects.requireNonNull(nextToken);
    }
}
