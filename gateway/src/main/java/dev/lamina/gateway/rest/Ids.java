package dev.lamina.gateway.rest;

import java.security.SecureRandom;

/** API Gateway's identifiers: ten lower-case letters and digits ({@code a1b2c3d4e5}). */
final class Ids {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }

    /** Whether {@code text} could be an id at all (anything else is not found without a lookup). */
    static boolean plausible(String text) {
        return text != null && text.matches("[a-z0-9]{1,32}");
    }
}
