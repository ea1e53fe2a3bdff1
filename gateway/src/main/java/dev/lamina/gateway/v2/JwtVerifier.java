package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * JSON Web Tokens as an HTTP API's JWT authorizer checks them: a signed JWS in compact form
 * (RS256, RS384, RS512 or ES256), its key found by {@code kid} in the issuer's JWKS, {@code iss}
 * equal to the authorizer's issuer, {@code aud} (or {@code client_id}) one of its audiences, and
 * {@code exp}, {@code nbf} and {@code iat} consistent with the time now.
 */
final class JwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tolerance for clocks that disagree a little, on nbf and iat. */
    private static final long SKEW_SECONDS = 60;

    private JwtVerifier() {
    }

    /** The token is not acceptable; the description is what {@code www-authenticate} says. */
    static final class Rejected extends Exception {
        Rejected(String description) {
            super(description);
        }
    }

    record Token(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
        String alg() {
            return header.path("alg").asText("");
        }

        String kid() {
            return header.path("kid").asText("");
        }
    }

    static Token decode(String token) throws Rejected {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new Rejected("the token is not a signed JWT");
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(b64.decode(parts[0]));
            JsonNode claims = JSON.readTree(b64.decode(parts[1]));
            if (!(header instanceof ObjectNode h) || !(claims instanceof ObjectNode c)) {
                throw new Rejected("the token is not a signed JWT");
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new Token(h, c, input, b64.decode(parts[2]));
        } catch (IllegalArgumentException | IOException e) {
            throw new Rejected("the token is not a signed JWT");
        }
    }

    static void verifySignature(Token token, PublicKey key) throws Rejected {
        String alg = token.alg();
        try {
            boolean ok = switch (alg) {
                case "RS256", "RS384", "RS512" -> {
                    if (!(key instanceof RSAPublicKey)) {
                        throw new Rejected("the key does not match the token's algorithm");
                    }
                    Signature s = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
                    s.initVerify(key);
                    s.update(token.signingInput());
                    yield s.verify(token.signature());
                }
                case "ES256" -> {
                    if (!(key instanceof ECPublicKey) || token.signature().length != 64) {
                        throw new Rejected("the key does not match the token's algorithm");
                    }
                    Signature s = Signature.getInstance("SHA256withECDSA");
                    s.initVerify(key);
                    s.update(token.signingInput());
                    yield s.verify(derOf(token.signature()));
                }
                default -> throw new Rejected("the signing algorithm " + alg + " is not supported");
            };
            if (!ok) {
                throw new Rejected("the token's signature is invalid");
            }
        } catch (GeneralSecurityException e) {
            throw new Rejected("the token's signature is invalid");
        }
    }

    static void checkClaims(ObjectNode claims, String issuer, List<String> audiences, Instant now) throws Rejected {
        if (!claims.path("iss").asText("").equals(issuer)) {
            throw new Rejected("the token's issuer is not " + issuer);
        }
        boolean audience = false;
        JsonNode aud = claims.get("aud");
        if (aud != null && aud.isArray()) {
            for (JsonNode a : aud) {
                audience |= audiences.contains(a.asText());
            }
        } else if (aud != null && aud.isTextual()) {
            audience = audiences.contains(aud.asText());
        }
        audience |= claims.hasNonNull("client_id") && audiences.contains(claims.get("client_id").asText());
        if (!audience) {
            throw new Rejected("the token does not have a valid audience");
        }
        long t = now.getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new Rejected("the token has no expiration time");
        }
        if (exp.asLong() <= t) {
            throw new Rejected("the token has expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nbf.asLong() > t + SKEW_SECONDS)) {
            throw new Rejected("the token is not valid yet");
        }
        JsonNode iat = claims.get("iat");
        if (iat != null && (!iat.isNumber() || iat.asLong() > t + SKEW_SECONDS)) {
            throw new Rejected("the token was issued in the future");
        }
    }

    /** An ES256 signature (r and s, 32 bytes each) as the DER SEQUENCE the JDK verifies. */
    static byte[] derOf(byte[] raw) {
        byte[] r = integer(Arrays.copyOfRange(raw, 0, 32));
        byte[] s = integer(Arrays.copyOfRange(raw, 32, 64));
        byte[] out = new byte[2 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, out, 2, r.length);
        System.arraycopy(s, 0, out, 2 + r.length, s.length);
        return out;
    }

    private static byte[] integer(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0) {
            start++;
        }
        boolean pad = (unsigned[start] & 0x80) != 0;
        int len = unsigned.length - start + (pad ? 1 : 0);
        byte[] out = new byte[2 + len];
        out[0] = 0x02;
        out[1] = (byte) len;
        System.arraycopy(unsigned, start, out, 2 + (pad ? 1 : 0), unsigned.length - start);
        return out;
    }
}
