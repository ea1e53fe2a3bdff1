package dev.lamina.it;

import software.amazon.awssdk.core.SdkBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Deployment packages built in memory for tests. */
final class Zips {
    private Zips() {
    }

    /** A zip of the given files (path to UTF-8 content). */
    static byte[] of(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A Node.js handler that returns its event; {@code marker} makes packages differ. */
    static byte[] nodeEcho(String marker) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.js", "// " + marker + "\nexports.handler = async (event) => event;\n");
        return of(files);
    }

    /** The package {@code zip} with more files (0644) added, every entry's mode kept. */
    static byte[] with(byte[] zip, Map<String, byte[]> extra) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var in = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                     .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(zip)).get();
             var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bytes)) {
            for (var entry : java.util.Collections.list(in.getEntries())) {
                var copy = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(entry.getName());
                copy.setUnixMode(entry.getUnixMode());
                out.putArchiveEntry(copy);
                try (var data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeArchiveEntry();
            }
            for (var e : extra.entrySet()) {
                var added = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(e.getKey());
                added.setUnixMode(0100644);
                out.putArchiveEntry(added);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SdkBytes sdk(byte[] zip) {
        return SdkBytes.fromByteArray(zip);
    }
}
