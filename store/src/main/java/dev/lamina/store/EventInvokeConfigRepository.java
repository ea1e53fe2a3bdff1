package dev.lamina.store;

import dev.lamina.model.EventInvokeConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;

import java.util.List;
import java.util.Optional;

/** Options for asynchronous invocation, one per function and qualifier. */
public interface EventInvokeConfigRepository {
    Optional<EventInvokeConfig> find(FunctionName function, Qualifier qualifier);

    /** Inserts or replaces the configuration of its function and qualifier. */
    void put(EventInvokeConfig config);

    /** Whether there was one to delete. */
    boolean delete(FunctionName function, Qualifier qualifier);

    /** One function's configurations after {@code after} (a qualifier's value), ordered by qualifier. */
    List<EventInvokeConfig> list(FunctionName function, Optional<String> after, int limit);
}
