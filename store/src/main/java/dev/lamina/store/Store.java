package dev.lamina.store;

/**
 * Lamina's durable state, reached only through transactions. A {@link #write} that returns has
 * been committed durably (fsync), so an operation may acknowledge it to the caller; a write that
 * throws has changed nothing.
 *
 * <p>Implementations: SQLite for one node (the default), PostgreSQL for clusters (later).
 */
public interface Store extends AutoCloseable {

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Transaction tx);
    }

    /** Runs {@code work} in a read-only transaction that sees one consistent snapshot. */
    <T> T read(Work<T> work);

    /**
     * Runs {@code work} in a read-write transaction, serialised with every other write, and
     * commits it durably before returning. Exceptions thrown by {@code work} roll it back and
     * propagate unchanged.
     */
    <T> T write(Work<T> work);

    /**
     * A {@link #write} for data that no cache derives anything from (usage figures): the same
     * transaction and durability, but {@link #generation} does not grow, so that frequent writes of
     * such data do not throw away the caches of functions and permissions. Work given here must
     * change nothing that a reader caches by generation.
     *
     * <p>The default is a versioned {@link #write}, always safe and only slower for the caches.
     */
    default <T> T writeUnversioned(Work<T> work) {
        return write(work);
    }

    /**
     * A number that grows with every committed {@link #write} (and only then; not with
     * {@link #writeUnversioned}). Whatever a reader derived
     * from the store stays valid while the number is unchanged, which lets hot paths cache.
     */
    long generation();

    /** Closes the store; transactions running now finish first. */
    @Override
    void close();
}
