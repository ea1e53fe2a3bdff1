package dev.lamina.store.code;

/**
 * Bounds on what a deployment package may unpack to.
 *
 * @param maxUnzippedBytes the total bytes of all files once unpacked (AWS: 250 MB)
 * @param maxEntries       entries in the archive; AWS documents no limit, this one stops archives of
 *                         millions of empty entries from costing memory and inodes
 * @param maxPathLength    characters in one entry's path
 */
public record ZipLimits(long maxUnzippedBytes, int maxEntries, int maxPathLength) {
    public static final ZipLimits AWS_DEFAULTS = new ZipLimits(262_144_000L, 65_536, 4_096);

    public ZipLimits {
        if (maxUnzippedBytes < 1 || maxEntries < 1 || maxPathLength < 1) {
            throw new IllegalArgumentException("zip limits must be positive");
        }
    }
}
