package dev.lamina.gateway.v2;

import dev.lamina.gateway.api.GatewayIds;

/** Identifiers as API Gateway makes them: lower-case letters and digits (an API's are 10 long). */
final class Ids {
    private Ids() {
    }

    static String api() {
        return of(10);
    }

    /** Routes and integrations: 7 characters. */
    static String part() {
        return of(7);
    }

    /** Deployments and authorizers: 6 characters. */
    static String shortPart() {
        return of(6);
    }

    private static String of(int length) {
        return GatewayIds.random(length);
    }
}
