package dev.lamina.store;

/** The store failed for a reason of its own (disk, corruption): a platform fault, never the caller's. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
