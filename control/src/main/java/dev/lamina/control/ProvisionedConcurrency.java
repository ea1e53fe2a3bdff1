package dev.lamina.control;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.LambdaException;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Put/Get/Delete/ListProvisionedConcurrencyConfigs: the requests, validated against the
 * function's reservation and the account's unreserved pool, and stored. Allocating the environments
 * is the execution side's work; it reads what is stored here.
 */
public final class ProvisionedConcurrency {
    private final Store store;
    private final Resolver resolver;
    private final ControlSettings settings;
    private final InstantSource clock;

    ProvisionedConcurrency(Store store, Resolver resolver, ControlSettings settings, InstantSource clock) {
        this.store = store;
        this.resolver = resolver;
        this.settings = settings;
        this.clock = clock;
    }

    /** PutProvisionedConcurrencyConfig: stores the request, replacing an earlier one for the same qualifier. */
    public ProvisionedConcurrencyConfig put(FunctionName function, Qualifier qualifier, int requested) {
        if (qualifier instanceof Qualifier.Latest) {
            throw LambdaException.invalidParameter(
                    "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        }
        return store.write(tx -> {
            FunctionRecord f = resolver.function(tx, function);
            resolver.version(tx, function, Optional.of(qualifier));
            long others = otherRequests(tx, function, qualifier);
            if (f.reservedConcurrency().isPresent()) {
                if (others + requested > f.reservedConcurrency().getAsInt()) {
                    throw LambdaException.invalidParameter("Requested Provisioned Concurrency should not be greater "
                            + "than the reservedConcurrentExecution for function");
                }
            } else {
                long unreserved = settings.accountConcurrency()
                        - tx.functions().reservedConcurrencyTotal(Optional.empty());
                long provisionedUnreserved = unreservedRequests(tx, function) + others;
                long available = unreserved - settings.minimumUnreserved() - provisionedUnreserved;
                if (requested > available) {
                    throw LambdaException.invalidParameter("Specified ConcurrentExecutions for function is greater "
                            + "than account's unreserved concurrency [" + Math.max(0, available) + "].");
                }
            }
            ProvisionedConcurrencyConfig config = new ProvisionedConcurrencyConfig(function, qualifier, requested,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            tx.provisionedConcurrency().put(config);
            return config;
        });
    }

    /** GetProvisionedConcurrencyConfig: the stored request, or ProvisionedConcurrencyConfigNotFoundException. */
    public ProvisionedConcurrencyConfig get(FunctionName function, Qualifier qualifier) {
        return store.read(tx -> {
            resolver.function(tx, function);
            return tx.provisionedConcurrency().find(function, qualifier).orElseThrow(ProvisionedConcurrency::notFound);
        });
    }

    /** DeleteProvisionedConcurrencyConfig; deleting what is not there changes nothing, as the call is idempotent. */
    public void delete(FunctionName function, Qualifier qualifier) {
        store.write(tx -> {
            resolver.function(tx, function);
            tx.provisionedConcurrency().delete(function, qualifier);
            return null;
        });
    }

    /** ListProvisionedConcurrencyConfigs, a page at a time, ordered by qualifier. */
    public Page<ProvisionedConcurrencyConfig> list(FunctionName function, Optional<String> marker,
                                                   Optional<Integer> maxItems) {
        int size = Markers.pageSize(maxItems);
        Optional<String> after = Markers.decode(marker);
        List<ProvisionedConcurrencyConfig> rows = store.read(tx -> {
            resolver.function(tx, function);
            return tx.provisionedConcurrency().list(function, after, size + 1);
        });
        if (rows.size() <= size) {
            return new Page<>(rows, Optional.empty());
        }
        return new Page<>(rows.subList(0, size), Optional.of(Markers.encode(rows.get(size - 1).qualifier().value())));
    }

    /** What the function's other qualifiers request. */
    private static long otherRequests(Transaction tx, FunctionName function, Qualifier qualifier) {
        return tx.provisionedConcurrency().list(function, Optional.empty(), Integer.MAX_VALUE).stream()
                .filter(c -> !c.qualifier().equals(qualifier))
                .mapToLong(ProvisionedConcurrencyConfig::requested).sum();
    }

    /** What every other function without a reservation requests: it all comes out of the unreserved pool. */
    private static long unreservedRequests(Transaction tx, FunctionName except) {
        return tx.provisionedConcurrency().all().stream()
                .filter(c -> !c.function().equals(except))
                .filter(c -> tx.functions().find(c.function()).map(f -> f.reservedConcurrency().isEmpty()).orElse(false))
                .mapToLong(ProvisionedConcurrencyConfig::requested).sum();
    }

    private static LambdaException notFound() {
        return new LambdaException(ErrorCode.PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND,
                "No Provisioned Concurrency Config found for this function");
    }
}
