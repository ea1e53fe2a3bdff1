package dev.lamina.logs;

/**
 * What a piece holds, known without reading its messages: its valid bytes and the range of its
 * event timestamps (an empty piece has {@code minTimestamp > maxTimestamp}) and the latest ingestion.
 * Readers open only the pieces whose range meets theirs.
 */
record Extent(long bytes, long minTimestamp, long maxTimestamp, long maxIngestion) {
    static final Extent EMPTY = new Extent(0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);

    boolean isEmpty() {
        return minTimestamp > maxTimestamp;
    }

    Extent plus(long recordBytes, long timestamp, long ingestion) {
        return new Extent(bytes + recordBytes, Math.min(minTimestamp, timestamp), Math.max(maxTimestamp, timestamp),
                Math.max(maxIngestion, ingestion));
    }

    Extent plus(Extent o) {
        return new Extent(bytes + o.bytes, Math.min(minTimestamp, o.minTimestamp),
                Math.max(maxTimestamp, o.maxTimestamp), Math.max(maxIngestion, o.maxIngestion));
    }

    /** Whether some event here may lie in {@code [lo, hi)}. */
    boolean meets(long lo, long hi) {
        return !isEmpty() && maxTimestamp >= lo && minTimestamp < hi;
    }
}
