package dev.lamina.control.iam;

import java.security.SecureRandom;

/**
 * IAM-looking identifiers and secrets from a SecureRandom: users' keys here, and the server's root
 * keys and execution-role sessions too, so every key Lamina makes has the one shape AWS's have.
 */
public final class RandomIds {
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random = new SecureRandom();

    /** A 20-character id with IAM's four-letter prefix ({@code AIDA} users, {@code AROA} roles, …). */
    public String id(String prefix) {
        return prefix + text(ID_ALPHABET, 20 - prefix.length());
    }

    /** A 40-character secret access key. */
    public String secret() {
        return text(SECRET_ALPHABET, 40);
    }

    /** A session token of {@code length} characters of the secrets' alphabet. */
    public String token(int length) {
        return text(SECRET_ALPHABET, length);
    }

    private String text(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
