package dev.lamina.server.auth;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier against requests signed by the AWS SDK's signer, for what the real server cannot show
 * yet (temporary credentials) and for the exact edges of the clock window, with a fixed clock.
 */
class SigV4VerifierTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String SECRET = "session-secret";
    static final String TOKEN = "the-session-token";
    static final Caller ROLE = new Caller("LSIASESSION", "arn:aws:sts::000000000000:assumed-role/r/s",
            Caller.Kind.ROLE_SESSION);
    static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    static SigV4Verifier verifier(Instant now, Instant keyExpiresAt) {
        AccessKeys.SigningKey key = new AccessKeys.SigningKey(SECRET, ROLE, Optional.of(TOKEN), Optional.of(keyExpiresAt));
        return new SigV4Verifier(id -> id.equals("LSIASESSION") ? Optional.of(key) : Optional.empty(),
                "eu-west-1", "lambda", Clock.fixed(now, ZoneOffset.UTC));
    }

    static HttpText signed(Optional<String> token, Instant at, Optional<Duration> presignFor) {
        return SdkSigner.sign("POST", "/2015-03-31/functions/my%3Afn/invocations?Qualifier=%24LATEST",
                Map.of("Content-Type", "application/json"), BODY, "LSIASESSION", SECRET, token, "eu-west-1", "lambda",
                at, presignFor);
    }

    static void refused(SigV4Verifier verifier, HttpText request, ErrorCode code, String message) {
        assertThatThrownBy(() -> verifier.authenticate(request.toApiRequest()))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void sessionCredentialsVerifyWithTheirTokenInTheHeaderOrTheQuery() {
        SigV4Verifier verifier = verifier(NOW, NOW.plusSeconds(3600));
        assertThat(verifier.authenticate(signed(Optional.of(TOKEN), NOW, Optional.empty()).toApiRequest()))
                .isEqualTo(ROLE);
        assertThat(verifier.authenticate(signed(Optional.of(TOKEN), NOW, Optional.of(Duration.ofMinutes(15)))
                .toApiRequest())).isEqualTo(ROLE);
    }

    @Test
    void aMissingOrWrongSessionTokenIsAnUnrecognizedClient() {
        SigV4Verifier verifier = verifier(NOW, NOW.plusSeconds(3600));
        String invalid = "The security token included in the request is invalid.";
        refused(verifier, signed(Optional.empty(), NOW, Optional.empty()), ErrorCode.UNRECOGNIZED_CLIENT, invalid);
        refused(verifier, signed(Optional.of("another-token"), NOW, Optional.empty()), ErrorCode.UNRECOGNIZED_CLIENT,
                invalid);
        refused(verifier, signed(Optional.of("another-token"), NOW, Optional.of(Duration.ofMinutes(5))),
                ErrorCode.UNRECOGNIZED_CLIENT, invalid);
    }

    @Test
    void expiredSessionCredentialsAreAnExpiredToken() {
        refused(verifier(NOW, NOW), signed(Optional.of(TOKEN), NOW, Optional.empty()), ErrorCode.EXPIRED_TOKEN,
                "The security token included in the request is expired");
    }

    @Test
    void theClockWindowIsFiveMinutesEitherWayWithAwssMessages() {
        SigV4Verifier verifier = verifier(NOW, NOW.plusSeconds(3600));
        assertThat(verifier.authenticate(signed(Optional.of(TOKEN), NOW.minus(Duration.ofMinutes(5)), Optional.empty())
                .toApiRequest())).isEqualTo(ROLE);
        assertThat(verifier.authenticate(signed(Optional.of(TOKEN), NOW.plus(Duration.ofMinutes(5)), Optional.empty())
                .toApiRequest())).isEqualTo(ROLE);
        refused(verifier, signed(Optional.of(TOKEN), NOW.minusSeconds(301), Optional.empty()),
                ErrorCode.INVALID_SIGNATURE,
                "Signature expired: 20260301T095459Z is now earlier than 20260301T095500Z (20260301T100000Z - 5 min.)");
        refused(verifier, signed(Optional.of(TOKEN), NOW.plusSeconds(301), Optional.empty()),
                ErrorCode.INVALID_SIGNATURE,
                "Signature not yet current: 20260301T100501Z is still later than 20260301T100500Z (20260301T100000Z + 5 min.)");
    }

    @Test
    void aPresignedRequestLivesForItsExpiresAndAtMostAWeek() {
        SigV4Verifier verifier = verifier(NOW, NOW.plus(Duration.ofDays(30)));
        Instant dayAgo = NOW.minus(Duration.ofDays(1));
        assertThat(verifier.authenticate(signed(Optional.of(TOKEN), dayAgo, Optional.of(Duration.ofDays(2)))
                .toApiRequest())).isEqualTo(ROLE);
        refused(verifier, signed(Optional.of(TOKEN), dayAgo, Optional.of(Duration.ofHours(1))),
                ErrorCode.INVALID_SIGNATURE,
                "Signature expired: 20260228T100000Z is now earlier than 20260301T090000Z (20260301T100000Z - 3600 sec.)");
    }

    @Test
    void aDeclaredPayloadHashMustBeTheBodys() {
        SigV4Verifier verifier = verifier(NOW, NOW.plusSeconds(3600));
        HttpText request = signed(Optional.of(TOKEN), NOW, Optional.empty());
        refused(verifier, request.withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), ErrorCode.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        refused(verifier, request.withBody("{\"a\":2}".getBytes(StandardCharsets.UTF_8)), ErrorCode.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
}
