package dev.lamina.logs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small JSON files beside the log data (a group's and a stream's metadata), replaced atomically: the
 * new content is written to a temporary file and forced to disk, renamed over the old one, and the
 * directory is forced, so after a crash the file holds either the old or the new document, whole.
 */
final class MetaFiles {
    static final String GROUP = "group.json";
    static final String STREAM = "stream.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private MetaFiles() {
    }

    /** A stream's metadata: its name (directories are named by a hash) and when it was created. */
    record StreamMeta(String name, long creationTime) {
    }

    /** group.json: {@link GroupMeta} with nulls where it has empty optionals. */
    record GroupFile(String name, long creationTime, Integer retentionInDays, String kmsKeyId,
                     java.util.Map<String, String> tags, GroupMeta.Origin origin) {
        static GroupFile of(GroupMeta m) {
            return new GroupFile(m.name(), m.creationTime(), m.retentionInDays().orElse(null),
                    m.kmsKeyId().orElse(null), m.tags(), m.origin());
        }

        GroupMeta meta() {
            return new GroupMeta(name, creationTime, java.util.Optional.ofNullable(retentionInDays),
                    java.util.Optional.ofNullable(kmsKeyId), tags == null ? java.util.Map.of() : tags, origin);
        }
    }

    static void write(Path file, Object value) throws IOException {
        write(file, value, true);
    }

    /**
     * The new content is always forced before the rename: otherwise a power cut can leave the renamed
     * file empty, a group or stream that cannot be read back.
     *
     * @param forceDirectory whether to force the directory (the rename) now; else the caller does later
     */
    static void write(Path file, Object value, boolean forceDirectory) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, MAPPER.writeValueAsBytes(value));
        force(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (forceDirectory) {
            forceDirectory(file.getParent());
        }
    }

    static void force(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** See {@link LogStore#directoryName}. */
    static String directoryName(String name) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Makes a directory's entries (a created, renamed or deleted file) durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        }
    }
}
