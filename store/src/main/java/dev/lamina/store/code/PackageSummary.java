package dev.lamina.store.code;

/**
 * What a package holds.
 *
 * @param unzippedBytes declared by the archive for {@link ZipExtractor#inspect}, actually written for
 *                      {@link ZipExtractor#extract}
 */
public record PackageSummary(int entryCount, long unzippedBytes) {
}
