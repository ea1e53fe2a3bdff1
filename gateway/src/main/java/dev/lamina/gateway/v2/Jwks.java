package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issuers' signing keys: {@code <issuer>/.well-known/openid-configuration} names the {@code jwks_uri},
 * whose keys are kept for two hours, as API Gateway caches them. A token signed with a key id the
 * cache does not know fetches the keys again (at most every ten seconds per issuer), so a rotated
 * key is picked up at once.
 */
final class Jwks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KEEP = Duration.ofHours(2);
    private static final Duration REFETCH = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BYTES = 1 << 20;

    private record Keys(Instant fetched, Map<String, PublicKey> byKid) {
    }

    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, Keys> cache = new ConcurrentHashMap<>();

    Jwks(Clock clock) {
        this.clock = clock;
    }

    /** The issuer's key with this id; empty when the issuer does not publish it or cannot be reached. */
    Optional<PublicKey> key(String issuer, String kid) throws InterruptedException {
        Instant now = clock.instant();
        Keys keys = cache.get(issuer);
        boolean stale = keys == null || keys.fetched().plus(KEEP).isBefore(now);
        boolean unknown = keys != null && !keys.byKid().containsKey(kid) && keys.fetched().plus(REFETCH).isBefore(now);
        if (stale || unknown) {
            try {
                keys = fetch(issuer, now);
                cache.put(issuer, keys);
            } catch (IOException | RuntimeException e) {
                if (keys == null) {
                    return Optional.empty();
                }
            }
        }
        return Optional.ofNullable(keys.byKid().get(kid));
    }

    private Keys fetch(String issuer, Instant now) throws IOException, InterruptedException {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode config = get(URI.create(base + "/.well-known/openid-configuration"));
        String jwksUri = config.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            throw new IOException("the issuer's openid-configuration names no jwks_uri");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode jwk : get(URI.create(jwksUri)).path("keys")) {
            try {
                parse(jwk).ifPresent(k -> keys.put(jwk.path("kid").asText(""), k));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a key Lamina cannot read is skipped: tokens signed with it are refused
            }
        }
        return new Keys(now, Map.copyOf(keys));
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 || r.body().length > MAX_BYTES) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    /** An RSA or P-256 EC signing key of a JWKS; empty for other kinds and for encryption keys. */
    static Optional<PublicKey> parse(JsonNode jwk) throws GeneralSecurityException {
        if (jwk.path("use").asText("sig").equals("enc")) {
            return Optional.empty();
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        switch (jwk.path("kty").asText("")) {
            case "RSA" -> {
                BigInteger n = new BigInteger(1, b64.decode(jwk.path("n").asText()));
                BigInteger e = new BigInteger(1, b64.decode(jwk.path("e").asText()));
                return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            }
            case "EC" -> {
                if (!jwk.path("crv").asText().equals("P-256")) {
                    return Optional.empty();
                }
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
                ECPoint w = new ECPoint(new BigInteger(1, b64.decode(jwk.path("x").asText())),
                        new BigInteger(1, b64.decode(jwk.path("y").asText())));
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
