package dev.lamina.sqs;

import java.util.Objects;
import java.util.Optional;

/**
 * One message attribute as SQS holds it: a data type ({@code String}, {@code Number}, {@code Binary},
 * optionally with a custom suffix such as {@code Number.int}) and the string or the binary value.
 */
public record MessageAttribute(String dataType, Optional<String> stringValue, Optional<byte[]> binaryValue) {
    public MessageAttribute {
        Objects.requireNonNull(dataType);
        Objects.requireNonNull(stringValue);
        Objects.requireNonNull(binaryValue);
    }

    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", Optional.of(value), Optional.empty());
    }

    public static MessageAttribute number(String value) {
        return new MessageAttribute("Number", Optional.of(value), Optional.empty());
    }
}
