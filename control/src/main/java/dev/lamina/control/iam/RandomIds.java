package dev.lamina.control.iam;

import java.security.SecureRandom;

/** IAM-looking identifiers and secrets from a SecureRandom. */
final class RandomIds {
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random = new SecureRandom();

    /** A 20-character id with IAM's four-letter prefix ({@code AIDA} users, {@code AROA} roles, …). */
    String id(String prefix) {
        return prefix + text(ID_ALPHABET, 20 - prefix.length());
    }

    /** A 40-character secret access key. */
    String secret() {
        return text(SECRET_ALPHABET, 40);
    }

    private String text(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
