package dev.lamina.model;

import java.util.Optional;

/** An enum whose constants have a spelling on the wire (AWS's enum values, such as {@code PassThrough}). */
public interface WireValue {
    String wire();

    /** The constant of {@code type} spelled {@code text} on the wire. */
    static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
