package dev.lamina.control;

import dev.lamina.model.LambdaErrors;

import dev.lamina.model.Alias;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Transaction;

import java.util.Optional;

/**
 * Finds functions, versions and aliases inside a transaction, failing with AWS's not-found errors.
 * Also the one place that builds this server's ARNs.
 */
final class Resolver {
    private final ControlSettings settings;

    Resolver(ControlSettings settings) {
        this.settings = settings;
    }

    FunctionArn arn(FunctionName name) {
        return FunctionArn.of(settings.region(), settings.account(), name);
    }

    FunctionArn arn(FunctionName name, Qualifier qualifier) {
        return arn(name).withQualifier(qualifier);
    }

    FunctionRecord function(Transaction tx, FunctionName name) {
        return tx.functions().find(name).orElseThrow(() -> LambdaErrors.functionNotFound(arn(name)));
    }

    FunctionVersion latest(Transaction tx, FunctionName name) {
        return tx.versions().find(name, Qualifier.LATEST).orElseThrow(() -> LambdaErrors.functionNotFound(arn(name)));
    }

    Alias alias(Transaction tx, FunctionName name, Qualifier.Alias alias) {
        function(tx, name);
        return tx.aliases().find(name, alias).orElseThrow(() -> LambdaErrors.aliasNotFound(arn(name, alias)));
    }

    /**
     * The version a qualifier designates: $LATEST when none is given, the version itself, or the
     * primary version of an alias.
     */
    FunctionVersion version(Transaction tx, FunctionName name, Optional<Qualifier> qualifier) {
        Qualifier q = qualifier.orElse(Qualifier.LATEST);
        if (q instanceof Qualifier.Alias a) {
            return version(tx, name, Optional.of(Qualifier.parse(alias(tx, name, a).functionVersion())));
        }
        function(tx, name);
        return tx.versions().find(name, q).orElseThrow(() -> LambdaErrors.functionNotFound(arn(name, q)));
    }
}
