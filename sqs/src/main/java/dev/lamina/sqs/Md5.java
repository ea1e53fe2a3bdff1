package dev.lamina.sqs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The digests SQS answers, computed exactly as AWS does so that the SDKs' checksum validation passes:
 * MD5OfMessageBody is the MD5 of the body's UTF-8 bytes; MD5OfMessageAttributes hashes, for each
 * attribute in name order, the length-prefixed (4-byte big-endian) name, the length-prefixed data type,
 * one transport byte (1 for String and Number, 2 for Binary) and the length-prefixed value.
 * Public for the sqs.api package only.
 */
public final class Md5 {
    private Md5() {
    }

    public static String ofBody(String body) {
        return hex(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when there are no attributes (SQS then leaves MD5OfMessageAttributes out). */
    public static Optional<String> ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            prefixed(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            prefixed(out, a.dataType().getBytes(StandardCharsets.UTF_8));
            if (a.binaryValue().isPresent()) {
                out.write(2);
                prefixed(out, a.binaryValue().get());
            } else {
                out.write(1);
                prefixed(out, a.stringValue().orElse("").getBytes(StandardCharsets.UTF_8));
            }
        }
        return Optional.of(hex(out.toByteArray()));
    }

    private static void prefixed(ByteArrayOutputStream out, byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5", bytes));
    }

    /** SHA-256 of the body, hex: the deduplication id of content-based deduplication. */
    static String sha256(String body) {
        return HexFormat.of().formatHex(digest("SHA-256", body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
