package dev.lamina.store;

import dev.lamina.model.FunctionName;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.model.Qualifier;

import java.util.List;
import java.util.Optional;

/** Provisioned concurrency configurations, one per function and qualifier. */
public interface ProvisionedConcurrencyRepository {
    Optional<ProvisionedConcurrencyConfig> find(FunctionName function, Qualifier qualifier);

    /** Inserts or replaces the configuration of its function and qualifier. */
    void put(ProvisionedConcurrencyConfig config);

    void delete(FunctionName function, Qualifier qualifier);

    /** One function's configurations after {@code after} (a qualifier's value), ordered by qualifier. */
    List<ProvisionedConcurrencyConfig> list(FunctionName function, Optional<String> after, int limit);

    /** Every configuration of every function. */
    List<ProvisionedConcurrencyConfig> all();

    /** The sum of the requested concurrency of every configuration, optionally leaving one function out. */
    long requestedTotal(Optional<FunctionName> except);
}
