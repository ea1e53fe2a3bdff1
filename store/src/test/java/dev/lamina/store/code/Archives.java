package dev.lamina.store.code;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;

/** Builds zip archives, hostile ones included, byte by byte where a library would refuse. */
final class Archives {
    private final List<Spec> entries = new ArrayList<>();

    private record Spec(String name, byte[] data, int unixMode, boolean stored) {
    }

    static Archives zip() {
        return new Archives();
    }

    Archives file(String name, String content) {
        return file(name, content, 0100644);
    }

    Archives file(String name, String content, int mode) {
        entries.add(new Spec(name, content.getBytes(StandardCharsets.UTF_8), mode, false));
        return this;
    }

    Archives bytes(String name, byte[] content) {
        entries.add(new Spec(name, content, 0100644, false));
        return this;
    }

    Archives dir(String name) {
        entries.add(new Spec(name.endsWith("/") ? name : name + "/", new byte[0], 040755, false));
        return this;
    }

    Archives symlink(String name, String target) {
        entries.add(new Spec(name, target.getBytes(StandardCharsets.UTF_8), 0120777, false));
        return this;
    }

    /** An entry of any unix type, e.g. 0020644 for a character device or 0010644 for a FIFO. */
    Archives special(String name, int mode) {
        entries.add(new Spec(name, new byte[0], mode, false));
        return this;
    }

    /** An entry whose mode is not recorded, as archives made on Windows. */
    Archives plain(String name, String content) {
        entries.add(new Spec(name, content.getBytes(StandardCharsets.UTF_8), -1, false));
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Spec s : entries) {
                ZipArchiveEntry e = new ZipArchiveEntry(s.name());
                if (s.unixMode() >= 0) {
                    e.setUnixMode(s.unixMode()); // also marks the entry as made on unix
                }
                e.setMethod(s.stored() ? ZipEntry.STORED : ZipEntry.DEFLATED);
                zip.putArchiveEntry(e);
                zip.write(s.data());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Rewrites the uncompressed size of every entry, in the local headers and in the central
     * directory, to {@code claimed}: an archive whose headers lie.
     */
    static byte[] lyingAboutSizes(byte[] zip, int claimed) {
        byte[] out = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= out.length; i++) {
            int signature = b.getInt(i);
            if (signature == 0x04034b50) {
                b.putInt(i + 22, claimed); // local file header: uncompressed size
            } else if (signature == 0x02014b50) {
                b.putInt(i + 24, claimed); // central directory header: uncompressed size
            }
        }
        return out;
    }
}
