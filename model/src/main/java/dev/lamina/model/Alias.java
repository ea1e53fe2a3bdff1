package dev.lamina.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named pointer to a function version, optionally sending a share of traffic to a second
 * version (RoutingConfig.AdditionalVersionWeights).
 *
 * @param functionVersion   "$LATEST" or a published version number
 * @param additionalWeights version number to the share of invocations it receives, 0.0 to 1.0
 */
public record Alias(
        FunctionName functionName,
        Qualifier.Alias name,
        String functionVersion,
        String description,
        Map<String, Double> additionalWeights,
        String revisionId) {

    public Alias {
        Objects.requireNonNull(functionName);
        Objects.requireNonNull(name);
        Objects.requireNonNull(functionVersion);
        Objects.requireNonNull(description);
        additionalWeights = Collections.unmodifiableMap(new TreeMap<>(additionalWeights));
        Objects.requireNonNull(revisionId);
    }
}
