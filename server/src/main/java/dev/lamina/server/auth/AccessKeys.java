package dev.lamina.server.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Finds the secret behind an access key id, for signature verification. The root key pair, users'
 * keys and the short-lived keys of execution-role sessions all answer through this one interface.
 */
public interface AccessKeys {
    Optional<SigningKey> find(String accessKeyId);

    /**
     * @param sessionToken present for temporary credentials: a request signed with them must carry it
     *                     in {@code X-Amz-Security-Token}
     * @param expiresAt    after which the key is refused, for temporary credentials
     */
    record SigningKey(String secretAccessKey, Caller caller, Optional<String> sessionToken,
                      Optional<Instant> expiresAt) {
        @Override
        public String toString() {
            return "SigningKey[caller=" + caller + ", secretAccessKey=****]";
        }
    }

    /** Asks each source in turn; the first that knows the key answers. */
    static AccessKeys inOrder(AccessKeys... sources) {
        java.util.List<AccessKeys> all = java.util.List.of(sources);
        return id -> all.stream().map(source -> source.find(id)).flatMap(Optional::stream).findFirst();
    }

    /** Only the root key pair. */
    static AccessKeys root(String accountId, String accessKeyId, String secretAccessKey) {
        SigningKey key = new SigningKey(secretAccessKey,
                new Caller(accessKeyId, "arn:aws:iam::" + accountId + ":root", Caller.Kind.ROOT),
                Optional.empty(), Optional.empty());
        return id -> id.equals(accessKeyId) ? Optional.of(key) : Optional.empty();
    }
}
