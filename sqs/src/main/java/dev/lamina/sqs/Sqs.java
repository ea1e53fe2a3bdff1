package dev.lamina.sqs;

import dev.lamina.sqs.api.SqsApi;
import dev.lamina.sqs.api.SqsOperations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * The built-in SQS service: opened once by Main on its directory (recovering every queue and message
 * that was acknowledged before a crash), closed at stop.
 */
public final class Sqs implements AutoCloseable {
    private final SqsStore store;
    private final Queues queues;
    private final SqsApi api;

    private Sqs(SqsStore store, Queues queues, SqsApi api) {
        this.store = store;
        this.queues = queues;
        this.api = api;
    }

    /** Opens the service, creating its directory when absent. */
    public static Sqs open(SqsSettings settings, InstantSource clock) {
        try {
            Connection db = StoreFiles.open(settings.directory());
            StoreFiles.Loaded loaded = StoreFiles.load(db);
            SqsStore store = new SqsStore(db, new Checkpointer(settings.directory().resolve(StoreFiles.FILE)), clock);
            Engine engine = new Engine(settings.region().name(), settings.account().id(), clock, store);
            Recovery.rebuild(engine, loaded);
            String endpoint = settings.endpoint().toString().replaceAll("/+$", "");
            return new Sqs(store, new LocalQueues(engine, endpoint), SqsOperations.create(engine));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SQS directory " + settings.directory(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the SQS database in " + settings.directory(), e);
        }
    }

    /** What other services use. */
    public Queues queues() {
        return queues;
    }

    /** What the HTTP edge serves. */
    public SqsApi api() {
        return api;
    }

    /** Commits what was submitted, then closes the database. */
    @Override
    public void close() {
        store.close();
    }
}
