package dev.lamina.invoke;

import dev.lamina.model.FunctionName;

import java.time.Duration;

/** How long idle on-demand environments are kept for reuse before they are shut down. */
interface KeepAlive {
    /** The idle time after which an environment of {@code function} is stopped. */
    Duration ttl(FunctionName function);

    /** The shortest time-to-live the policy ever gives, which sets how often the pool looks. */
    Duration shortest();

    /** Tells the policy that {@code function} was invoked now. */
    default void invoked(FunctionName function) {
    }

    /** The same time-to-live for everyone. */
    static KeepAlive fixed(Duration ttl) {
        return new KeepAlive() {
            @Override
            public Duration ttl(FunctionName function) {
                return ttl;
            }

            @Override
            public Duration shortest() {
                return ttl;
            }
        };
    }
}
