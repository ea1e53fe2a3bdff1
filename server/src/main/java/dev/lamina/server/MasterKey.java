package dev.lamina.server;

import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.secrets.SecretSealer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The 256-bit key that seals every secret Lamina keeps at rest (environment variables, users'
 * secret keys). Kept in {@code <data dir>/master-key}, mode 0600, generated on the first start.
 * Alternatively given as base64 in {@code LAMINA_MASTER_KEY} ({@link #fromBase64}); then no file
 * is read or written. Losing it makes the sealed secrets unreadable; that is the point. There is
 * no rotation: a new key cannot open what the old one sealed.
 */
public final class MasterKey {
    static final String FILE = "master-key";
    static final int BYTES = 32;

    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("the master key must have " + BYTES + " bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /** A sealer bound to {@code purpose}: values sealed for one purpose do not open for another. */
    public SecretSealer sealer(String purpose) {
        return new AesGcmSealer(key, purpose);
    }

    /**
     * The key an operator gives as base64 of 32 bytes (e.g. {@code openssl rand -base64 32}).
     *
     * @throws IllegalArgumentException when {@code base64} is not 32 bytes of base64; the message
     *                                  never repeats the text, which may be a mistyped real key
     */
    public static MasterKey fromBase64(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LAMINA_MASTER_KEY is not base64 (generate one with: openssl rand -base64 32)");
        }
        if (key.length != BYTES) {
            throw new IllegalArgumentException("LAMINA_MASTER_KEY holds " + key.length + " bytes, not "
                    + BYTES + " (generate one with: openssl rand -base64 32)");
        }
        return new MasterKey(key);
    }

    static MasterKey of(byte[] key) {
        return new MasterKey(key);
    }

    /**
     * Reads the key, or makes one. A new key reaches the disk whole before anything is sealed with it:
     * it is written and synced under a temporary name, renamed into place, and the directory is
     * synced, so a crash leaves either no key (and nothing sealed) or the complete key. The data
     * directory's lock makes this process the only writer.
     */
    static MasterKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            Path temporary = dataDir.resolve(FILE + ".new");
            Files.deleteIfExists(temporary);
            try (FileChannel out = FileChannel.open(temporary, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                out.write(ByteBuffer.wrap(key));
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true);
            }
            return new MasterKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the master key " + file, e);
        }
    }

    private static MasterKey read(Path file) throws IOException {
        byte[] key = Files.readAllBytes(file);
        if (key.length != BYTES) {
            throw new IOException(file + " holds " + key.length + " bytes, not a " + BYTES + "-byte master key");
        }
        return new MasterKey(key);
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
