package dev.lamina.invoke.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The runtimes Lamina ships (module {@code runtimes}), copied from the classpath into
 * {@code <data dir>/runtimes/<digest>/}, where sandboxes mount them read-only as /var/runtime. The
 * digest covers every file, so an upgraded Lamina gets a fresh directory and running environments
 * keep the files they started with.
 */
public final class RuntimeFiles {
    private static final String PREFIX = "dev/lamina/runtimes/";

    private final Path root;

    private RuntimeFiles(Path root) {
        this.root = root;
    }

    /** Extracts the runtimes under {@code parent} unless an identical copy is already there. */
    public static RuntimeFiles extract(Path parent) {
        try {
            List<String> index = read("index.txt").lines().filter(l -> !l.isBlank()).toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String entry : index) {
                sha.update(entry.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes(entry));
            }
            Path target = parent.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 16));
            if (!Files.isDirectory(target)) {
                Files.createDirectories(parent);
                Path tmp = parent.resolve(".tmp-" + UUID.randomUUID());
                for (String entry : index) {
                    Path file = tmp.resolve(entry);
                    Files.createDirectories(file.getParent());
                    Files.write(file, bytes(entry));
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
                try (var dirs = Files.walk(tmp)) {
                    for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (!Files.isDirectory(target)) {
                        throw raced;
                    }
                }
            }
            return new RuntimeFiles(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the runtimes", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory mounted as /var/runtime for a runtime family ("nodejs", "python", "java"). */
    public Path family(String family) {
        return root.resolve(family);
    }

    /** An empty directory, the /var/runtime of custom runtimes. */
    public Path empty() {
        Path empty = root.resolve("empty");
        try {
            Files.createDirectories(empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return empty;
    }

    private static String read(String entry) throws IOException {
        return new String(bytes(entry), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String entry) throws IOException {
        try (InputStream in = RuntimeFiles.class.getClassLoader().getResourceAsStream(PREFIX + entry)) {
            if (in == null) {
                throw new IOException("the runtimes module lacks " + entry + "; is lamina-runtimes on the classpath?");
            }
            return in.readAllBytes();
        }
    }
}
