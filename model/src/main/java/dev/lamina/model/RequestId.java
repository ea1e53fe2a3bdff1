package dev.lamina.model;

import java.util.UUID;

/** The id of one API request or invocation, a random UUID as AWS uses. */
public record RequestId(String value) {
    public RequestId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a request id is not empty");
        }
    }

    public static RequestId random() {
        return new RequestId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
