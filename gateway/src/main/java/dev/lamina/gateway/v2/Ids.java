package dev.lamina.gateway.v2;

import java.security.SecureRandom;

/** Identifiers as API Gateway makes them: lower-case letters and digits (an API's are 10 long). */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

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
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
