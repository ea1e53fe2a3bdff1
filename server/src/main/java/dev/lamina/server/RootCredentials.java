package dev.lamina.server;

import dev.lamina.control.iam.RandomIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Properties;

/**
 * The root access key pair. Given explicitly (LAMINA_ROOT_ACCESS_KEY_ID and
 * LAMINA_ROOT_SECRET_ACCESS_KEY), or generated on the first start and kept in
 * {@code <data dir>/root-credentials} with mode 0600.
 */
public final class RootCredentials {
    static final String FILE = "root-credentials";

    /** An access key pair. {@link #toString()} never shows the secret. */
    public record Keys(String accessKeyId, String secretAccessKey) {
        public Keys {
            Objects.requireNonNull(accessKeyId);
            Objects.requireNonNull(secretAccessKey);
            if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("root credentials must not be blank");
            }
        }

        @Override
        public String toString() {
            return "Keys[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }

    /** The keys in use, and whether this start generated them (so they must be shown once). */
    public record Loaded(Keys keys, boolean generated, Path file) {
    }

    private RootCredentials() {
    }

    static Loaded loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return new Loaded(read(file), false, file);
            }
            RandomIds random = new RandomIds();
            Keys keys = new Keys(random.id("LKIA"), random.secret());
            Properties p = new Properties();
            p.setProperty("aws_access_key_id", keys.accessKeyId());
            p.setProperty("aws_secret_access_key", keys.secretAccessKey());
            var text = new java.io.StringWriter();
            p.store(text, "Lamina root credentials. Keep this file private.");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                return new Loaded(read(file), false, file); // another process won the race
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            return new Loaded(keys, true, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** The keys a server keeps in {@code dataDir}, for clients on the same machine (lamina admin). */
    public static Keys readFrom(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root credentials in " + file, e);
        }
    }

    private static Keys read(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String id = p.getProperty("aws_access_key_id");
        String secret = p.getProperty("aws_secret_access_key");
        if (id == null || secret == null) {
            throw new IOException(file + " lacks aws_access_key_id or aws_secret_access_key");
        }
        return new Keys(id, secret);
    }
}
