package dev.lamina.control;

import dev.lamina.model.LambdaErrors;

import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases. */
public final class Aliases {

    /** What UpdateAlias may change; empty components stay as they are. */
    public record Update(Optional<String> functionVersion, Optional<String> description,
                         Optional<Map<String, Double>> additionalWeights, Optional<String> revisionId) {
    }

    private final Store store;
    private final Resolver resolver;

    Aliases(Store store, Resolver resolver) {
        this.store = store;
        this.resolver = resolver;
    }

    public Alias create(FunctionName function, Qualifier.Alias name, String functionVersion, String description,
                        Map<String, Double> additionalWeights) {
        return store.write(tx -> {
            resolver.function(tx, function);
            if (tx.aliases().find(function, name).isPresent()) {
                throw LambdaErrors.aliasExists(resolver.arn(function, name));
            }
            checkTargets(tx, function, functionVersion, additionalWeights);
            Alias alias = new Alias(function, name, functionVersion, description, additionalWeights, Revisions.next());
            tx.aliases().insert(alias);
            return alias;
        });
    }

    public Alias get(FunctionName function, Qualifier.Alias name) {
        return store.read(tx -> resolver.alias(tx, function, name));
    }

    public Alias update(FunctionName function, Qualifier.Alias name, Update update) {
        return store.write(tx -> {
            Alias current = resolver.alias(tx, function, name);
            Revisions.expect(update.revisionId(), current.revisionId());
            String version = update.functionVersion().orElse(current.functionVersion());
            Map<String, Double> weights = update.additionalWeights().orElse(current.additionalWeights());
            checkTargets(tx, function, version, weights);
            Alias next = new Alias(function, name, version, update.description().orElse(current.description()),
                    weights, Revisions.next());
            tx.aliases().update(next);
            return next;
        });
    }

    public void delete(FunctionName function, Qualifier.Alias name) {
        store.write(tx -> {
            resolver.alias(tx, function, name);
            tx.aliases().delete(function, name);
            return null;
        });
    }

    public Page<Alias> list(FunctionName function, Optional<String> functionVersion, Optional<String> marker,
                            Optional<Integer> maxItems) {
        int size = Markers.pageSize(maxItems);
        Optional<String> after = Markers.decode(marker);
        List<Alias> rows = store.read(tx -> {
            resolver.function(tx, function);
            return tx.aliases().list(function, functionVersion, after, size + 1);
        });
        if (rows.size() <= size) {
            return new Page<>(rows, Optional.empty());
        }
        return new Page<>(rows.subList(0, size), Optional.of(Markers.encode(rows.get(size - 1).name().name())));
    }

    /**
     * The versions an alias points to must exist, and traffic may be split only between two distinct
     * published versions, as on AWS.
     */
    private void checkTargets(Transaction tx, FunctionName function, String version, Map<String, Double> weights) {
        resolver.version(tx, function, Optional.of(Qualifier.parse(version)));
        if (weights.isEmpty()) {
            return;
        }
        if (weights.size() > 1) {
            throw LambdaException.invalidParameter(
                    "Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        if (Qualifier.LATEST_NAME.equals(version)) {
            throw LambdaException.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
        }
        for (String additional : weights.keySet()) {
            if (additional.equals(version)) {
                throw LambdaException.invalidParameter("Invalid function version " + additional
                        + ". Function version " + additional + " is already included in routing configuration.");
            }
            resolver.version(tx, function, Optional.of(Qualifier.parse(additional)));
        }
    }
}
