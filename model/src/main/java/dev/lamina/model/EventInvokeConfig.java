package dev.lamina.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function's options for asynchronous invocation, for one qualifier ($LATEST when the function
 * is named without one). Settings left empty take Lambda's defaults: two retries, six hours.
 *
 * @param onSuccess where the invocation record of a successful invocation goes (an ARN)
 * @param onFailure where the record of an event that failed every attempt, or aged out, goes
 */
public record EventInvokeConfig(FunctionName function, Qualifier qualifier, OptionalInt maximumRetryAttempts,
                                OptionalInt maximumEventAgeInSeconds, Optional<String> onSuccess,
                                Optional<String> onFailure, Instant lastModified) {
    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    public static final int DEFAULT_EVENT_AGE_SECONDS = 21_600;

    public EventInvokeConfig {
        Objects.requireNonNull(function);
        Objects.requireNonNull(qualifier);
        Objects.requireNonNull(maximumRetryAttempts);
        Objects.requireNonNull(maximumEventAgeInSeconds);
        Objects.requireNonNull(onSuccess);
        Objects.requireNonNull(onFailure);
        Objects.requireNonNull(lastModified);
    }

    public int retryAttempts() {
        return maximumRetryAttempts.orElse(DEFAULT_RETRY_ATTEMPTS);
    }

    public int eventAgeSeconds() {
        return maximumEventAgeInSeconds.orElse(DEFAULT_EVENT_AGE_SECONDS);
    }

    /** Lambda's defaults, for a function with no configuration at all. */
    public static EventInvokeConfig defaults(FunctionName function, Qualifier qualifier) {
        return new EventInvokeConfig(function, qualifier, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Instant.EPOCH);
    }
}
