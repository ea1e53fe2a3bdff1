package dev.lamina.gateway.api;

import java.security.SecureRandom;

/** Identifiers as API Gateway makes them: random lower-case letters and digits. */
public final class GatewayIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private GatewayIds() {
    }

    public static String random(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
