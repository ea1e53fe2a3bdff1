package dev.lamina.gateway;

import dev.lamina.control.ControlPlane;
import dev.lamina.gateway.web.SignatureCheck;
import dev.lamina.invoke.Invoker;
import dev.lamina.store.Store;

import java.time.Clock;
import java.util.Objects;

/**
 * What the front doors are built from, wired by {@code Main}: their settings, the store their
 * configuration lives in, the control plane (functions, aliases, resource policies), the
 * {@link Invoker} every request ends in, the edge's SigV4 check, and the clock.
 */
public record GatewayContext(GatewaySettings settings, Store store, ControlPlane control, Invoker invoker,
                             SignatureCheck signatures, Clock clock) {
    public GatewayContext {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(store);
        Objects.requireNonNull(control);
        Objects.requireNonNull(invoker);
        Objects.requireNonNull(signatures);
        Objects.requireNonNull(clock);
    }
}
