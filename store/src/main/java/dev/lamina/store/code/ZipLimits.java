package dev.lamina.store.code;
// TEMPORARY STAND-IN, replaced by the real extractor branch.
public record ZipLimits(long maxUnzippedBytes, int maxEntries, int maxPathLength) {
    public static final ZipLimits AWS_DEFAULTS = new ZipLimits(262_144_000L, 65_536, 4096);
}
