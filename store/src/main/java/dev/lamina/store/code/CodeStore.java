package dev.lamina.store.code;

import dev.lamina.model.CodeDigest;
import dev.lamina.model.CodeRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Deployment packages, content-addressed by SHA-256, each unpacked at most once.
 *
 * <pre>
 *   root/blobs/&lt;hex&gt;.zip   the package as uploaded (fsynced before it is acknowledged)
 *   root/trees/&lt;hex&gt;/      its files, unpacked safely by {@link ZipExtractor}
 *   root/staging/          uploads in progress
 *   root/trash/            trees being deleted
 * </pre>
 *
 * Blobs and trees are immutable once in place. Which of them are still needed is the store's
 * knowledge, not this class's: callers pass it to {@link #deleteUnreferenced} and {@link #sweep}.
 * A {@link CodeLease} protects a package between its commit here and the commit of the version
 * that uses it.
 */
public final class CodeStore {
    private static final Logger LOG = LoggerFactory.getLogger(CodeStore.class);

    private final Path blobs;
    private final Path trees;
    private final Path staging;
    private final Path trash;
    private final ZipExtractor extractor;
    private final long maxZippedBytes;
    // Digests with open leases, and how many; guarded by `this` together with deletion.
    private final Map<CodeDigest, Integer> pins = new HashMap<>();

    /**
     * @param maxZippedBytes the largest package {@link #stage()} accepts (AWS: 50 MB)
     */
    public CodeStore(Path root, ZipLimits limits, long maxZippedBytes) {
        this.blobs = root.resolve("blobs");
        this.trees = root.resolve("trees");
        this.staging = root.resolve("staging");
        this.trash = root.resolve("trash");
        this.extractor = new ZipExtractor(limits);
        this.maxZippedBytes = maxZippedBytes;
        try {
            // Only the unpacked trees are for the sandboxes, which may traverse to a tree they know
            // the digest of (0711) but list nothing; packages and uploads stay private (0700).
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            for (Path dir : new Path[] {blobs, staging, trash}) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            Files.createDirectories(trees);
            Files.setPosixFilePermissions(trees, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the code store under " + root, e);
        }
    }

    /** Starts receiving a package. */
    public StagedPackage stage() {
        return new StagedPackage(staging.resolve(UUID.randomUUID() + ".zip"), maxZippedBytes);
    }

    /**
     * Validates a received package without unpacking it and moves it into the store durably.
     *
     * @throws dev.lamina.model.LambdaException InvalidParameterValueException when the package is not
     *         a zip Lamina accepts; the staged file is then discarded
     */
    public CodeLease commit(StagedPackage staged) {
        try (staged) {
            CodeDigest digest = staged.finish();
            PackageSummary summary = extractor.inspect(staged.file());
            CodeRef code = new CodeRef(digest, staged.size(), summary.unzippedBytes());
            synchronized (this) {
                // Pin before the move, so a concurrent collection of the same digest cannot run between them.
                pins.merge(digest, 1, Integer::sum);
            }
            try {
                moveIntoPlace(staged.file(), blob(digest));
            } catch (IOException | RuntimeException e) {
                unpin(digest);
                throw e;
            }
            return new CodeLease(this, code);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a deployment package", e);
        }
    }

    /**
     * Validates a received package as {@link #commit} does, then discards it: for dry runs.
     */
    public CodeRef check(StagedPackage staged) {
        try (staged) {
            CodeDigest digest = staged.finish();
            return new CodeRef(digest, staged.size(), extractor.inspect(staged.file()).unzippedBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a deployment package", e);
        }
    }

    private void moveIntoPlace(Path file, Path target) throws IOException {
        if (Files.exists(target)) {
            return; // the same bytes are already stored; the staged copy is deleted on close
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        fsyncDirectory(blobs);
    }

    synchronized void unpin(CodeDigest digest) {
        pins.computeIfPresent(digest, (d, n) -> n == 1 ? null : n - 1);
    }

    /**
     * The unpacked tree of a committed package, unpacking it first if needed. Safe to call from
     * several threads for the same package.
     *
     * @throws dev.lamina.model.LambdaException InvalidParameterValueException when unpacking finds
     *         what the cheap check at commit could not (a bomb whose headers lie, corrupt data)
     */
    public Path prepare(CodeRef code) {
        Path tree = tree(code.digest());
        if (!Files.isDirectory(tree)) {
            extractor.extract(blob(code.digest()), tree);
        }
        return tree;
    }

    /** The directory a prepared package's files are in. */
    public Path tree(CodeDigest digest) {
        return trees.resolve(digest.hex());
    }

    /** The package as uploaded, for download. */
    public InputStream open(CodeDigest digest) throws IOException {
        return Files.newInputStream(blob(digest));
    }

    public boolean contains(CodeDigest digest) {
        return Files.exists(blob(digest));
    }

    /**
     * Deletes those of {@code candidates} that are neither leased nor {@code referenced}. Call it
     * after the transaction that dropped the references has committed.
     */
    public synchronized void deleteUnreferenced(Collection<CodeDigest> candidates, Predicate<CodeDigest> referenced) {
        for (CodeDigest digest : candidates) {
            if (!pins.containsKey(digest) && !referenced.test(digest)) {
                delete(digest);
            }
        }
    }

    /**
     * Deletes every package that is not in {@code referenced} and not leased, and every leftover
     * upload. Run at start-up, before any upload begins, to clean up after a crash.
     */
    public synchronized void sweep(Set<CodeDigest> referenced) {
        deleteChildren(staging);
        deleteChildren(trash);
        for (Path dir : new Path[] {blobs, trees}) {
            try (Stream<Path> entries = Files.list(dir)) {
                entries.forEach(p -> {
                    String name = p.getFileName().toString();
                    String hex = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
                    if (name.startsWith(".") || !hex.matches("[0-9a-f]{64}")) {
                        deleteTree(p); // a temporary tree left by an interrupted extraction
                        return;
                    }
                    CodeDigest digest = CodeDigest.ofHex(hex);
                    if (!referenced.contains(digest) && !pins.containsKey(digest)) {
                        delete(digest);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void delete(CodeDigest digest) {
        Path tree = tree(digest);
        if (Files.exists(tree)) {
            // Move the tree out first, so nothing ever sees a half-deleted tree under its name.
            Path doomed = trash.resolve(digest.hex() + "-" + UUID.randomUUID());
            try {
                Files.move(tree, doomed, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(doomed);
            } catch (IOException e) {
                LOG.warn("could not delete the unpacked package {}", digest, e);
            }
        }
        try {
            Files.deleteIfExists(blob(digest));
        } catch (IOException e) {
            LOG.warn("could not delete the package {}", digest, e);
        }
    }

    private Path blob(CodeDigest digest) {
        return blobs.resolve(digest.hex() + ".zip");
    }

    private static void deleteChildren(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(CodeStore::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file or a directory tree without following symlinks. */
    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    if (!Files.isSymbolicLink(p)) {
                        p.toFile().setWritable(true, true);
                    }
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
