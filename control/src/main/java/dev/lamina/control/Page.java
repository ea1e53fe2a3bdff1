package dev.lamina.control;

import java.util.List;
import java.util.Optional;

/** One page of a listing, with the marker of the next page when there is one. */
public record Page<T>(List<T> items, Optional<String> nextMarker) {
    public Page {
        items = List.copyOf(items);
    }
}
