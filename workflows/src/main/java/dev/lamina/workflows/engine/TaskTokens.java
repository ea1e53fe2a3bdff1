package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.StatesErrors;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens of tasks waiting for a callback ({@code .waitForTaskToken}, activities): issuing
 * them, and SendTaskSuccess/Failure/Heartbeat. Tokens are opaque to callers; a token that is not one
 * of ours is InvalidToken, one whose task is no longer waiting is TaskTimedOut (AWS's words).
 * Waiting tasks live in memory: after a restart the task runs again with a new token.
 */
final class TaskTokens {
    private static final String PREFIX = "lamina-task:";
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

    /** How a callback ended: an output, or an error and cause. */
    record Callback(Optional<JsonNode> output, Optional<String> error, Optional<String> cause) {
    }

    /** One task waiting for its token. */
    static final class Waiter {
        final String token;
        final CompletableFuture<Callback> result = new CompletableFuture<>();
        volatile long heartbeatNanos = System.nanoTime();

        Waiter(String token) {
            this.token = token;
        }
    }

    Waiter issue(String executionArn) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        String raw = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + ":" + executionArn;
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        Waiter w = new Waiter(token);
        waiting.put(token, w);
        return w;
    }

    void forget(Waiter w) {
        waiting.remove(w.token, w);
    }

    void succeed(String token, String output) {
        Waiter w = find(token);
        JsonNode parsed;
        try {
            parsed = Json.parse(output);
        } catch (IllegalArgumentException e) {
            throw StatesErrors.of("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
        }
        complete(w, new Callback(Optional.of(parsed), Optional.empty(), Optional.empty()));
    }

    void fail(String token, Optional<String> error, Optional<String> cause) {
        complete(find(token), new Callback(Optional.empty(), error, cause));
    }

    void heartbeat(String token) {
        find(token).heartbeatNanos = System.nanoTime();
    }

    private void complete(Waiter w, Callback c) {
        if (!w.result.complete(c)) {
            throw gone();
        }
        waiting.remove(w.token, w);
    }

    private Waiter find(String token) {
        if (!wellFormed(token)) {
            throw StatesErrors.invalidToken("Invalid Token: 'Invalid token'");
        }
        Waiter w = waiting.get(token);
        if (w == null) {
            throw gone();
        }
        return w;
    }

    private static RuntimeException gone() {
        return StatesErrors.taskTimedOut("Task Timed Out: 'Provided task does not exist anymore'");
    }

    private static boolean wellFormed(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return raw.startsWith(PREFIX);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
