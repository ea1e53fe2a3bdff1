package dev.lamina.gateway.rest;

import dev.lamina.gateway.api.GatewayIds;

/** API Gateway's identifiers: ten lower-case letters and digits ({@code a1b2c3d4e5}). */
final class Ids {
    private Ids() {
    }

    static String next() {
        return GatewayIds.random(10);
    }

    /** Whether {@code text} could be an id at all (anything else is not found without a lookup). */
    static boolean plausible(String text) {
        return text != null && text.matches("[a-z0-9]{1,32}");
    }
}
