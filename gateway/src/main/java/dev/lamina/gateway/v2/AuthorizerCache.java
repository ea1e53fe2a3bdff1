package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda authorizers' answers, kept for their AuthorizerResultTtlInSeconds. Bounded: when full,
 * expired entries go, and if that is not enough everything goes (an authorizer is then asked again).
 */
final class AuthorizerCache {
    static final int MAX_ENTRIES = 10_000;

    private record Entry(JsonNode answer, Instant expires) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    AuthorizerCache(Clock clock) {
        this.clock = clock;
    }

    Optional<JsonNode> get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!e.expires().isAfter(clock.instant())) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.answer());
    }

    void put(String key, JsonNode answer, Duration ttl) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !e.expires().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(answer, now.plus(ttl)));
    }
}
