package dev.lamina.invoke;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Puts a function's unpacked package into a stem cell's task directory: every file as a hard link
 * to the package tree (one system call each, no bytes copied), directories and symbolic links
 * recreated. The cell sees them through its read-only bind mount of that directory.
 */
final class TaskLinks {
    private TaskLinks() {
    }

    /** Links the files of {@code tree} into the empty directory {@code into}. */
    static void link(Path tree, Path into) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = into.resolve(tree.relativize(dir).toString());
                if (!dir.equals(tree)) {
                    Files.createDirectory(target);
                }
                Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = into.resolve(tree.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    try {
                        Files.createLink(target, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        // Another file system (or one without hard links): copy instead.
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Creates an empty task directory that the sandbox's user can read. */
    static Path create(Path cellDir) throws IOException {
        Path task = cellDir.resolve("task");
        Files.createDirectories(task);
        Files.setPosixFilePermissions(cellDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(task, PosixFilePermissions.fromString("rwxr-xr-x"));
        return task;
    }

    /** Deletes a cell's directory and everything in it (the links, not the package they point to). */
    static void delete(Path cellDir) {
        if (!Files.exists(cellDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(cellDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // swept at the next start
        }
    }
}
