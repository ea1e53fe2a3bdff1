package dev.lamina.control;

import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.LambdaException;
import dev.lamina.store.Store;

import java.util.OptionalInt;

/** GetAccountSettings and the reserved-concurrency operations, which are bounded by the account's limits. */
public final class Account {

    /** AWS's AccountLimit and AccountUsage, measured on this server. */
    public record Settings(long totalCodeSizeLimit, long codeSizeUnzippedLimit, long codeSizeZippedLimit,
                           int concurrentExecutions, int unreservedConcurrentExecutions,
                           long totalCodeSize, long functionCount) {
    }

    private final Store store;
    private final Resolver resolver;
    private final ControlSettings settings;

    Account(Store store, Resolver resolver, ControlSettings settings) {
        this.store = store;
        this.resolver = resolver;
        this.settings = settings;
    }

    public Settings settings() {
        return store.read(tx -> new Settings(settings.totalCodeSizeLimit(), settings.maxUnzippedBytes(),
                settings.maxZippedBytes(), settings.accountConcurrency(),
                (int) (settings.accountConcurrency() - tx.functions().reservedConcurrencyTotal(java.util.Optional.empty())),
                tx.versions().totalCodeSize(), tx.functions().count()));
    }

    /**
     * PutFunctionConcurrency. Reservations together must leave the account's minimum unreserved
     * concurrency to every other function.
     */
    public int reserve(FunctionName function, int reserved) {
        return store.write(tx -> {
            FunctionRecord f = resolver.function(tx, function);
            long others = tx.functions().reservedConcurrencyTotal(java.util.Optional.of(function));
            if (others + reserved > settings.accountConcurrency() - settings.minimumUnreserved()) {
                throw LambdaException.invalidParameter("Specified ReservedConcurrentExecutions for function decreases "
                        + "account's UnreservedConcurrentExecution below its minimum value of ["
                        + settings.minimumUnreserved() + "].");
            }
            long provisioned = tx.provisionedConcurrency().list(function, java.util.Optional.empty(), Integer.MAX_VALUE)
                    .stream().mapToLong(c -> c.requested()).sum();
            if (reserved < provisioned) {
                throw LambdaException.invalidParameter("Specified ReservedConcurrentExecutions for function is less "
                        + "than the function's provisioned concurrency [" + provisioned + "].");
            }
            tx.functions().update(f.withReservedConcurrency(OptionalInt.of(reserved)));
            return reserved;
        });
    }

    public OptionalInt reservation(FunctionName function) {
        return store.read(tx -> resolver.function(tx, function).reservedConcurrency());
    }

    public void removeReservation(FunctionName function) {
        store.write(tx -> {
            FunctionRecord f = resolver.function(tx, function);
            tx.functions().update(f.withReservedConcurrency(OptionalInt.empty()));
            return null;
        });
    }
}
