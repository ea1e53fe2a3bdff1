package dev.lamina.control;

import dev.lamina.model.LambdaErrors;

import java.util.Optional;
import java.util.UUID;

/** RevisionIds: a fresh UUID for every change, compared when a caller names the one it expects. */
final class Revisions {
    private Revisions() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }

    /** Fails with PreconditionFailedException when the caller expected another revision. */
    static void expect(Optional<String> expected, String actual) {
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw LambdaErrors.revisionMismatch();
        }
    }
}
