package dev.lamina.server.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * AWS's event stream encoding ({@code application/vnd.amazon.eventstream}), the framing of
 * InvokeWithResponseStream's answer. A message is: total length and headers length (two 32-bit
 * big-endian integers), the CRC32 of those eight bytes, the headers, the payload, and the CRC32 of
 * everything before it. A header is its name's length (one byte), its name, its value type (7, a
 * string), the value's length (16 bits) and the value. Only event messages with string headers are
 * written here.
 */
final class EventStreamFrames {
    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    private static final byte STRING = 7;
    private static final int PRELUDE = 12;
    private static final int MESSAGE_CRC = 4;

    private EventStreamFrames() {
    }

    /**
     * One event message: {@code :event-type}, {@code :content-type} and {@code :message-type}
     * headers (in that order, as AWS writes them) and {@code length} bytes of {@code payload}.
     */
    static byte[] event(String eventType, String contentType, byte[] payload, int offset, int length) {
        byte[] headers = headers(":event-type", eventType, ":content-type", contentType, ":message-type", "event");
        int total = PRELUDE + headers.length + length + MESSAGE_CRC;
        ByteBuffer frame = ByteBuffer.allocate(total);
        frame.putInt(total).putInt(headers.length);
        frame.putInt(crc(frame.array(), 0, 8));
        frame.put(headers).put(payload, offset, length);
        frame.putInt(crc(frame.array(), 0, total - MESSAGE_CRC));
        return frame.array();
    }

    /** Name and value pairs, all strings. */
    private static byte[] headers(String... namesAndValues) {
        int size = 0;
        byte[][] parts = new byte[namesAndValues.length][];
        for (int i = 0; i < namesAndValues.length; i++) {
            parts[i] = namesAndValues[i].getBytes(StandardCharsets.UTF_8);
            size += i % 2 == 0 ? 1 + parts[i].length + 1 : 2 + parts[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (int i = 0; i < parts.length; i += 2) {
            out.put((byte) parts[i].length).put(parts[i]).put(STRING);
            out.putShort((short) parts[i + 1].length).put(parts[i + 1]);
        }
        return out.array();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
