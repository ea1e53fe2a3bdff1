package dev.lamina.logs.filter;

import java.util.List;
import java.util.function.Predicate;

/**
 * {@code &&} and {@code ||} over conditions, kept flat (a list, not a chain of nested lambdas) so a
 * long pattern evaluates without deep recursion.
 */
final class Conditions {
    private Conditions() {
    }

    record AllOf<T>(List<Predicate<T>> parts) implements Predicate<T> {
        @Override
        public boolean test(T subject) {
            for (Predicate<T> part : parts) {
                if (!part.test(subject)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf<T>(List<Predicate<T>> parts) implements Predicate<T> {
        @Override
        public boolean test(T subject) {
            for (Predicate<T> part : parts) {
                if (part.test(subject)) {
                    return true;
                }
            }
            return false;
        }
    }
}
