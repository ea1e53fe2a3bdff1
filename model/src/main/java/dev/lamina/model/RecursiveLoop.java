package dev.lamina.model;

import java.util.Optional;

/**
 * PutFunctionRecursionConfig's setting: whether a function invoked as part of a recursive loop is
 * stopped ({@code Terminate}, the default) or left to run ({@code Allow}).
 */
public enum RecursiveLoop {
    ALLOW("Allow"),
    TERMINATE("Terminate");

    private final String wire;

    RecursiveLoop(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in the store. */
    public String wire() {
        return wire;
    }

    public static Optional<RecursiveLoop> parse(String value) {
        for (RecursiveLoop r : values()) {
            if (r.wire.equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
