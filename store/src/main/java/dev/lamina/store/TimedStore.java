package dev.lamina.store;

import dev.lamina.model.LambdaException;

/**
 * A store that tells a {@link Listener} how long each transaction took, for metrics, and otherwise
 * is the store it wraps. A write's time includes its wait for the single writer and its durable
 * commit: the latency an acknowledged change costs its caller.
 */
public final class TimedStore implements Store {

    /** Hears every transaction's time; called on the caller's thread, so it must be quick and not throw. */
    public interface Listener {
        /** @param write a read-write transaction (committed, or rolled back when {@code failed}) */
        void transaction(boolean write, boolean failed, long nanos);
    }

    private final Store store;
    private final Listener listener;

    public TimedStore(Store store, Listener listener) {
        this.store = store;
        this.listener = listener;
    }

    @Override
    public <T> T read(Work<T> work) {
        return timed(false, () -> store.read(work));
    }

    @Override
    public <T> T write(Work<T> work) {
        return timed(true, () -> store.write(work));
    }

    @Override
    public <T> T writeUnversioned(Work<T> work) {
        return timed(true, () -> store.writeUnversioned(work));
    }

    /**
     * Times {@code transaction}. Only a failure of the store is heard as failed: a
     * {@link LambdaException} thrown by the work (a missing function, a conflict, an invalid
     * parameter) is the caller's answer, and the store did its job in rolling the transaction back.
     */
    private <T> T timed(boolean write, java.util.function.Supplier<T> transaction) {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            T result = transaction.get();
            failed = false;
            return result;
        } catch (LambdaException e) {
            failed = false;
            throw e;
        } finally {
            listener.transaction(write, failed, System.nanoTime() - started);
        }
    }

    @Override
    public long generation() {
        return store.generation();
    }

    @Override
    public void close() {
        store.close();
    }
}
