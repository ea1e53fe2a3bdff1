package dev.lamina.gateway.rest;

import dev.lamina.store.Store;

import java.time.Clock;

/**
 * What the control-plane operations share: the store, the account and region they answer for,
 * and the clock of createdDate and lastUpdatedDate (epoch seconds on the wire).
 */
record Ops(Store store, String account, String region, Clock clock) {

    long now() {
        return clock.millis() / 1000;
    }
}
