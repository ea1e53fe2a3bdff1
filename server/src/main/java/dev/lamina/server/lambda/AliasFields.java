package dev.lamina.server.lambda;

import dev.lamina.model.Qualifier;

import java.util.Map;
import java.util.Optional;

/** The members CreateAlias and UpdateAlias share, checked against the model's constraints. */
final class AliasFields {
    static final String NAME_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    static final String VERSION_PATTERN = "(\\$LATEST(\\.PUBLISHED)?|[0-9]+)";

    private AliasFields() {
    }

    /** Checks an alias name from the path or the body. */
    static Qualifier.Alias name(String name, Violations v) {
        v.length("name", name, 1, 128);
        v.pattern("name", name, NAME_PATTERN);
        v.throwIfAny();
        return new Qualifier.Alias(name);
    }

    static Optional<String> functionVersion(Fields f, Violations v) {
        Optional<String> version = f.string("FunctionVersion");
        version.ifPresent(s -> {
            v.length("functionVersion", s, 1, 1024);
            v.pattern("functionVersion", s, "\\$LATEST|[0-9]+");
        });
        return version;
    }

    static Optional<String> description(Fields f, Violations v) {
        Optional<String> description = f.string("Description");
        description.ifPresent(d -> v.length("description", d, 0, 256));
        return description;
    }

    /** RoutingConfig.AdditionalVersionWeights; an empty RoutingConfig removes the routing. */
    static Optional<Map<String, Double>> weights(Fields f, Violations v) {
        Optional<Fields> routing = f.object("RoutingConfig");
        if (routing.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> weights = routing.get().numberMap("AdditionalVersionWeights").orElse(Map.of());
        weights.forEach((version, weight) -> {
            v.length("routingConfig.additionalVersionWeights.key", version, 1, 1024);
            v.pattern("routingConfig.additionalVersionWeights.key", version, "[0-9]+");
            v.min("routingConfig.additionalVersionWeights.value", weight, 0);
            v.max("routingConfig.additionalVersionWeights.value", weight, 1);
        });
        return Optional.of(weights);
    }
}
