package dev.lamina.store.iam;

import java.time.Instant;

/**
 * A user's access key as stored: the secret only sealed. Opening it needs the master key's
 * {@code access-keys} sealer.
 */
public record AccessKey(String accessKeyId, String userName, String sealedSecret, Instant createdAt) {
    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", user=" + userName + ", secret=****]";
    }
}
