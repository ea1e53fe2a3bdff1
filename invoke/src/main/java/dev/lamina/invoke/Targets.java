package dev.lamina.invoke;

import dev.lamina.model.AccountId;
import dev.lamina.model.Alias;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaErrors;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;

import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Resolves what an invocation names to the version it runs: $LATEST, a version, or an alias, whose
 * routing configuration sends the configured share of invocations to its additional version.
 */
final class Targets {
    private final Store store;
    private final Region region;
    private final AccountId account;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), for weighted alias routing */
    Targets(Store store, Region region, AccountId account, DoubleSupplier random) {
        this.store = store;
        this.region = region;
        this.account = account;
        this.random = random;
    }

    Target resolve(FunctionRef ref, Optional<Qualifier> qualifierParameter) {
        Optional<Qualifier> qualifier = ref.qualifierWith(qualifierParameter);
        FunctionArn base = FunctionArn.of(region, account, ref.name());
        FunctionArn invoked = qualifier.map(base::withQualifier).orElse(base);
        return store.read(tx -> {
            if (tx.functions().find(ref.name()).isEmpty()) {
                throw LambdaErrors.functionNotFound(base);
            }
            Qualifier version = qualifier.orElse(Qualifier.LATEST);
            if (version instanceof Qualifier.Alias alias) {
                version = route(tx, base, alias);
            }
            Qualifier chosen = version;
            FunctionVersion v = tx.versions().find(ref.name(), chosen)
                    .orElseThrow(() -> LambdaErrors.functionNotFound(base.withQualifier(chosen)));
            FunctionVersion.Deployed deployed = v.deployed().filter(d -> v.state().invocable())
                    .orElseThrow(() -> LambdaErrors.notInvocable(invoked, v.state().wireState()));
            return new Target(v, deployed, invoked, chosen.value());
        });
    }

    private Qualifier route(Transaction tx, FunctionArn base, Qualifier.Alias alias) {
        Alias a = tx.aliases().find(base.name(), alias)
                .orElseThrow(() -> LambdaErrors.aliasNotFound(base.withQualifier(alias)));
        double draw = random.getAsDouble();
        for (Map.Entry<String, Double> weight : a.additionalWeights().entrySet()) {
            if (draw < weight.getValue()) {
                return Qualifier.parse(weight.getKey());
            }
            draw -= weight.getValue();
        }
        return Qualifier.parse(a.functionVersion());
    }
}
