package dev.lamina.model;

import java.util.Objects;

/**
 * A deployment package in the code store.
 *
 * @param digest       the SHA-256 of the zip, its identity in the store
 * @param size         the zip's size in bytes (AWS's CodeSize)
 * @param unzippedSize the bytes its files take once unpacked
 */
public record CodeRef(CodeDigest digest, long size, long unzippedSize) {
    public CodeRef {
        Objects.requireNonNull(digest);
        if (size < 0 || unzippedSize < 0) {
            throw new IllegalArgumentException("sizes are not negative");
        }
    }
}
