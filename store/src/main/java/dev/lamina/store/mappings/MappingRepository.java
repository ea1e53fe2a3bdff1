package dev.lamina.store.mappings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Event source mappings and their pollers' checkpoints. Listings are ordered by UUID. */
public interface MappingRepository {
    Optional<StoredMapping> find(String uuid);

    void insert(StoredMapping mapping);

    /** Replaces the stored mapping of the same UUID. */
    void update(StoredMapping mapping);

    /** Deletes the mapping and its checkpoints; whether there was one. */
    boolean delete(String uuid);

    /**
     * Mappings after {@code after} (a UUID), optionally only those of one source and of one function
     * (its unqualified name, and, when {@code functionArn} is given, exactly that ARN).
     */
    List<StoredMapping> list(Optional<String> eventSourceArn, Optional<String> functionName,
                             Optional<String> functionArn, Optional<String> after, int limit);

    /** Every mapping, for the supervisor. */
    List<StoredMapping> all();

    /** Updates what a poller last reported, leaving everything else. */
    void updateStatus(String uuid, String lastProcessingResult, String stateTransitionReason);

    Map<String, String> checkpoints(String uuid);

    void putCheckpoint(String uuid, String key, String value);
}
