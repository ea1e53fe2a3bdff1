package dev.lamina.store;

import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;

import java.util.List;
import java.util.Optional;

/** Aliases of functions. Listings are ordered by alias name. */
public interface AliasRepository {
    Optional<Alias> find(FunctionName function, Qualifier.Alias name);

    void insert(Alias alias);

    void update(Alias alias);

    void delete(FunctionName function, Qualifier.Alias name);

    /**
     * Aliases of one function after {@code after}, optionally only those whose primary or
     * additional version is {@code version}.
     */
    List<Alias> list(FunctionName function, Optional<String> version, Optional<String> after, int limit);
}
