package dev.lamina.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lamina.store.AliasRepository;
import dev.lamina.store.EventInvokeConfigRepository;
import dev.lamina.store.FunctionRepository;
import dev.lamina.store.ProvisionedConcurrencyRepository;
import dev.lamina.store.Store;
import dev.lamina.store.StoreException;
import dev.lamina.store.Transaction;
import dev.lamina.store.iam.FunctionPolicyRepository;
import dev.lamina.store.iam.RoleRepository;
import dev.lamina.store.iam.UserRepository;
import dev.lamina.store.VersionRepository;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite database file in WAL mode.
 *
 * <p>All writes go through one connection, serialised by a lock, with {@code synchronous=FULL}
 * so that a commit has reached the disk when {@link #write} returns: an acknowledged change survives
 * {@code kill -9} and power loss. Reads use a small pool of connections; WAL lets them run beside
 * the writer, each on its own snapshot.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong generation = new AtomicLong();
    private final Connection writer;
    private final HikariDataSource readers;
    private boolean closed;

    private SqliteStore(Connection writer, HikariDataSource readers) {
        this.writer = writer;
        this.readers = readers;
    }

    /** Opens (creating when absent) the database at {@code file} and brings its schema up to date. */
    public static SqliteStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory of " + file, e);
        }
        createPrivately(file);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        migrate(url);
        Connection writer = null;
        try {
            SQLiteConfig writeConfig = baseConfig();
            writeConfig.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            writer = DriverManager.getConnection(url, writeConfig.toProperties());
            writer.setAutoCommit(false);

            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(url);
            pool.setDataSourceProperties(baseConfig().toProperties());
            pool.setMaximumPoolSize(READERS);
            pool.setMinimumIdle(1);
            pool.setPoolName("lamina-store-readers");
            pool.setAutoCommit(false);
            return new SqliteStore(writer, new HikariDataSource(pool));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open the store at " + file, e);
        }
    }

    /**
     * Creates the database file with mode 0600 before SQLite does: SQLite gives its WAL and shared
     * memory files the database file's mode, so they are private too.
     */
    private static void createPrivately(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the database file " + file, e);
        }
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.enforceForeignKeys(true);
        c.setBusyTimeout(BUSY_TIMEOUT_MS);
        return c;
    }

    private static void migrate(String url) {
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration/sqlite")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    @Override
    public <T> T read(Work<T> work) {
        try (Connection c = readers.getConnection()) {
            try {
                return work.run(transaction(c));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("read transaction failed", e);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            if (closed) {
                throw new StoreException("the store is closed", null);
            }
            T result;
            try {
                result = work.run(transaction(writer));
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
            commit();
            generation.incrementAndGet();
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long generation() {
        return generation.get();
    }

    private void commit() {
        try {
            writer.commit();
        } catch (SQLException e) {
            rollback();
            throw new StoreException("commit failed", e);
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.error("rollback failed", e);
        }
    }

    private static Transaction transaction(Connection c) {
        Jdbc jdbc = new Jdbc(c);
        FunctionRepository functions = new SqlFunctionRepository(jdbc);
        VersionRepository versions = new SqlVersionRepository(jdbc);
        AliasRepository aliases = new SqlAliasRepository(jdbc);
        ProvisionedConcurrencyRepository provisioned = new SqlProvisionedConcurrencyRepository(jdbc);
        EventInvokeConfigRepository eventInvokeConfigs = new SqlEventInvokeConfigRepository(jdbc);
        UserRepository users = new SqlUserRepository(jdbc);
        RoleRepository roles = new SqlRoleRepository(jdbc);
        FunctionPolicyRepository functionPolicies = new SqlFunctionPolicyRepository(jdbc);
        return new Transaction() {
            @Override
            public FunctionRepository functions() {
                return functions;
            }

            @Override
            public VersionRepository versions() {
                return versions;
            }

            @Override
            public AliasRepository aliases() {
                return aliases;
            }

            @Override
            public ProvisionedConcurrencyRepository provisionedConcurrency() {
                return provisioned;
            }

            @Override
            public EventInvokeConfigRepository eventInvokeConfigs() {
                return eventInvokeConfigs;
            }

            @Override
            public UserRepository users() {
                return users;
            }

            @Override
            public RoleRepository roles() {
                return roles;
            }

            @Override
            public FunctionPolicyRepository functionPolicies() {
                return functionPolicies;
            }
        };
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readers.close();
            try (Statement st = writer.createStatement()) {
                writer.commit();
                // Fold the WAL back into the database file so a clean stop leaves one file.
                writer.setAutoCommit(true);
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                LOG.warn("checkpoint on close failed; the WAL will be replayed on the next start", e);
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("closing a store connection failed", e);
            }
        }
    }
}
