package dev.lamina.invoke;

import dev.lamina.model.FunctionName;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Issues random credentials with a fixed lifetime and remembers which are still held. */
final class TestIssuer implements CredentialIssuer {
    volatile Duration lifetime;
    final Set<String> held = ConcurrentHashMap.newKeySet();
    final Set<String> issued = ConcurrentHashMap.newKeySet();

    TestIssuer(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public SessionCredentials issue(FunctionName function, String roleArn) {
        Instant now = Instant.now();
        String id = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        held.add(id);
        issued.add(id);
        return new SessionCredentials(id, UUID.randomUUID().toString(), UUID.randomUUID().toString(), now,
                now.plus(lifetime));
    }

    @Override
    public void revoke(SessionCredentials credentials) {
        held.remove(credentials.accessKeyId());
    }
}
