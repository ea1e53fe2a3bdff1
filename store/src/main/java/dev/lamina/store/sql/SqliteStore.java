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
import dev.lamina.store.gateway.httpapis.HttpApiRepository;
import dev.lamina.store.gateway.urls.FunctionUrlRepository;
import dev.lamina.store.iam.FunctionPolicyRepository;
import dev.lamina.store.iam.RoleRepository;
import dev.lamina.store.iam.UserRepository;
import dev.lamina.store.VersionRepository;
import dev.lamina.store.secrets.SecretSealer;
import dev.lamina.store.usage.UsageRepository;
import dev.lamina.store.mappings.MappingRepository;
import dev.lamina.store.gateway.restapis.RestApiRepository;
import dev.lamina.store.eventbridge.EventBridgeRepository;
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
 *
 * <p>Functions' environment variables are sealed with the sealer the store is opened with (see
 * {@link SealedEnvironment}). Rows written in the clear by an older Lamina are sealed in one pass
 * when the store opens; the writer runs with {@code secure_delete}, and that pass ends with a
 * {@code VACUUM} and a checkpoint, so the cleartext does not linger in free pages or the WAL.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong generation = new AtomicLong();
    private final Connection writer;
    private final HikariDataSource readers;
    private final SealedEnvironment environment;
    private boolean closed;

    private SqliteStore(Connection writer, HikariDataSource readers, SealedEnvironment environment) {
        this.writer = writer;
        this.readers = readers;
        this.environment = environment;
    }

    /**
     * Opens (creating when absent) the database at {@code file}, brings its schema up to date and
     * seals environment variables stored in the clear.
     *
     * @param environmentSealer seals functions' environment variables; must be the one they were
     *                          sealed with before, or the open fails with a {@link StoreException}
     *                          that says so
     */
    public static SqliteStore open(Path file, SecretSealer environmentSealer) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory of " + file, e);
        }
        createPrivately(file);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        migrate(url);
        Connection writer = null;
        SqliteStore opened = null;
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
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA secure_delete = ON");
            }
            SqliteStore store = new SqliteStore(writer, new HikariDataSource(pool), new SealedEnvironment(environmentSealer));
            opened = store;
            store.sealPlaintextEnvironments();
            return store;
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open the store at " + file, e);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            } else {
                closeQuietly(writer);
            }
            throw e instanceof StoreException ? e : new StoreException("cannot open the store at " + file, e);
        }
    }

    /** The one-time pass of {@link #open}; see {@link SqlVersionRepository#sealPlaintextEnvironments}. */
    private void sealPlaintextEnvironments() throws SQLException {
        int sealed = write(tx -> new SqlVersionRepository(new Jdbc(writer), environment).sealPlaintextEnvironments());
        if (sealed > 0) {
            writer.setAutoCommit(true);
            try (Statement st = writer.createStatement()) {
                // secure_delete zeroes only what is freed from now on: pages freed by earlier updates
                // may still hold old variables, so the file is rebuilt once, then the WAL emptied.
                st.execute("VACUUM");
                try (var rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    if (rs.next() && rs.getInt(1) != 0) {
                        LOG.warn("the write-ahead log could not be emptied after sealing; it still may hold"
                                + " environment variables in the clear until the next checkpoint");
                    }
                }
            } finally {
                writer.setAutoCommit(false);
            }
            LOG.info("sealed the environment variables of {} function versions written before sealing existed", sealed);
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
        return write(work, true);
    }

    @Override
    public <T> T writeUnversioned(Work<T> work) {
        return write(work, false);
    }

    private <T> T write(Work<T> work, boolean versioned) {
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
            if (versioned) {
                generation.incrementAndGet();
            }
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

    private Transaction transaction(Connection c) {
        Jdbc jdbc = new Jdbc(c);
        FunctionRepository functions = new SqlFunctionRepository(jdbc);
        VersionRepository versions = new SqlVersionRepository(jdbc, environment);
        AliasRepository aliases = new SqlAliasRepository(jdbc);
        ProvisionedConcurrencyRepository provisioned = new SqlProvisionedConcurrencyRepository(jdbc);
        EventInvokeConfigRepository eventInvokeConfigs = new SqlEventInvokeConfigRepository(jdbc);
        UserRepository users = new SqlUserRepository(jdbc);
        RoleRepository roles = new SqlRoleRepository(jdbc);
        FunctionPolicyRepository functionPolicies = new SqlFunctionPolicyRepository(jdbc);
        UsageRepository usage = new SqlUsageRepository(jdbc);
        MappingRepository mappings = new SqlMappingRepository(jdbc);
        HttpApiRepository httpApis = new SqlHttpApiRepository(jdbc);
        RestApiRepository restApis = new SqlRestApiRepository(jdbc);
        FunctionUrlRepository functionUrls = new SqlFunctionUrlRepository(jdbc);
        EventBridgeRepository eventBridge = new SqlEventBridgeRepository(jdbc);
        var stepFunctions = new SqlStepFunctionsRepository(jdbc);
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

            @Override
            public UsageRepository usage() {
                return usage;
            }

            @Override
            public MappingRepository mappings() {
                return mappings;
            }

            @Override
            public HttpApiRepository httpApis() {
                return httpApis;
            }

            @Override
            public RestApiRepository restApis() {
                return restApis;
            }

            @Override
            public FunctionUrlRepository functionUrls() {
                return functionUrls;
            }

            @Override
            public EventBridgeRepository eventBridge() {
                return eventBridge;
            }

            @Override
            public dev.lamina.store.stepfunctions.StepFunctionsRepository stepFunctions() {
                return stepFunctions;
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
