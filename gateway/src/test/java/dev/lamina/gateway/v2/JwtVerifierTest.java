package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ISSUER = "http://127.0.0.1:1/issuer";
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A compact JWS signed with the JDK, as an identity provider would sign it. */
    static String sign(String alg, PrivateKey key, ObjectNode claims) throws Exception {
        String header = b64(("{\"alg\":\"" + alg + "\",\"kid\":\"k1\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String input = header + "." + b64(JSON.writeValueAsBytes(claims));
        Signature s = Signature.getInstance(alg.startsWith("RS") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    static ObjectNode claims(long exp) {
        ObjectNode c = JSON.createObjectNode();
        c.put("iss", ISSUER);
        c.put("aud", "my-api");
        c.put("sub", "user-1");
        c.put("exp", exp);
        c.put("iat", NOW.getEpochSecond() - 10);
        return c;
    }

    static void verify(String token, java.security.PublicKey key) throws JwtVerifier.Rejected {
        JwtVerifier.Token t = JwtVerifier.decode(token);
        JwtVerifier.verifySignature(t, key);
        JwtVerifier.checkClaims(t.claims(), ISSUER, List.of("my-api"), NOW);
    }

    @Test
    void anRs256TokenOfTheIssuerForTheAudienceVerifies() throws Exception {
        KeyPair k = rsa();
        String token = sign("RS256", k.getPrivate(), claims(NOW.getEpochSecond() + 300));
        assertThatCode(() -> verify(token, k.getPublic())).doesNotThrowAnyException();
        assertThat(JwtVerifier.decode(token).kid()).isEqualTo("k1");
    }

    @Test
    void anEs256TokenVerifies() throws Exception {
        KeyPair k = ec();
        String token = sign("ES256", k.getPrivate(), claims(NOW.getEpochSecond() + 300));
        assertThatCode(() -> verify(token, k.getPublic())).doesNotThrowAnyException();
    }

    @Test
    void aTokenSignedByAnotherKeyOrAlteredIsRejected() throws Exception {
        KeyPair k = rsa();
        String token = sign("RS256", rsa().getPrivate(), claims(NOW.getEpochSecond() + 300));
        assertThatThrownBy(() -> verify(token, k.getPublic())).hasMessageContaining("signature");

        String good = sign("RS256", k.getPrivate(), claims(NOW.getEpochSecond() + 300));
        String[] parts = good.split("\\.");
        ObjectNode forged = claims(NOW.getEpochSecond() + 300).put("sub", "admin");
        String altered = parts[0] + "." + b64(JSON.writeValueAsBytes(forged)) + "." + parts[2];
        assertThatThrownBy(() -> verify(altered, k.getPublic())).hasMessageContaining("signature");
    }

    @Test
    void expiredWrongIssuerWrongAudienceAndNotYetValidTokensAreRejected() throws Exception {
        KeyPair k = rsa();
        assertThatThrownBy(() -> verify(sign("RS256", k.getPrivate(), claims(NOW.getEpochSecond() - 1)), k.getPublic()))
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> verify(sign("RS256", k.getPrivate(),
                claims(NOW.getEpochSecond() + 300).put("iss", "http://elsewhere")), k.getPublic()))
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> verify(sign("RS256", k.getPrivate(),
                claims(NOW.getEpochSecond() + 300).put("aud", "other")), k.getPublic()))
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> verify(sign("RS256", k.getPrivate(),
                claims(NOW.getEpochSecond() + 300).put("nbf", NOW.getEpochSecond() + 3600)), k.getPublic()))
                .hasMessageContaining("not valid yet");
    }

    @Test
    void aClientIdStandsForTheAudienceAsInCognitoAccessTokens() throws Exception {
        KeyPair k = rsa();
        ObjectNode c = claims(NOW.getEpochSecond() + 300);
        c.remove("aud");
        c.put("client_id", "my-api");
        assertThatCode(() -> verify(sign("RS256", k.getPrivate(), c), k.getPublic())).doesNotThrowAnyException();
    }

    @Test
    void unsignedAndMalformedTokensAreRejected() throws Exception {
        String none = b64("{\"alg\":\"none\"}".getBytes()) + "." + b64(JSON.writeValueAsBytes(claims(NOW.getEpochSecond() + 99)))
                + ".";
        assertThatThrownBy(() -> JwtVerifier.decode(none)).isInstanceOf(JwtVerifier.Rejected.class);
        assertThatThrownBy(() -> JwtVerifier.decode("abc")).isInstanceOf(JwtVerifier.Rejected.class);
        assertThatThrownBy(() -> JwtVerifier.decode("a.b.c")).isInstanceOf(JwtVerifier.Rejected.class);
        String hs = b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}".getBytes()) + "."
                + b64(JSON.writeValueAsBytes(claims(NOW.getEpochSecond() + 99))) + "." + b64(new byte[32]);
        assertThatThrownBy(() -> JwtVerifier.verifySignature(JwtVerifier.decode(hs), rsa().getPublic()))
                .hasMessageContaining("not supported");
    }

    @Test
    void jwksKeysAreRead() throws Exception {
        RSAPublicKey r = (RSAPublicKey) rsa().getPublic();
        ObjectNode jwk = JSON.createObjectNode().put("kty", "RSA").put("kid", "a")
                .put("n", b64(unsigned(r.getModulus().toByteArray()))).put("e", b64(r.getPublicExponent().toByteArray()));
        assertThat(Jwks.parse(jwk)).contains(r);
        ECPublicKey e = (ECPublicKey) ec().getPublic();
        ObjectNode ecJwk = JSON.createObjectNode().put("kty", "EC").put("crv", "P-256")
                .put("x", b64(unsigned(e.getW().getAffineX().toByteArray())))
                .put("y", b64(unsigned(e.getW().getAffineY().toByteArray())));
        assertThat(Jwks.parse(ecJwk)).contains(e);
    }

    static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @Test
    void scopesComeFromScopeOrScpAndClaimsAreText() throws Exception {
        ObjectNode c = JSON.createObjectNode().put("scope", "read write");
        c.putArray("scp").add("admin");
        assertThat(JwtAuthorizer.scopes(c)).containsExactly("read", "write", "admin");
        assertThat(JwtAuthorizer.claimText(JSON.readTree("[\"a\",\"b\"]"))).isEqualTo("[a b]");
        assertThat(JwtAuthorizer.claimText(JSON.readTree("42"))).isEqualTo("42");
    }
}
