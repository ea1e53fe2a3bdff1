package dev.lamina.store.code;
// TEMPORARY STAND-IN
public record PackageSummary(int entryCount, long unzippedBytes) {}
