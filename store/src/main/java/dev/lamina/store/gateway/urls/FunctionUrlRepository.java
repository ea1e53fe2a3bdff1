package dev.lamina.store.gateway.urls;

import dev.lamina.model.FunctionName;

import java.util.List;
import java.util.Optional;

/** Function URL configurations, by URL id and by function and qualifier. */
public interface FunctionUrlRepository {
    Optional<StoredFunctionUrl> byId(String urlId);

    /** @param qualifier {@code ""} for the unqualified function, else an alias name */
    Optional<StoredFunctionUrl> find(FunctionName function, String qualifier);

    void insert(StoredFunctionUrl url);

    /** Replaces the stored configuration with the same URL id. */
    void update(StoredFunctionUrl url);

    /** Whether there was one to delete. */
    boolean delete(FunctionName function, String qualifier);

    /** A function's URLs with a qualifier after {@code after} ({@code ""} first), ordered by qualifier. */
    List<StoredFunctionUrl> list(FunctionName function, Optional<String> after, int limit);
}
