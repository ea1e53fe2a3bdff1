package dev.lamina.events.esm;

import java.util.Map;
import java.util.Optional;

/** Checkpoints kept in a map the test owns (and may inspect or carry over to a "restarted" poller). */
public record MapCheckpoints(Map<String, String> saved) implements Checkpoints {

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(saved.get(key));
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(saved);
    }

    @Override
    public void put(String key, String value) {
        saved.put(key, value);
    }
}
