package dev.lamina.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request body, already bounded by its route's size limit, that can be hashed for signature
 * verification and then still read by the operation. Hashing buffers the whole body in memory (at
 * most the route's limit); an operation that never hashes reads it straight from the connection.
 */
public final class RequestBody extends InputStream {
    private InputStream in;
    private boolean started;
    private String sha256Hex;

    RequestBody(InputStream in) {
        this.in = in;
    }

    /** A body already in memory, for requests that do not come from a connection (tests). */
    public static RequestBody of(byte[] bytes) {
        return new RequestBody(new ByteArrayInputStream(bytes));
    }

    /**
     * Reads the whole body and answers its lower-case hex SHA-256; reading starts over from the first
     * byte afterwards. Must be called before anything is read.
     *
     * @throws dev.lamina.model.LambdaException RequestEntityTooLargeException beyond the route's limit
     */
    public String sha256Hex() throws IOException {
        if (sha256Hex == null) {
            if (started) {
                throw new IllegalStateException("the body was read before it was hashed");
            }
            byte[] bytes = in.readAllBytes();
            in = new ByteArrayInputStream(bytes);
            try {
                sha256Hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
        return sha256Hex;
    }

    @Override
    public int read() throws IOException {
        started = true;
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        started = true;
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
