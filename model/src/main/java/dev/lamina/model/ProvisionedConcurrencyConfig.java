package dev.lamina.model;

import java.time.Instant;
import java.util.Objects;

/**
 * PutProvisionedConcurrencyConfig's request, as stored: how many initialised environments a
 * published version or an alias asks for. What has been allocated is the execution side's
 * business, not part of this record.
 *
 * @param qualifier a published version or an alias, never $LATEST
 */
public record ProvisionedConcurrencyConfig(FunctionName function, Qualifier qualifier, int requested,
                                           Instant lastModified) {
    public ProvisionedConcurrencyConfig {
        Objects.requireNonNull(function);
        Objects.requireNonNull(qualifier);
        if (qualifier instanceof Qualifier.Latest) {
            throw new IllegalArgumentException("$LATEST cannot have provisioned concurrency");
        }
        if (requested < 1) {
            throw new IllegalArgumentException("provisioned concurrency is at least 1: " + requested);
        }
        Objects.requireNonNull(lastModified);
    }
}
