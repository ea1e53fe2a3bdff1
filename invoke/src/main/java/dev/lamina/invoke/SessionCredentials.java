package dev.lamina.invoke;

import java.time.Instant;
import java.util.Objects;

/**
 * The temporary credentials an execution environment receives for its function's execution role
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). {@link #toString()} shows neither
 * the secret nor the token.
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
                                 Instant issuedAt, Instant expiresAt) {
    public SessionCredentials {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
        Objects.requireNonNull(sessionToken);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("credentials must expire after they are issued");
        }
    }

    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiresAt=" + expiresAt + "]";
    }
}
