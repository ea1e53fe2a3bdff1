package dev.lamina.store.code;

import dev.lamina.model.CodeDigest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deployment package being received: bytes written to {@link #output()} go to a private file in
 * the staging directory while their SHA-256 and size are computed. Hand it to
 * {@link CodeStore#commit} when complete, or {@link #close()} it to discard it.
 */
public final class StagedPackage implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final MessageDigest sha256;
    private final OutputStream out;
    private long size;
    private CodeDigest digest;

    StagedPackage(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try {
            this.out = new DigestOutputStream(Files.newOutputStream(file), sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the package's bytes go.
     *
     * @throws PackageTooLargeException from {@code write} once more than the limit has arrived
     */
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                count(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                count(len);
                out.write(b, off, len);
            }
        };
    }

    private void count(long n) {
        size += n;
        if (size > maxBytes) {
            throw new PackageTooLargeException(maxBytes);
        }
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    /** Flushes and fsyncs the file; returns the digest of everything written. */
    CodeDigest finish() throws IOException {
        if (digest == null) {
            out.close();
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            digest = new CodeDigest(sha256.digest());
        }
        return digest;
    }

    /** Discards the staged file unless {@link CodeStore#commit} has moved it into the store. */
    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
