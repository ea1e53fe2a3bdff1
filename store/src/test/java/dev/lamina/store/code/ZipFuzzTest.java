package dev.lamina.store.code;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mutated deployment packages either unpack safely — inside the target, within the limits — or are
 * refused with the package error (InvalidParameterValueException); never another exception, never
 * a file beside the target, never a hang.
 *
 * <p>The default suite replays {@value #DEFAULT_CASES} cases of a fixed seed in seconds. A long
 * run: {@code -Dlamina.fuzz.cases=100000 -Dlamina.fuzz.seed=<any>} (docs/SECURITY.md). A failing
 * case is saved under {@code target/fuzz-failures/} and is named by its seed and number.
 */
class ZipFuzzTest {
    static final int DEFAULT_CASES = 400;
    static final long DEFAULT_SEED = 20261201L;
    private static final ZipLimits LIMITS = new ZipLimits(1024 * 1024, 200, 4096);
    /** Far above what a case takes (milliseconds): only a hang or a runaway loop reaches it. */
    private static final Duration PER_CASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ZipExtractor extractor = new ZipExtractor(LIMITS);

    @Test
    void mutatedPackagesUnpackInsideTheirRootWithinTheLimitsOrAreRefusedAsBadPackages() throws IOException {
        long seed = Long.getLong("lamina.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("lamina.fuzz.cases", DEFAULT_CASES);
        ZipMutator mutator = new ZipMutator(seed, seeds());
        int unpacked = 0;
        for (int i = 0; i < cases; i++) {
            byte[] zip = mutator.next();
            try {
                unpacked += runCase(zip) ? 1 : 0;
            } catch (AssertionError | RuntimeException e) {
                Path saved = Path.of("target", "fuzz-failures", "zip-" + seed + "-" + i + ".zip");
                Files.createDirectories(saved.getParent());
                Files.write(saved, zip);
                throw new AssertionError("case " + i + " of seed " + seed + " failed; the archive is in " + saved, e);
            }
        }
        System.out.printf("zip fuzz: seed %d, %d cases, %d unpacked, %d refused%n", seed, cases, unpacked, cases - unpacked);
        // A mutator that only ever produces garbage would test the refusal path alone.
        assertThat(unpacked).as("cases that unpacked").isGreaterThan(cases / 20);
    }

    /** @return whether the package unpacked */
    private boolean runCase(byte[] zip) throws IOException {
        Path in = dir.resolve("in.zip");
        Files.write(in, zip);
        Path parent = Files.createDirectory(dir.resolve("case"));
        Path target = parent.resolve("pkg");
        try {
            return assertTimeoutPreemptively(PER_CASE, () -> {
                try {
                    extractor.inspect(in);
                    extractor.extract(in, target);
                } catch (LambdaException refused) {
                    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(list(parent)).as("a refused package leaves nothing behind").isEmpty();
                    return false;
                }
                assertSafelyUnpacked(parent, target);
                return true;
            });
        } finally {
            assertThat(list(dir)).as("nothing is written beside the package's own directory")
                    .containsExactlyInAnyOrder(in, parent);
            CodeStore.deleteTree(parent);
        }
    }

    private static void assertSafelyUnpacked(Path parent, Path target) throws IOException {
        assertThat(list(parent)).containsExactly(target);
        Path root = target.toRealPath();
        long bytes = 0;
        int entries = 0;
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.toList()) {
                entries++;
                if (Files.isSymbolicLink(p)) {
                    Path lexical = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                    Path resolved = Files.exists(p) ? p.toRealPath() : lexical;
                    assertThat(resolved).as("symlink %s", p).startsWithRaw(Files.exists(p) ? root : target);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    bytes += Files.size(p);
                } else {
                    assertThat(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).as("only files, directories, links: %s", p)
                            .isTrue();
                }
            }
        }
        assertThat(bytes).isLessThanOrEqualTo(LIMITS.maxUnzippedBytes());
        assertThat(entries - 1).isLessThanOrEqualTo(LIMITS.maxEntries());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Valid packages of every shape the extractor handles; the mutations make them hostile. */
    private static List<byte[]> seeds() {
        return List.of(
                Archives.zip().file("index.js", "exports.handler = async (e) => e;\n").build(),
                Archives.zip().dir("lib").file("lib/util.js", "module.exports = 1;\n".repeat(50))
                        .file("bin/run", "#!/bin/sh\necho hi\n", 0100755).symlink("util.js", "lib/util.js")
                        .dir("lib/deep/er").symlink("lib/deep/er/up", "../../util.js").build(),
                Archives.zip().file("big.txt", "a".repeat(900_000)).file("small.txt", "b").build(),
                Archives.zip().plain("windows.txt", "no unix mode").dir("empty").build());
    }
}
