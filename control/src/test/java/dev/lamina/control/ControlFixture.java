package dev.lamina.control;

import dev.lamina.model.AccountId;
import dev.lamina.model.Architecture;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.model.RuntimeId;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.StagedPackage;
import dev.lamina.store.code.ZipLimits;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A control plane on a real SQLite store and code store, whose background preparation runs only
 * when a test says so: the in-progress states are then observable without timing games.
 */
final class ControlFixture implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::123456789012:role/r";

    /** Queues tasks until {@link #runAll()}. */
    static final class ManualExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        int runAll() {
            int n = 0;
            Runnable task;
            while ((task = next()) != null) {
                task.run();
                n++;
            }
            return n;
        }

        private synchronized Runnable next() {
            return tasks.poll();
        }
    }

    final SqliteStore store;
    final CodeStore code;
    final ManualExecutor preparation = new ManualExecutor();
    final ControlPlane control;
    final ControlSettings settings;

    static ControlSettings awsDefaults() {
        return ControlSettings.awsDefaults(new Region("us-east-1"), new AccountId("123456789012"), Architecture.X86_64);
    }

    ControlFixture(Path dir) {
        this(dir, awsDefaults());
    }

    ControlFixture(Path dir, ControlSettings settings) {
        this.settings = settings;
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
        code = new CodeStore(dir.resolve("code"), ZipLimits.AWS_DEFAULTS, settings.maxZippedBytes());
        control = new ControlPlane(settings, store, code, preparation,
                InstantSource.fixed(Instant.parse("2026-01-02T03:04:05.678Z")));
    }

    static byte[] zip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // A fixed time: the same content must make the same package (and digest) whenever it is zipped.
            ZipEntry entry = new ZipEntry("index.js");
            entry.setTime(0);
            zip.putNextEntry(entry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    StagedPackage staged(byte[] zip) {
        StagedPackage staged = code.stage();
        try (OutputStream out = staged.output()) {
            out.write(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return staged;
    }

    static ConfigPatch nodeFunction() {
        return new ConfigPatch(Optional.empty(), Optional.of(new RuntimeId("nodejs20.x")), Optional.of("index.handler"),
                Optional.of(ROLE), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static ConfigPatch memory(int mb) {
        return new ConfigPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(mb), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    FunctionVersion create(String name, String content, boolean publish) {
        try (StagedPackage staged = staged(zip(content))) {
            return control.functions().create(new Functions.Create(new FunctionName(name), nodeFunction(), staged,
                    Map.of(), publish));
        }
    }

    FunctionVersion latest(String name) {
        return store.read(tx -> tx.versions().find(new FunctionName(name), Qualifier.LATEST)).orElseThrow();
    }

    @Override
    public void close() {
        store.close();
    }
}
