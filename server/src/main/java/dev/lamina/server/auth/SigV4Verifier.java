package dev.lamina.server.auth;

import dev.lamina.server.http.ApiRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 on every signed request, in the Authorization header or presigned
 * in the query, as AWS does for services other than S3. Everything that can be checked from the
 * request head (shape, scope, clock, access key) is checked before the body is read; then the body
 * is hashed (it is already bounded by the route's size limit) and the signature compared in constant
 * time. The checks and their AWS errors are listed in docs/SECURITY.md.
 */
public final class SigV4Verifier implements Authenticator {
    /** How far a request's X-Amz-Date may be from the server's clock, either way. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /** The longest a presigned request may live: AWS's limit of one week. */
    static final long MAX_EXPIRES_SECONDS = 604_800;
    static final String TERMINATOR = "aws4_request";

    private final AccessKeys keys;
    private final String region;
    private final String service;
    private final Clock clock;

    /**
     * @param region  the only region credentials may be scoped to: the server's configured region
     * @param service the signing name of the API behind this verifier, such as {@code lambda}
     */
    public SigV4Verifier(AccessKeys keys, String region, String service, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.region = Objects.requireNonNull(region);
        this.service = Objects.requireNonNull(service);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Whether a request carries a signature at all (an Authorization header, or any of the presigned
     * {@code X-Amz-*} parameters): front doors with AuthType NONE take unsigned requests, and refuse
     * only wrong signatures.
     */
    public static boolean isSigned(ApiRequest request) {
        if (request.header("Authorization").isPresent()) {
            return true;
        }
        List<QueryString.Param> query = QueryString.parse(request.rawQuery());
        return SigV4Signature.QUERY_PARAMS.stream().anyMatch(name -> !QueryString.values(query, name).isEmpty());
    }

    @Override
    public Caller authenticate(ApiRequest request) {
        List<QueryString.Param> query = QueryString.parse(request.rawQuery());
        SigV4Signature claim = SigV4Signature.of(request, query);
        checkScope(claim);
        checkTime(claim);
        AccessKeys.SigningKey key = keys.find(claim.accessKeyId()).orElseThrow(SigV4Errors::unrecognizedClient);
        String canonical = canonicalRequest(request, query, claim, payloadHash(request));
        String stringToSign = SigV4Signing.stringToSign(claim.amzDate(), claim.scope(), canonical);
        String expected = SigV4Signing.signature(key.secretAccessKey(), claim.scopeDate(), claim.region(),
                claim.service(), claim.terminator(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claim.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            throw SigV4Errors.mismatch();
        }
        checkSession(key, claim);
        return key.caller();
    }

    /** The canonical request as this verifier builds it, for the given payload hash. */
    static String canonicalRequest(ApiRequest request, List<QueryString.Param> query, SigV4Signature claim,
                                   String payloadHash) {
        return CanonicalRequest.of(request.method(), request.path(), query, claim.presigned(), request::header,
                claim.signedHeaders(), payloadHash);
    }

    private void checkScope(SigV4Signature claim) {
        if (!claim.terminator().equals(TERMINATOR)) {
            throw SigV4Errors.invalid("Credential should be scoped with a valid terminator: '" + TERMINATOR
                    + "', not '" + SigV4Signature.printable(claim.terminator()) + "'. ");
        }
        if (!claim.service().equals(service)) {
            throw SigV4Errors.invalid("Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (!claim.region().equals(region)) {
            throw SigV4Errors.invalid("Credential should be scoped to a valid region, not '"
                    + SigV4Signature.printable(claim.region()) + "'. ");
        }
        if (!claim.signedHeaders().contains("host")) {
            throw SigV4Errors.invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    private void checkTime(SigV4Signature claim) {
        Instant signed = SigV4Time.parse(claim.amzDate()).orElseThrow(() -> SigV4Errors.incomplete(
                "X-Amz-Date must be in the ISO-8601 basic format yyyyMMdd'T'HHmmss'Z', got '"
                        + SigV4Signature.printable(claim.amzDate()) + "'."));
        if (!claim.amzDate().startsWith(claim.scopeDate()) || claim.scopeDate().length() != 8) {
            throw SigV4Errors.invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date"
                    + " from HTTP: '" + SigV4Signature.printable(claim.scopeDate()) + "' != '"
                    + claim.amzDate().substring(0, 8) + "', from '" + claim.amzDate() + "'.");
        }
        Instant now = clock.instant();
        Instant latest = now.plus(SKEW);
        if (signed.isAfter(latest)) {
            throw SigV4Errors.notYetCurrent(signed, latest, now);
        }
        if (claim.expires().isEmpty()) {
            Instant earliest = now.minus(SKEW);
            if (signed.isBefore(earliest)) {
                throw SigV4Errors.expired(signed, earliest, now, "5 min");
            }
            return;
        }
        long expires = expiresSeconds(claim.expires().get());
        Instant earliest = now.minusSeconds(expires);
        if (signed.isBefore(earliest)) {
            throw SigV4Errors.expired(signed, earliest, now, expires + " sec");
        }
    }

    private static long expiresSeconds(String value) {
        if (value.isEmpty() || value.length() > 7 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw SigV4Errors.incomplete("X-Amz-Expires must be a number of seconds, got '"
                    + SigV4Signature.printable(value) + "'.");
        }
        long seconds = Long.parseLong(value);
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw SigV4Errors.invalid("X-Amz-Expires must be less than a week (in seconds) that is "
                    + MAX_EXPIRES_SECONDS);
        }
        return seconds;
    }

    /**
     * The SHA-256 of the body, which is what non-S3 services sign. A client may also send it in
     * {@code x-amz-content-sha256}; then it must be that hash (S3's UNSIGNED-PAYLOAD and streaming
     * modes are not accepted here).
     */
    private static String payloadHash(ApiRequest request) {
        String hash;
        try {
            hash = request.body().sha256Hex();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
        Optional<String> declared = request.header("x-amz-content-sha256");
        if (declared.isPresent() && !declared.get().strip().equalsIgnoreCase(hash)) {
            throw SigV4Errors.invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return hash;
    }

    /**
     * Temporary credentials are valid only with their own session token, and only until they expire;
     * long-term keys never come with one.
     */
    private void checkSession(AccessKeys.SigningKey key, SigV4Signature claim) {
        Optional<String> expected = key.sessionToken();
        Optional<String> sent = claim.securityToken();
        boolean matches = expected.isPresent() == sent.isPresent() && (expected.isEmpty()
                || MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                sent.get().getBytes(StandardCharsets.UTF_8)));
        if (!matches) {
            throw SigV4Errors.unrecognizedClient();
        }
        if (key.expiresAt().filter(expiry -> !clock.instant().isBefore(expiry)).isPresent()) {
            throw SigV4Errors.expiredToken();
        }
    }
}
