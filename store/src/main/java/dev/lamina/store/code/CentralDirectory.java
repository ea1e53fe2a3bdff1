package dev.lamina.store.code;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the entries of a zip's central directory by walking its record headers, before any zip
 * library builds an object per entry. The walk follows the same rule a parser does (records continue
 * while the signature matches), so an end record that understates the count cannot hide entries.
 */
final class CentralDirectory {
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int HEADER_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    /** Thrown when the bytes are not a zip this reader can follow. */
    static final class NotAZipException extends Exception {
        NotAZipException(String message) {
            super(message);
        }
    }

    private CentralDirectory() {
    }

    /**
     * The number of central directory records, counting at most {@code stopAfter + 1}.
     *
     * @throws NotAZipException when no end-of-central-directory record leads to a directory
     */
    static int countEntries(Path zip, int stopAfter) throws IOException, NotAZipException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < EOCD_SIZE) {
                throw new NotAZipException("too short to be a zip");
            }
            long eocd = findEndRecord(ch, size);
            long offset = Integer.toUnsignedLong(read(ch, eocd + 16, 4).getInt());
            if (offset == 0xFFFFFFFFL && eocd >= 20) {
                offset = zip64DirectoryOffset(ch, eocd);
            }
            int count = 0;
            long position = offset;
            ByteBuffer header = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            while (count <= stopAfter && position + 46 <= size) {
                header.clear();
                ch.read(header, position);
                header.flip();
                if (header.getInt(0) != HEADER_SIGNATURE) {
                    break;
                }
                int nameLength = Short.toUnsignedInt(header.getShort(28));
                int extraLength = Short.toUnsignedInt(header.getShort(30));
                int commentLength = Short.toUnsignedInt(header.getShort(32));
                position += 46L + nameLength + extraLength + commentLength;
                count++;
            }
            return count;
        }
    }

    private static long findEndRecord(FileChannel ch, long size) throws IOException, NotAZipException {
        int window = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer tail = read(ch, size - window, window);
        for (int i = window - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIGNATURE) {
                return size - window + i;
            }
        }
        throw new NotAZipException("no end of central directory record");
    }

    private static long zip64DirectoryOffset(FileChannel ch, long eocd) throws IOException, NotAZipException {
        ByteBuffer locator = read(ch, eocd - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            throw new NotAZipException("zip64 directory offset without a zip64 locator");
        }
        long record = locator.getLong(8);
        if (record < 0 || record + 56 > ch.size()) {
            throw new NotAZipException("zip64 end record out of range");
        }
        ByteBuffer zip64 = read(ch, record, 56);
        if (zip64.getInt(0) != ZIP64_EOCD_SIGNATURE) {
            throw new NotAZipException("no zip64 end of central directory record");
        }
        return zip64.getLong(48);
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }
}
