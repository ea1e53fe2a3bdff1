package dev.lamina.store;

import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;

import java.util.List;
import java.util.Optional;

/** Functions as a whole: tags, reserved concurrency, version counter. */
public interface FunctionRepository {
    Optional<FunctionRecord> find(FunctionName name);

    /** Inserts a new function; the caller has checked that the name is free. */
    void insert(FunctionRecord function);

    void update(FunctionRecord function);

    /** Deletes the function with all its versions and aliases. */
    void delete(FunctionName name);

    /** Up to {@code limit} names in ascending order, strictly after {@code after} when given. */
    List<FunctionName> names(Optional<FunctionName> after, int limit);

    long count();

    /** The sum of every function's reserved concurrency, optionally leaving one function out. */
    long reservedConcurrencyTotal(Optional<FunctionName> except);
}
