package dev.lamina.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk form of one log event, length-prefixed so that any message survives (newlines, tabs,
 * NULs): {@code [int length][long timestamp][long ingestionTime][message, UTF-8][int crc32c]}, where
 * length counts everything after itself and the checksum covers the two times and the message.
 * A reader stops at the first record that is incomplete or does not check: that is the tail a
 * writer is still appending, or one a crash cut short, never a reason to fail.
 */
final class Records {
    static final int HEADER = 4;
    /** Length, two times and the checksum: what a record costs beyond its message. */
    static final int OVERHEAD = HEADER + 8 + 8 + 4;
    /** CloudWatch Logs' largest event: 1 MiB of message. */
    static final int MAX_MESSAGE_BYTES = 1_048_576;

    private Records() {
    }

    static int size(byte[] message) {
        return OVERHEAD + message.length;
    }

    static void encode(ByteBuffer out, long timestamp, long ingestionTime, byte[] message) {
        out.putInt(size(message) - HEADER);
        int from = out.position();
        out.putLong(timestamp).putLong(ingestionTime).put(message);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), out.arrayOffset() + from, out.position() - from);
        out.putInt((int) crc.getValue());
    }

    /** What a segment holds: its valid events in file order, and where its valid part ends. */
    record Decoded(List<LogEvent> events, int validBytes) {
    }

    /** Whether a record's length field can be a record's (a torn or corrupt one often cannot). */
    static boolean plausibleBody(int body) {
        return body >= OVERHEAD - HEADER && body <= MAX_MESSAGE_BYTES + OVERHEAD;
    }

    /**
     * Decodes records from the start of {@code data} until one is incomplete or corrupt.
     *
     * @param base added to each record's place in {@code data} to make its event's offset (see {@link Piece#offsetBase})
     */
    static Decoded decode(byte[] data, int length, long base) {
        List<LogEvent> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(data, 0, length);
        int offset = 0;
        while (in.remaining() >= HEADER) {
            int body = in.getInt(offset);
            if (!plausibleBody(body) || body > length - offset - HEADER) {
                break;
            }
            int start = offset + HEADER;
            int messageBytes = body - 20;
            CRC32C crc = new CRC32C();
            crc.update(data, start, body - 4);
            if ((int) crc.getValue() != in.getInt(start + body - 4)) {
                break;
            }
            long timestamp = in.getLong(start);
            long ingestion = in.getLong(start + 8);
            String message = new String(data, start + 16, messageBytes, StandardCharsets.UTF_8);
            events.add(new LogEvent(timestamp, base + offset, ingestion, message));
            offset = start + body;
            in.position(offset);
        }
        return new Decoded(events, offset);
    }
}
