package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.StatesError;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * A state's Retry for one entry of the state: which retrier matches an error, and how long to wait
 * before the next attempt (IntervalSeconds × BackoffRate^attempt, at most MaxDelaySeconds, FULL jitter
 * draws uniformly below that). Each retrier counts its own attempts, as the States Language says.
 */
final class Retrier {
    private final List<ObjectNode> retriers;
    private final int[] attempts;
    private final DoubleSupplier random;

    Retrier(List<ObjectNode> retriers, DoubleSupplier random) {
        this.retriers = retriers;
        this.attempts = new int[retriers.size()];
        this.random = random;
    }

    /** One attempt of a state's work; {@code retryCount} is {@code $$.State.RetryCount}. */
    interface Attempt {
        JsonNode run(int retryCount) throws StatesError, InterruptedException;
    }

    /** Runs attempts until one succeeds or the error is not retried (States.Runtime never is). */
    static JsonNode attempts(Env env, List<ObjectNode> retriers, Attempt attempt)
            throws StatesError, InterruptedException {
        Retrier r = new Retrier(retriers, env.random());
        for (int n = 0; ; n++) {
            try {
                return attempt.run(n);
            } catch (StatesError e) {
                Optional<Duration> wait = ErrorNames.RUNTIME.equals(e.error()) ? Optional.empty() : r.next(e);
                if (wait.isEmpty()) {
                    throw e;
                }
                env.sleepScaled(wait.get());
            }
        }
    }

    /** The wait before retrying after {@code error}, or empty when the error is not retried (any more). */
    Optional<Duration> next(StatesError error) {
        for (int i = 0; i < retriers.size(); i++) {
            ObjectNode r = retriers.get(i);
            if (!matches(r.path("ErrorEquals"), error.error())) {
                continue;
            }
            int max = r.path("MaxAttempts").asInt(3);
            if (attempts[i] >= max) {
                return Optional.empty();
            }
            double interval = r.path("IntervalSeconds").asDouble(1);
            double backoff = r.path("BackoffRate").asDouble(2.0);
            double seconds = interval * Math.pow(backoff, attempts[i]);
            if (r.has("MaxDelaySeconds")) {
                seconds = Math.min(seconds, r.get("MaxDelaySeconds").asDouble());
            }
            if ("FULL".equals(r.path("JitterStrategy").asText())) {
                seconds = seconds * random.getAsDouble();
            }
            attempts[i]++;
            return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
        }
        return Optional.empty();
    }

    /**
     * Whether an ErrorEquals list names {@code error}. States.ALL matches every error but
     * States.Runtime (AWS: "A retry or catch on States.ALL won't catch States.Runtime errors");
     * States.TaskFailed matches every error but States.Timeout and States.Runtime. A terminal
     * States.DataLimitExceeded (a state's own output) never gets here.
     */
    static boolean matches(JsonNode errorEquals, String error) {
        for (JsonNode name : errorEquals) {
            String n = name.asText();
            if (n.equals(error)) {
                return true;
            }
            boolean runtime = ErrorNames.RUNTIME.equals(error);
            if (n.equals(ErrorNames.ALL) && !runtime) {
                return true;
            }
            if (n.equals(ErrorNames.TASK_FAILED) && !runtime && !ErrorNames.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }
}
