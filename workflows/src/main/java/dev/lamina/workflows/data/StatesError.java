package dev.lamina.workflows.data;

import java.util.Objects;
import java.util.Optional;

/**
 * An error raised inside an execution: a state's own failure (a Task's resource failed, a path did
 * not match, a Fail state) with the error name and cause that Retry and Catch match, that
 * {@code $states.errorOutput} shows, and that a failed execution reports word for word
 * ({@code States.Runtime}, {@code An error occurred while executing the state 'S' (entered at the
 * event id #2). …}). Checked: every step of the interpreter says whether it can raise one.
 */
public final class StatesError extends Exception {
    private final String error;
    private final Optional<String> cause;
    private final Optional<String> location;

    public StatesError(String error, Optional<String> cause) {
        this(error, cause, Optional.empty());
    }

    /**
     * An error raised while evaluating one field of a state ({@code States.QueryEvaluationError}): the
     * engine records it in an {@code EvaluationFailed} event with this location before the state fails.
     *
     * @param location the field, as AWS names it in the event: {@code Arguments}, {@code Output/result}, {@code Items}, …
     */
    public StatesError(String error, Optional<String> cause, Optional<String> location) {
        super(error + cause.map(c -> ": " + c).orElse(""), null, false, false);
        this.error = Objects.requireNonNull(error);
        this.cause = Objects.requireNonNull(cause);
        this.location = Objects.requireNonNull(location);
    }

    public StatesError(String error, String cause) {
        this(error, Optional.of(cause));
    }

    /** The error name: {@code States.Runtime}, {@code States.TaskFailed}, a function's {@code errorType}, … */
    public String error() {
        return error;
    }

    /** The cause text (often JSON, e.g. a Lambda function's error document); empty when there is none. */
    public Optional<String> cause() {
        return cause;
    }

    /** The field whose evaluation failed ({@code evaluationFailedEventDetails.location}); empty for other errors. */
    public Optional<String> location() {
        return location;
    }
}
