package dev.lamina.events.esm;

import java.util.Map;
import java.util.Optional;

/**
 * A mapping's durable positions, by key (a Kinesis shard id, …). {@link #put} returns once the
 * value is on disk. Removed with the mapping.
 */
public interface Checkpoints {

    Optional<String> get(String key);

    Map<String, String> all();

    void put(String key, String value);
}
