package dev.lamina.store.code;

import dev.lamina.model.CodeRef;

/**
 * A committed package that garbage collection may not delete until the lease is closed. Hold it
 * until the transaction that makes a version point at the package has committed; after that the
 * database reference protects it.
 */
public final class CodeLease implements AutoCloseable {
    private final CodeStore store;
    private final CodeRef code;
    private boolean closed;

    CodeLease(CodeStore store, CodeRef code) {
        this.store = store;
        this.code = code;
    }

    public CodeRef code() {
        return code;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.unpin(code.digest());
        }
    }
}
