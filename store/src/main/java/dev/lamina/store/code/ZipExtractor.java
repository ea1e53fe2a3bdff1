package dev.lamina.store.code;

import dev.lamina.model.LambdaException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Validates and unpacks deployment packages without trusting anything the archive says.
 *
 * <p>{@link #inspect} is cheap (it reads the central directory and symlink targets, never file
 * data) and refuses almost every bad package at once. {@link #extract} applies the same rules and
 * also counts the bytes actually inflated, so an archive whose headers lie about sizes is stopped at
 * the limit. Extraction writes a private temporary tree beside the target, fsyncs it, and renames it
 * into place atomically: a crash leaves either no target or a complete one.
 *
 * <p>Refusals are {@link LambdaException}s (InvalidParameterValueException); failures of the host's
 * own disk are {@link UncheckedIOException}s.
 */
public final class ZipExtractor {
    static final String CORRUPT = "Could not unzip uploaded file. Please check your file, then try to upload again.";
    private static final int MAX_LINK_TARGET = 4_096;

    private final ZipLimits limits;

    public ZipExtractor(ZipLimits limits) {
        this.limits = limits;
    }

    private record Item(ZipArchiveEntry entry, String path, EntryRules.Kind kind, int permissions) {
    }

    private record Plan(List<Item> items, Map<String, String> links, long declaredBytes) {
        PackageSummary summary(long bytes) {
            return new PackageSummary(items.size(), bytes);
        }
    }

    /** Checks every rule that needs no file data; the declared unpacked size. */
    public PackageSummary inspect(Path zip) {
        try (ZipFile archive = open(zip)) {
            Plan plan = plan(archive);
            return plan.summary(plan.declaredBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unpacks {@code zip} into {@code target}, which must not exist yet; if it appears meanwhile
     * (the same content-addressed package unpacked by another thread), this unpacking is discarded.
     *
     * @return the bytes actually written (declared ones when the target already existed)
     */
    public PackageSummary extract(Path zip, Path target) {
        try (ZipFile archive = open(zip)) {
            Plan plan = plan(archive);
            if (Files.isDirectory(target)) {
                return plan.summary(plan.declaredBytes());
            }
            Path tmp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + UUID.randomUUID());
            Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                long written = write(archive, plan, tmp);
                // The tree's own root is made while private; once complete it is readable by sandboxes.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                fsyncDirectories(tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    fsync(target.getParent());
                } catch (IOException moveFailed) {
                    if (!Files.isDirectory(target)) {
                        throw moveFailed;
                    }
                    CodeStore.deleteTree(tmp); // another extraction of the same package won the rename
                }
                return plan.summary(written);
            } catch (IOException | RuntimeException e) {
                CodeStore.deleteTree(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    private ZipFile open(Path zip) throws IOException {
        try {
            if (CentralDirectory.countEntries(zip, limits.maxEntries()) > limits.maxEntries()) {
                throw LambdaException.invalidParameter("Could not unzip uploaded file: the package has more than "
                        + limits.maxEntries() + " entries.");
            }
            return ZipFile.builder().setPath(zip).get();
        } catch (CentralDirectory.NotAZipException | java.util.zip.ZipException e) {
            throw LambdaException.invalidParameter(CORRUPT);
        } catch (IOException e) {
            if (Files.isReadable(zip)) {
                throw LambdaException.invalidParameter(CORRUPT); // the archive's structure, not our disk
            }
            throw e;
        }
    }

    private Plan plan(ZipFile archive) throws IOException {
        List<Item> items = new ArrayList<>();
        TreeMap<String, EntryRules.Kind> paths = new TreeMap<>();
        Map<String, String> links = new HashMap<>();
        long declared = 0;
        for (ZipArchiveEntry entry : Collections.list(archive.getEntriesInPhysicalOrder())) {
            if (items.size() >= limits.maxEntries()) {
                throw LambdaException.invalidParameter("Could not unzip uploaded file: the package has more than "
                        + limits.maxEntries() + " entries.");
            }
            if (!archive.canReadEntryData(entry) || entry.getSize() < 0) {
                throw LambdaException.invalidParameter(CORRUPT); // encrypted, unknown method, or no size
            }
            String path = EntryRules.normalize(entry.getName(), limits.maxPathLength());
            EntryRules.Kind kind = EntryRules.kind(entry);
            if (path.isEmpty()) {
                if (kind == EntryRules.Kind.DIRECTORY) {
                    continue; // "./": the root, which exists anyway
                }
                throw EntryRules.refused(entry.getName(), "names the package root itself");
            }
            if (paths.put(path, kind) != null) {
                throw EntryRules.refused(path, "appears more than once");
            }
            if (kind == EntryRules.Kind.FILE) {
                declared += entry.getSize();
                if (declared > limits.maxUnzippedBytes()) {
                    throw tooLarge();
                }
            } else if (kind == EntryRules.Kind.SYMLINK) {
                links.put(path, linkTarget(archive, entry, path));
            }
            items.add(new Item(entry, path, kind, EntryRules.permissions(entry, kind)));
        }
        for (var p : paths.entrySet()) {
            if (p.getValue() != EntryRules.Kind.DIRECTORY) {
                String below = paths.ceilingKey(p.getKey() + "/");
                if (below != null && below.startsWith(p.getKey() + "/")) {
                    throw EntryRules.refused(p.getKey(), "is a " + (p.getValue() == EntryRules.Kind.SYMLINK
                            ? "symlink" : "file") + " that another entry uses as a directory");
                }
            }
        }
        SymlinkResolver resolver = new SymlinkResolver(links);
        for (String link : links.keySet()) {
            try {
                resolver.check(link);
            } catch (SymlinkResolver.EscapeException e) {
                throw EntryRules.refused(link, e.getMessage());
            }
        }
        return new Plan(items, links, declared);
    }

    private static String linkTarget(ZipFile archive, ZipArchiveEntry entry, String path) {
        if (entry.getSize() > MAX_LINK_TARGET) {
            throw EntryRules.refused(path, "is a symlink with a target longer than " + MAX_LINK_TARGET + " bytes");
        }
        try (InputStream in = archive.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_LINK_TARGET + 1);
            String target = new String(bytes, StandardCharsets.UTF_8);
            if (bytes.length > MAX_LINK_TARGET || target.indexOf('\0') >= 0 || target.indexOf('\\') >= 0) {
                throw EntryRules.refused(path, "is a symlink with an unusable target");
            }
            return target;
        } catch (IOException e) {
            throw LambdaException.invalidParameter(CORRUPT);
        }
    }

    private long write(ZipFile archive, Plan plan, Path root) throws IOException {
        long[] total = {0};
        Map<Path, Integer> directories = new HashMap<>();
        for (Item item : plan.items()) {
            Path out = inside(root, item.path());
            switch (item.kind()) {
                case DIRECTORY -> {
                    Files.createDirectories(out);
                    directories.put(out, item.permissions());
                }
                case FILE -> {
                    Files.createDirectories(out.getParent());
                    copy(archive, item, out, total);
                    Files.setPosixFilePermissions(out, permissions(item.permissions()));
                }
                case SYMLINK -> { } // last, so no file is ever written through one
            }
        }
        for (Item item : plan.items()) {
            if (item.kind() == EntryRules.Kind.SYMLINK) {
                Path out = inside(root, item.path());
                Files.createDirectories(out.getParent());
                Files.createSymbolicLink(out, Path.of(plan.links().get(item.path())));
            }
        }
        // Deepest first, so a read-only directory never blocks setting its children.
        directories.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Path, Integer> e) -> e.getKey().getNameCount()).reversed())
                .forEach(e -> setPermissions(e.getKey(), e.getValue()));
        return total[0];
    }

    private void copy(ZipFile archive, Item item, Path out, long[] total) throws IOException {
        ZipArchiveEntry entry = item.entry();
        CRC32 crc = new CRC32();
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = archiveStream(archive, entry);
             FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int read;
            while ((read = readArchive(in, buffer)) > 0) {
                n += read;
                total[0] += read;
                if (n > entry.getSize()) {
                    throw EntryRules.refused(item.path(), "inflates to more bytes than its headers declare");
                }
                if (total[0] > limits.maxUnzippedBytes()) {
                    throw tooLarge();
                }
                crc.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            if (n != entry.getSize() || (entry.getCrc() != -1 && crc.getValue() != entry.getCrc())) {
                throw LambdaException.invalidParameter(CORRUPT);
            }
            channel.force(true);
        }
    }

    // Reading the archive can fail because the archive is broken: that is the caller's fault.
    private static InputStream archiveStream(ZipFile archive, ZipArchiveEntry entry) {
        try {
            return archive.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw LambdaException.invalidParameter(CORRUPT);
        }
    }

    private static int readArchive(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw LambdaException.invalidParameter(CORRUPT);
        }
    }

    /** Defence in depth: the normalized path must still resolve inside the root. */
    private static Path inside(Path root, String path) {
        Path out = root.resolve(path).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw EntryRules.refused(path, "escapes the package root");
        }
        return out;
    }

    private LambdaException tooLarge() {
        return LambdaException.invalidParameter("Unzipped size must be smaller than " + limits.maxUnzippedBytes()
                + " bytes");
    }

    private static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    private static void setPermissions(Path path, int bits) {
        try {
            Files.setPosixFilePermissions(path, permissions(bits));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fsyncDirectories(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    fsync(p);
                }
            }
        }
    }

    private static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
