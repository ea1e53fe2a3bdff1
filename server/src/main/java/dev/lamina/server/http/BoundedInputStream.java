package dev.lamina.server.http;

import dev.lamina.model.LambdaException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails with RequestEntityTooLargeException as soon as more than the operation's
 * limit has been read, whatever the Content-Length said (chunked bodies have none).
 */
final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final LambdaException tooLarge;
    private long read;

    BoundedInputStream(InputStream in, long limit, LambdaException tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw tooLarge;
        }
    }
}
