package dev.lamina.invoke;

import dev.lamina.model.AccountId;
import dev.lamina.model.Alias;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaErrors;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Resolves what an invocation names to the version it runs: $LATEST, a version, or an alias, whose
 * routing configuration sends the configured share of invocations to its additional version.
 *
 * <p>Resolutions are cached with the store's generation they were read at, and served only while
 * no write has committed since ({@link Store#generation()}), so a warm invoke reads nothing from
 * the store; the weighted draw of an alias happens on every
 * invocation. Names that resolve to nothing are not cached: they fail the same way each time.
 */
final class Targets {
    private final Store store;
    private final Region region;
    private final AccountId account;
    private final int accountConcurrency;
    private final DoubleSupplier random;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
    /** Names resolved at once, at most; beyond that the cache starts over. */
    static final int MAX_CACHED = 10_000;

    private record Key(FunctionName function, Optional<Qualifier> qualifier) {
    }

    /** A resolution and the store generation it was read at (or after). */
    private record Cached(long generation, Resolution resolution) {
    }

    /** What a name resolves to: one target, or an alias's weighted choice among targets. */
    private record Resolution(Alias alias, Map<String, Target> byVersion) {
        Target primary() {
            return alias == null ? byVersion.values().iterator().next() : byVersion.get(alias.functionVersion());
        }

        Target pick(double draw) {
            if (alias == null) {
                return primary();
            }
            for (Map.Entry<String, Double> weight : alias.additionalWeights().entrySet()) {
                if (draw < weight.getValue()) {
                    return byVersion.get(weight.getKey());
                }
                draw -= weight.getValue();
            }
            return primary();
        }
    }

    /**
     * @param accountConcurrency the account's concurrency limit, from which reservations are carved
     * @param random             uniform in [0, 1), for weighted alias routing
     */
    Targets(Store store, Region region, AccountId account, int accountConcurrency, DoubleSupplier random) {
        this.store = store;
        this.region = region;
        this.account = account;
        this.accountConcurrency = accountConcurrency;
        this.random = random;
    }

    /** The version an invocation runs: for an alias, a weighted draw between its versions. */
    Target resolve(FunctionRef ref, Optional<Qualifier> qualifierParameter) {
        return resolution(ref.name(), ref.qualifierWith(qualifierParameter)).pick(random.getAsDouble());
    }

    /** The version a qualifier names without routing: for an alias, its primary version. */
    Target resolvePrimary(FunctionName function, Qualifier qualifier) {
        return resolution(function, Optional.of(qualifier)).primary();
    }

    private Resolution resolution(FunctionName function, Optional<Qualifier> qualifier) {
        long generation = store.generation();
        Key key = new Key(function, qualifier);
        Cached cached = cache.get(key);
        if (cached != null && cached.generation() == generation) {
            return cached.resolution();
        }
        Resolution resolution = store.read(tx -> load(tx, function, qualifier));
        // Tagged with the generation read before it: a write that commits meanwhile makes it stale at once.
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // names resolved under older generations pile up otherwise
        }
        cache.put(key, new Cached(generation, resolution));
        return resolution;
    }

    private Resolution load(Transaction tx, FunctionName name, Optional<Qualifier> qualifier) {
        FunctionArn base = FunctionArn.of(region, account, name);
        FunctionArn invoked = qualifier.map(base::withQualifier).orElse(base);
        FunctionRecord function = tx.functions().find(name).orElseThrow(() -> LambdaErrors.functionNotFound(base));
        Concurrency.Limits limits = limits(tx, function);
        Qualifier named = qualifier.orElse(Qualifier.LATEST);
        Map<String, Target> byVersion = new LinkedHashMap<>();
        if (named instanceof Qualifier.Alias aliasName) {
            Alias alias = tx.aliases().find(name, aliasName)
                    .orElseThrow(() -> LambdaErrors.aliasNotFound(base.withQualifier(aliasName)));
            byVersion.put(alias.functionVersion(), target(tx, base, invoked, alias.functionVersion(), limits));
            for (String additional : alias.additionalWeights().keySet()) {
                byVersion.put(additional, target(tx, base, invoked, additional, limits));
            }
            return new Resolution(alias, byVersion);
        }
        byVersion.put(named.value(), target(tx, base, invoked, named.value(), limits));
        return new Resolution(null, byVersion);
    }

    /**
     * The function's concurrency rules: its reservation, or else its provisioned concurrency, and
     * the shared pool, which every reservation and every unreserved function's provisioned
     * concurrency are taken out of.
     */
    private Concurrency.Limits limits(Transaction tx, FunctionRecord function) {
        long reservedTotal = tx.functions().reservedConcurrencyTotal(Optional.empty());
        Map<FunctionName, Boolean> hasReservation = new java.util.HashMap<>();
        long provisionedUnreserved = 0;
        int own = 0;
        for (var config : tx.provisionedConcurrency().all()) {
            boolean reserved = hasReservation.computeIfAbsent(config.function(), f -> tx.functions().find(f)
                    .map(r -> r.reservedConcurrency().isPresent()).orElse(true));
            if (!reserved) {
                provisionedUnreserved += config.requested();
                if (config.function().equals(function.name())) {
                    own += config.requested();
                }
            }
        }
        return new Concurrency.Limits(function.reservedConcurrency(), own,
                (int) (accountConcurrency - reservedTotal - provisionedUnreserved));
    }

    private static Target target(Transaction tx, FunctionArn base, FunctionArn invoked, String versionName,
                                 Concurrency.Limits limits) {
        Qualifier chosen = Qualifier.parse(versionName);
        FunctionVersion v = tx.versions().find(base.name(), chosen)
                .orElseThrow(() -> LambdaErrors.functionNotFound(base.withQualifier(chosen)));
        FunctionVersion.Deployed deployed = v.deployed().filter(d -> v.state().invocable())
                .orElseThrow(() -> LambdaErrors.notInvocable(invoked, v.state().wireState()));
        boolean provisioned = invoked.qualifier()
                .filter(q -> !(q instanceof Qualifier.Latest))
                .flatMap(q -> tx.provisionedConcurrency().find(base.name(), q))
                .isPresent();
        return new Target(v, deployed, invoked, chosen.value(), limits, provisioned);
    }
}
