package dev.lamina.server.auth;

import dev.lamina.invoke.CredentialIssuer;
import dev.lamina.invoke.SessionCredentials;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionName;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of execution roles: one per execution environment, as Lambda assumes the function's
 * role for each environment. A session's keys sign requests to Lamina's own API as
 * {@code arn:aws:sts::<account>:assumed-role/<role name>/<function name>}, with the role's policy.
 *
 * <p>Sessions live in memory only: they belong to environments, which do not survive a restart
 * either. They end when their environment ends ({@link #revoke}) or when they expire; the pool
 * retires an environment before its session expires, so a new one gets fresh credentials.
 */
public final class RoleSessions implements CredentialIssuer, AccessKeys {
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** What a session was issued for. */
    public record Session(String roleArn, FunctionName function, SigningKey key) {
    }

    private final AccountId account;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** @param lifetime how long a session's credentials are valid (Lambda's are valid for hours) */
    public RoleSessions(AccountId account, Duration lifetime, Clock clock) {
        if (lifetime.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("role sessions last at least 10 seconds: " + lifetime);
        }
        this.account = account;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public SessionCredentials issue(FunctionName function, String roleArn) {
        Instant now = clock.instant();
        StringBuilder id = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        SessionCredentials credentials = new SessionCredentials(id.toString(), randomBase64(30), randomBase64(96),
                now, now.plus(lifetime));
        Caller caller = new Caller(credentials.accessKeyId(),
                "arn:aws:sts::" + account.id() + ":assumed-role/" + roleName(roleArn) + "/" + function.value(),
                Caller.Kind.ROLE_SESSION);
        sessions.put(credentials.accessKeyId(), new Session(roleArn, function, new SigningKey(
                credentials.secretAccessKey(), caller, Optional.of(credentials.sessionToken()),
                Optional.of(credentials.expiresAt()))));
        return credentials;
    }

    @Override
    public void revoke(SessionCredentials credentials) {
        sessions.remove(credentials.accessKeyId());
    }

    @Override
    public Optional<SigningKey> find(String accessKeyId) {
        return session(accessKeyId).map(Session::key);
    }

    /** The session behind a key, while its environment lives (expired ones included: the verifier refuses those). */
    public Optional<Session> session(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    /** How many sessions are open: one per live environment. */
    public int open() {
        return sessions.size();
    }

    /** The last segment of {@code arn:aws:iam::<account>:role/<path/>name}; the whole text if it is no role ARN. */
    static String roleName(String roleArn) {
        int slash = roleArn.lastIndexOf('/');
        return slash >= 0 && slash < roleArn.length() - 1 ? roleArn.substring(slash + 1) : roleArn;
    }

    private String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
