package dev.lamina.eventbridge.input;

import dev.lamina.eventbridge.target.Target;

import java.util.Optional;

/**
 * What a rule's target receives for an event: the event itself, its Input (as is), the part its
 * InputPath selects, or its InputTransformer's rendering, with AWS's quoting rules.
 */
public final class TargetInput {
    private TargetInput() {
    }

    /**
     * Checks a target's input settings as PutTargets does (at most one of Input, InputPath,
     * InputTransformer; an InputTemplate's placeholders all defined; JSON paths valid): a
     * ValidationException with AWS's message otherwise. TODO(inputs): stub.
     */
    public static void check(Target target) {
    }

    /**
     * The body {@code target} receives for {@code event} (the envelope's JSON text); empty when the
     * rendering must be dropped (a template that yields invalid JSON for a target that takes JSON).
     * TODO(inputs): stub delivers the event.
     */
    public static Optional<String> render(Target target, String event) {
        return Optional.of(event);
    }
}
