package dev.lamina.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}. Built by Lamina for
 * its own functions; callers' spellings of a function are parsed by {@link FunctionRef}.
 */
public record FunctionArn(Region region, AccountId account, FunctionName name, Optional<Qualifier> qualifier) {
    public FunctionArn {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(name);
        Objects.requireNonNull(qualifier);
    }

    public static FunctionArn of(Region region, AccountId account, FunctionName name) {
        return new FunctionArn(region, account, name, Optional.empty());
    }

    public FunctionArn withQualifier(Qualifier q) {
        return new FunctionArn(region, account, name, Optional.of(q));
    }

    public FunctionArn unqualified() {
        return new FunctionArn(region, account, name, Optional.empty());
    }

    @Override
    public String toString() {
        String base = "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
        return qualifier.map(q -> base + ":" + q.value()).orElse(base);
    }
}
