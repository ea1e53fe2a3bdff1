package dev.lamina.model;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a deployment package. AWS reports it base64-encoded as CodeSha256; Lamina
 * names files by its lowercase hex form, which is safe in any path.
 */
public record CodeDigest(byte[] bytes) {
    public CodeDigest {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static CodeDigest ofHex(String hex) {
        return new CodeDigest(HexFormat.of().parseHex(hex));
    }

    public static CodeDigest ofBase64(String base64) {
        return new CodeDigest(Base64.getDecoder().decode(base64));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The CodeSha256 of AWS's responses. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** 64 lowercase hex digits: the name of the blob and of its unpacked tree. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeDigest other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
