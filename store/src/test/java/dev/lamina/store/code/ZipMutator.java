package dev.lamina.store.code;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of zip archives, aimed where a zip reader trusts the archive: header fields
 * (sizes, offsets, counts, name lengths, modes), entry names (traversal, absolute paths, NULs),
 * and the archive's length and layout. Deterministic for a seed, so a failing case can be replayed.
 */
final class ZipMutator {
    private static final int[] SIGNATURES = {0x04034b50, 0x02014b50, 0x06054b50, 0x06064b50, 0x07064b50};
    private static final long[] INTERESTING = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 1 << 20, 0120777, 040755, 0100755, 0020644};
    private static final String[] HOSTILE_NAMES = {"../", "/", "..", "./../", "\0", "\\..\\", "a/../../", "//"};

    private final Random random;
    private final List<byte[]> seeds;

    ZipMutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
    }

    /** One to four stacked mutations of a randomly chosen seed. */
    byte[] next() {
        byte[] zip = seeds.get(random.nextInt(seeds.size())).clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds && zip.length > 0; i++) {
            zip = mutate(zip);
        }
        return zip;
    }

    private byte[] mutate(byte[] zip) {
        return switch (random.nextInt(8)) {
            case 0 -> flipBit(zip);
            case 1, 2 -> headerField(zip);
            case 3 -> hostileName(zip);
            case 4 -> Arrays.copyOf(zip, random.nextInt(zip.length)); // truncated
            case 5 -> deleteRange(zip);
            case 6 -> duplicateRange(zip);
            default -> {
                zip[random.nextInt(zip.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                yield zip;
            }
        };
    }

    private byte[] flipBit(byte[] zip) {
        zip[random.nextInt(zip.length)] ^= (byte) (1 << random.nextInt(8));
        return zip;
    }

    /** A 2- or 4-byte little-endian field in the first 46 bytes after a header signature. */
    private byte[] headerField(byte[] zip) {
        List<Integer> headers = headers(zip);
        if (headers.isEmpty()) {
            return flipBit(zip);
        }
        int at = headers.get(random.nextInt(headers.size())) + 4 + random.nextInt(42);
        long value = random.nextInt(4) == 0 ? random.nextInt() : INTERESTING[random.nextInt(INTERESTING.length)];
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        if (random.nextBoolean() && at + 4 <= zip.length) {
            b.putInt(at, (int) value);
        } else if (at + 2 <= zip.length) {
            b.putShort(at, (short) value);
        }
        return zip;
    }

    /** Overwrites the start of an entry name (after a local or central header) with a hostile path. */
    private byte[] hostileName(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> names = new ArrayList<>();
        for (int h : headers(zip)) {
            int signature = b.getInt(h);
            int lengthAt = signature == 0x04034b50 ? h + 26 : signature == 0x02014b50 ? h + 28 : -1;
            int nameAt = signature == 0x04034b50 ? h + 30 : h + 46;
            if (lengthAt > 0 && lengthAt + 2 <= zip.length) {
                int length = Short.toUnsignedInt(b.getShort(lengthAt));
                if (length > 0 && nameAt + length <= zip.length) {
                    names.add(new int[] {nameAt, length});
                }
            }
        }
        if (names.isEmpty()) {
            return flipBit(zip);
        }
        int[] name = names.get(random.nextInt(names.size()));
        byte[] hostile = HOSTILE_NAMES[random.nextInt(HOSTILE_NAMES.length)].getBytes(StandardCharsets.UTF_8);
        int offset = random.nextInt(name[1]);
        System.arraycopy(hostile, 0, zip, name[0] + offset, Math.min(hostile.length, name[1] - offset));
        return zip;
    }

    private byte[] deleteRange(byte[] zip) {
        int from = random.nextInt(zip.length);
        int to = Math.min(zip.length, from + 1 + random.nextInt(64));
        byte[] out = new byte[zip.length - (to - from)];
        System.arraycopy(zip, 0, out, 0, from);
        System.arraycopy(zip, to, out, from, zip.length - to);
        return out;
    }

    private byte[] duplicateRange(byte[] zip) {
        int from = random.nextInt(zip.length);
        int length = Math.min(zip.length - from, 1 + random.nextInt(256));
        byte[] out = new byte[zip.length + length];
        System.arraycopy(zip, 0, out, 0, from + length);
        System.arraycopy(zip, from, out, from + length, zip.length - from);
        return out;
    }

    private static List<Integer> headers(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 <= zip.length; i++) {
            int v = b.getInt(i);
            for (int s : SIGNATURES) {
                if (v == s) {
                    out.add(i);
                }
            }
        }
        return out;
    }
}
