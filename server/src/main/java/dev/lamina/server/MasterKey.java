package dev.lamina.server;

import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.secrets.SecretSealer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 256-bit key that seals every secret Lamina keeps at rest (environment variables, users'
 * secret keys). Kept in {@code <data dir>/master-key}, mode 0600, generated on the first start.
 * Losing it makes the sealed secrets unreadable; that is the point.
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

    static MasterKey of(byte[] key) {
        return new MasterKey(key);
    }

    static MasterKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                return read(file);
            }
            Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
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
