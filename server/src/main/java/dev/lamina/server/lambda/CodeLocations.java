package dev.lamina.server.lambda;

import dev.lamina.model.CodeDigest;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.store.code.CodeStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;

/**
 * GetFunction's Code.Location: a presigned URL on this server from which the package downloads
 * without credentials, like the presigned S3 URL AWS returns. It names the package by digest, expires
 * after ten minutes (as AWS's does), and carries an HMAC made with a key that lives only in this
 * process, so URLs cannot be forged and die with a restart.
 */
final class CodeLocations {
    static final String PATH = "/_lamina/code/";
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    private final byte[] key;
    private final InstantSource clock;
    private final CodeStore code;

    CodeLocations(CodeStore code, InstantSource clock) {
        this.code = code;
        this.clock = clock;
        this.key = new byte[32];
        new SecureRandom().nextBytes(key);
    }

    String url(String host, CodeDigest digest) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        return "http://" + host + PATH + digest.hex() + "?Expires=" + expires + "&Signature=" + sign(digest.hex(), expires);
    }

    /** The public download route: {@code GET /_lamina/code/{Digest}?Expires=..&Signature=..}. */
    ApiResponse download(ApiRequest request) throws IOException {
        String hex = request.pathParam("Digest");
        long expires;
        try {
            expires = Long.parseLong(request.queryParam("Expires").orElse(""));
        } catch (NumberFormatException e) {
            throw denied();
        }
        String signature = request.queryParam("Signature").orElse("");
        if (!hex.matches("[0-9a-f]{64}") || !MessageDigest.isEqual(
                sign(hex, expires).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw denied();
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw new LambdaException(ErrorCode.ACCESS_DENIED, "Request has expired");
        }
        CodeDigest digest = CodeDigest.ofHex(hex);
        if (!code.contains(digest)) {
            throw LambdaException.notFound("The package no longer exists.");
        }
        return new ApiResponse(200, Map.of("Content-Type", "application/zip"), out -> {
            try (InputStream in = code.open(digest)) {
                in.transferTo(out);
            }
        });
    }

    private static LambdaException denied() {
        return new LambdaException(ErrorCode.ACCESS_DENIED,
                "The request signature we calculated does not match the signature you provided.");
    }

    private String sign(String hex, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((hex + "\n" + expires).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
