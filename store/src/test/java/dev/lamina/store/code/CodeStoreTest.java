package dev.lamina.store.code;

import dev.lamina.model.CodeDigest;
import dev.lamina.model.CodeRef;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeStoreTest {
    @TempDir
    Path root;
    CodeStore store;

    @BeforeEach
    void open() {
        store = new CodeStore(root, ZipLimits.AWS_DEFAULTS, 1024 * 1024);
    }

    static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    CodeLease put(byte[] zip) throws IOException {
        StagedPackage staged = store.stage();
        try (OutputStream out = staged.output()) {
            out.write(zip);
        }
        return store.commit(staged);
    }

    @Test
    void aCommittedPackageIsNamedByItsSha256AndReadsBackByteForByte() throws Exception {
        byte[] zip = zip("index.js", "exports.handler = 1");
        CodeRef code;
        try (CodeLease lease = put(zip)) {
            code = lease.code();
        }
        assertThat(code.digest()).isEqualTo(new CodeDigest(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertThat(code.size()).isEqualTo(zip.length);
        try (InputStream in = store.open(code.digest())) {
            assertThat(in.readAllBytes()).isEqualTo(zip);
        }
        assertThat(Files.list(root.resolve("staging"))).isEmpty();
    }

    @Test
    void preparingUnpacksThePackageOnceIntoItsTree() throws Exception {
        CodeRef code;
        try (CodeLease lease = put(zip("index.js", "hello"))) {
            code = lease.code();
        }
        Path tree = store.prepare(code);
        assertThat(tree).isEqualTo(store.tree(code.digest()));
        assertThat(Files.readString(tree.resolve("index.js"))).isEqualTo("hello");
        assertThat(store.prepare(code)).isEqualTo(tree);
    }

    @Test
    void aPackageThatIsNotAZipIsRefusedAndLeavesNothing() throws Exception {
        assertThatThrownBy(() -> put("not a zip at all".getBytes()))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.getMessage()).startsWith("Could not unzip uploaded file"));
        assertThat(Files.list(root.resolve("blobs"))).isEmpty();
        assertThat(Files.list(root.resolve("staging"))).isEmpty();
    }

    @Test
    void stagingStopsAtTheZippedSizeLimit() {
        StagedPackage staged = store.stage();
        assertThatThrownBy(() -> {
            try (OutputStream out = staged.output()) {
                out.write(new byte[1024 * 1024 + 1]);
            }
        }).isInstanceOfSatisfying(PackageTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(1024 * 1024));
        staged.close();
        assertThat(root.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void checkingAPackageValidatesItWithoutStoringIt() throws Exception {
        StagedPackage staged = store.stage();
        try (OutputStream out = staged.output()) {
            out.write(zip("a.py", "x = 1"));
        }
        CodeRef checked = store.check(staged);
        assertThat(store.contains(checked.digest())).isFalse();
        assertThat(root.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void garbageCollectionSparesLeasedAndReferencedPackages() throws Exception {
        CodeLease leased = put(zip("a", "leased"));
        CodeRef referenced;
        try (CodeLease lease = put(zip("b", "referenced"))) {
            referenced = lease.code();
        }
        CodeRef unused;
        try (CodeLease lease = put(zip("c", "unused"))) {
            unused = lease.code();
        }
        store.prepare(unused);
        List<CodeDigest> all = List.of(leased.code().digest(), referenced.digest(), unused.digest());

        store.deleteUnreferenced(all, referenced.digest()::equals);

        assertThat(store.contains(leased.code().digest())).isTrue();
        assertThat(store.contains(referenced.digest())).isTrue();
        assertThat(store.contains(unused.digest())).isFalse();
        assertThat(store.tree(unused.digest())).doesNotExist();

        leased.close();
        store.deleteUnreferenced(all, referenced.digest()::equals);
        assertThat(store.contains(leased.code().digest())).isFalse();
    }

    @Test
    void twoUploadsOfTheSameBytesShareOneBlobAndOneLeaseDoesNotEndTheOther() throws Exception {
        byte[] zip = zip("same", "bytes");
        CodeLease first = put(zip);
        CodeLease second = put(zip);
        assertThat(first.code()).isEqualTo(second.code());
        try (Stream<Path> blobs = Files.list(root.resolve("blobs"))) {
            assertThat(blobs).hasSize(1);
        }
        first.close();
        store.deleteUnreferenced(List.of(second.code().digest()), d -> false);
        assertThat(store.contains(second.code().digest())).isTrue();
        second.close();
        store.deleteUnreferenced(List.of(second.code().digest()), d -> false);
        assertThat(store.contains(second.code().digest())).isFalse();
    }

    @Test
    void theStartUpSweepDeletesWhatACrashLeftBehind() throws Exception {
        CodeRef kept;
        try (CodeLease lease = put(zip("k", "kept"))) {
            kept = lease.code();
        }
        CodeRef orphan;
        try (CodeLease lease = put(zip("o", "orphan"))) {
            orphan = lease.code();
        }
        store.prepare(kept);
        Files.writeString(root.resolve("staging").resolve("half-uploaded.zip"), "partial");
        Files.createDirectories(root.resolve("trees").resolve(".tmp-interrupted-extraction").resolve("sub"));

        store.sweep(Set.of(kept.digest()));

        assertThat(store.contains(kept.digest())).isTrue();
        assertThat(store.tree(kept.digest())).isDirectory();
        assertThat(store.contains(orphan.digest())).isFalse();
        assertThat(root.resolve("staging")).isEmptyDirectory();
        try (Stream<Path> trees = Files.list(root.resolve("trees"))) {
            assertThat(trees).containsExactly(store.tree(kept.digest()));
        }
    }
}
