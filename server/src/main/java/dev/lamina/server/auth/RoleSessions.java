package dev.lamina.server.auth;

import dev.lamina.control.iam.RandomIds;
import dev.lamina.invoke.CredentialIssuer;
import dev.lamina.invoke.SessionCredentials;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
    /** What a session was issued for. */
    public record Session(String roleArn, SigningKey key) {
    }

    private final AccountId account;
    private final Duration lifetime;
    private final Clock clock;
    private final RandomIds random = new RandomIds();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> roleIds;

    /** Sessions whose principal ids are their access key's (no role ids to look up). */
    public RoleSessions(AccountId account, Duration lifetime, Clock clock) {
        this(account, lifetime, clock, roleArn -> Optional.empty());
    }

    /**
     * @param lifetime how long a session's credentials are valid (Lambda's are valid for hours)
     * @param roleIds  the unique id of the role an ARN names, if Lamina knows it: a session's principal id
     *                 is {@code <role id>:<session name>}, as AWS gives it (a message's SenderId)
     */
    public RoleSessions(AccountId account, Duration lifetime, Clock clock, Function<String, Optional<String>> roleIds) {
        if (lifetime.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("role sessions last at least 10 seconds: " + lifetime);
        }
        this.account = account;
        this.lifetime = lifetime;
        this.clock = clock;
        this.roleIds = roleIds;
    }

    @Override
    public SessionCredentials issue(FunctionName function, String roleArn) {
        Instant now = clock.instant();
        SessionCredentials credentials = new SessionCredentials(random.id("ASIA"), random.secret(),
                random.token(128), now, now.plus(lifetime));
        Caller caller = new Caller(credentials.accessKeyId(),
                "arn:aws:sts::" + account.id() + ":assumed-role/" + roleName(roleArn) + "/" + function.value(),
                Caller.Kind.ROLE_SESSION,
                roleIds.apply(roleArn).orElse(credentials.accessKeyId()) + ":" + function.value());
        sessions.put(credentials.accessKeyId(), new Session(roleArn, new SigningKey(
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

    /** The last segment of {@code arn:aws:iam::<account>:role/<path/>name}; the whole text if it is no role ARN. */
    static String roleName(String roleArn) {
        int slash = roleArn.lastIndexOf('/');
        return slash >= 0 && slash < roleArn.length() - 1 ? roleArn.substring(slash + 1) : roleArn;
    }
}
