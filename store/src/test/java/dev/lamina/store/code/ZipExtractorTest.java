package dev.lamina.store.code;

import dev.lamina.model.LambdaException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipExtractorTest {
    static final ZipLimits ONE_MB = new ZipLimits(1024 * 1024, 1000, 4096);

    @TempDir
    Path dir;
    @TempDir
    static Path shared;
    static Path hundredThousandEntries;

    final ZipExtractor extractor = new ZipExtractor(ZipLimits.AWS_DEFAULTS);

    @BeforeAll
    static void buildTheLargeArchiveOnce() throws IOException {
        hundredThousandEntries = shared.resolve("many.zip");
        try (OutputStream out = Files.newOutputStream(hundredThousandEntries);
             ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (int i = 0; i < 100_000; i++) {
                ZipArchiveEntry e = new ZipArchiveEntry("f" + i);
                e.setMethod(java.util.zip.ZipEntry.STORED);
                e.setSize(0);
                e.setCrc(0);
                zip.putArchiveEntry(e);
                zip.closeArchiveEntry();
            }
        }
    }

    Path write(byte[] zip) throws IOException {
        Path file = Files.createTempFile(dir, "pkg", ".zip");
        Files.write(file, zip);
        return file;
    }

    Path target() {
        return dir.resolve("tree");
    }

    /** Both operations refuse the archive, and extraction leaves nothing behind. */
    void refusedByBoth(byte[] zip, String messagePart) throws IOException {
        Path file = write(zip);
        assertThatThrownBy(() -> extractor.inspect(file)).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.getMessage()).contains(messagePart));
        assertThatThrownBy(() -> extractor.extract(file, target())).isInstanceOf(LambdaException.class);
        assertNothingLeft();
    }

    void assertNothingLeft() throws IOException {
        assertThat(target()).doesNotExist();
        assertNoTemporaryTrees();
    }

    void assertNoTemporaryTrees() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    void aNormalPackageUnpacksWithItsTreeModesAndRelativeLinks() throws IOException {
        Path file = write(Archives.zip().dir("lib").file("lib/util.js", "u").file("index.js", "i")
                .file("bin/run", "#!/bin/sh", 0100755).symlink("lib/link.js", "util.js")
                .symlink("current", "lib").build());
        PackageSummary summary = extractor.extract(file, target());
        assertThat(summary.unzippedBytes()).isEqualTo(1 + 1 + 9);
        assertThat(target().resolve("lib/util.js")).hasContent("u");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target().resolve("bin/run"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.isSymbolicLink(target().resolve("lib/link.js"))).isTrue();
        assertThat(target().resolve("lib/link.js")).hasContent("u");
        assertThat(Files.readSymbolicLink(target().resolve("current"))).isEqualTo(Path.of("lib"));
        assertNoTemporaryTrees();
    }

    @Test
    void inspectReportsTheDeclaredSizeWithoutUnpacking() throws IOException {
        Path file = write(Archives.zip().file("a", "12345").file("b/c", "678").build());
        assertThat(extractor.inspect(file)).isEqualTo(new PackageSummary(2, 8));
        assertThat(target()).doesNotExist();
    }

    @Test
    void zipSlipIsRefused() throws IOException {
        refusedByBoth(Archives.zip().file("../evil", "x").build(), "escapes the package root");
        refusedByBoth(Archives.zip().file("a/../../evil", "x").build(), "escapes the package root");
    }

    @Test
    void absolutePathsBackslashesAndDrivesAreRefused() throws IOException {
        refusedByBoth(Archives.zip().file("/etc/passwd", "x").build(), "absolute path");
        // A name without '/' has its backslashes read as separators (Windows archives): then it is a zip slip.
        refusedByBoth(Archives.zip().file("..\\evil", "x").build(), "escapes the package root");
        refusedByBoth(Archives.zip().file("dir/..\\..\\evil", "x").build(), "backslashes");
        refusedByBoth(Archives.zip().file("C:/Windows/evil", "x").build(), "absolute path");
    }

    @Test
    void controlCharactersAreRefusedAndNeverEchoed() throws IOException {
        Path file = write(Archives.zip().file("bad\u0007name\u001b[31m", "x").build());
        assertThatThrownBy(() -> extractor.inspect(file)).isInstanceOfSatisfying(LambdaException.class, e ->
                assertThat(e.getMessage()).contains("control character").doesNotContain("\u0007").doesNotContain("\u001b"));
    }

    @Test
    void symlinksThatLeaveThePackageAreRefused() throws IOException {
        refusedByBoth(Archives.zip().symlink("link", "../../etc").build(), "points outside the package");
        refusedByBoth(Archives.zip().symlink("link", "/etc/passwd").build(), "absolute");
        refusedByBoth(Archives.zip().dir("a").symlink("a/up", "../..").build(), "points outside the package");
    }

    @Test
    void aChainOfInnocentLookingSymlinksThatEscapesIsRefused() throws IOException {
        // "d" is the root itself, so "d/.." is the root's parent, though "d/../x" looks like "x".
        refusedByBoth(Archives.zip().symlink("d", ".").symlink("e", "d/../outside").build(),
                "points outside the package");
        refusedByBoth(Archives.zip().symlink("loop1", "loop2").symlink("loop2", "loop1").build(), "loop");
    }

    @Test
    void nothingIsEverWrittenThroughASymlink() throws IOException {
        refusedByBoth(Archives.zip().dir("real").symlink("lib", "real").file("lib/x", "through").build(),
                "symlink that another entry uses as a directory");
        refusedByBoth(Archives.zip().file("a", "file").file("a/b", "under a file").build(),
                "file that another entry uses as a directory");
    }

    @Test
    void setuidSetgidAndStickyBitsAreDropped() throws IOException {
        Path file = write(Archives.zip().file("suid", "x", 0104755).file("sgid", "x", 0102755)
                .dir("d").file("d/f", "x").build());
        extractor.extract(file, target());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target().resolve("suid"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target().resolve("sgid"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.getAttribute(target().resolve("suid"), "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(0100755);
    }

    @Test
    void filesWithoutAUnixModeGetOrdinaryPermissionsAndUnreadableOnesStayReadableToTheOwner() throws IOException {
        Path file = write(Archives.zip().plain("windows.txt", "w").file("locked", "x", 0100000).build());
        extractor.extract(file, target());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target().resolve("windows.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target().resolve("locked"))))
                .isEqualTo("r--------");
    }

    @Test
    void devicesAndFifosAreRefused() throws IOException {
        refusedByBoth(Archives.zip().special("dev/null", 0020666).build(), "device, FIFO or socket");
        refusedByBoth(Archives.zip().special("dev/sda", 0060660).build(), "device, FIFO or socket");
        refusedByBoth(Archives.zip().special("pipe", 0010644).build(), "device, FIFO or socket");
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        refusedByBoth(Archives.zip().file("index.js", "one").file("./index.js", "two").build(),
                "appears more than once");
    }

    @Test
    void anArchiveThatDeclaresTooMuchIsRefusedWithAwsMessage() throws IOException {
        ZipExtractor small = new ZipExtractor(ONE_MB);
        Path file = write(Archives.zip().bytes("big", new byte[1024 * 1024 + 1]).build());
        assertThatThrownBy(() -> small.inspect(file)).hasMessage("Unzipped size must be smaller than 1048576 bytes");
    }

    @Test
    void aBombWhoseHeadersLieIsStoppedWhileInflatingAndNotByInspect() throws IOException {
        ZipExtractor small = new ZipExtractor(ONE_MB);
        byte[] honest = Archives.zip().bytes("bomb", new byte[4 * 1024 * 1024]).build();
        Path file = write(Archives.lyingAboutSizes(honest, 100));
        assertThat(small.inspect(file).unzippedBytes()).isEqualTo(100); // the lie passes the cheap check
        assertThatThrownBy(() -> small.extract(file, target())).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.getMessage()).contains("inflates to more bytes than its headers declare"));
        assertNothingLeft();
    }

    @Test
    void aBombSpreadOverManyLyingEntriesHitsTheTotalLimit() throws IOException {
        ZipExtractor small = new ZipExtractor(ONE_MB);
        Archives archive = Archives.zip();
        for (int i = 0; i < 5; i++) {
            archive.bytes("part" + i, new byte[300 * 1024]);
        }
        // Each entry claims exactly its real size but the headers were built honestly: 1.5 MB total.
        Path file = write(archive.build());
        assertThatThrownBy(() -> small.extract(file, target())).hasMessageContaining("Unzipped size must be smaller");
        assertNothingLeft();
    }

    @Test
    void oneHundredThousandTinyEntriesAreRefusedQuickly() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> extractor.inspect(hundredThousandEntries))
                .hasMessageContaining("more than 65536 entries");
        assertThatThrownBy(() -> extractor.extract(hundredThousandEntries, target()))
                .hasMessageContaining("more than 65536 entries");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(3000);
        assertThat(target()).doesNotExist();
    }

    @Test
    void bytesThatAreNotAZipAreRefusedWithAwsMessage() throws IOException {
        refusedByBoth("this is not a zip file".getBytes(), ZipExtractor.CORRUPT);
        refusedByBoth(new byte[0], ZipExtractor.CORRUPT);
        byte[] good = Archives.zip().file("a", "x".repeat(1000)).build();
        refusedByBoth(java.util.Arrays.copyOf(good, good.length / 2), ZipExtractor.CORRUPT);
    }

    @Test
    void corruptedDataIsCaughtByItsChecksum() throws IOException {
        byte[] zip = Archives.zip().file("a", "hello world, hello world, hello world").build();
        zip[40] ^= 0x55; // inside the compressed data of the only entry
        Path file = write(zip);
        assertThatThrownBy(() -> extractor.extract(file, target())).isInstanceOf(LambdaException.class);
        assertNothingLeft();
    }

    @Test
    void theDotSlashRootEntryOfPythonArchivesIsAccepted() throws IOException {
        Path file = write(Archives.zip().dir("./").file("./app.py", "def handler(e, c): pass").build());
        extractor.extract(file, target());
        assertThat(target().resolve("app.py")).exists();
    }

    @Test
    void extractingAnExistingTargetIsANoOp() throws IOException {
        Path file = write(Archives.zip().file("a", "first").build());
        extractor.extract(file, target());
        Path other = write(Archives.zip().file("a", "second").build());
        extractor.extract(other, target());
        assertThat(target().resolve("a")).hasContent("first");
    }

    @Test
    void concurrentExtractionsOfOnePackageLeaveOneCompleteTree() throws Exception {
        Archives archive = Archives.zip();
        for (int i = 0; i < 200; i++) {
            archive.file("dir" + (i % 10) + "/file" + i, "content " + i);
        }
        Path file = write(archive.build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PackageSummary>> tasks = java.util.Collections.nCopies(8, () -> extractor.extract(file, target()));
            for (Future<PackageSummary> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> files = Files.walk(target())) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(200);
        }
        assertNoTemporaryTrees();
    }
}
