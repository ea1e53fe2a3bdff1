package dev.lamina.events.esm;

import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaErrors;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.store.Transaction;

import java.util.Optional;

/** Resolves the function a mapping names, inside a transaction, with Lambda's not-found errors. */
record FunctionLookup(Region region, AccountId account) {

    /**
     * What a mapping needs of its function.
     *
     * @param arn      the ARN the mapping names: qualified when the request named a version or alias
     * @param timeout  the function's timeout in seconds (for the queue's visibility timeout check)
     */
    record Found(FunctionRef ref, FunctionArn arn, int timeout, String role) {
    }

    Found resolve(Transaction tx, String functionName) {
        FunctionRef ref = FunctionRef.parse(functionName, region, account);
        FunctionArn base = FunctionArn.of(region, account, ref.name());
        if (tx.functions().find(ref.name()).isEmpty()) {
            throw LambdaErrors.functionNotFound(ref.qualifier().map(base::withQualifier).orElse(base));
        }
        Qualifier q = ref.qualifier().orElse(Qualifier.LATEST);
        Qualifier version = q;
        if (q instanceof Qualifier.Alias alias) {
            version = tx.aliases().find(ref.name(), alias).map(a -> Qualifier.parse(a.functionVersion()))
                    .orElseThrow(() -> LambdaErrors.aliasNotFound(base.withQualifier(alias)));
        }
        Optional<FunctionVersion> v = tx.versions().find(ref.name(), version);
        if (v.isEmpty()) {
            throw LambdaErrors.functionNotFound(base.withQualifier(q));
        }
        return new Found(ref, ref.qualifier().map(base::withQualifier).orElse(base), v.get().config().timeout(),
                v.get().config().role());
    }
}
