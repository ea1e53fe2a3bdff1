package dev.lamina.server.lambda;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.store.code.CodeLease;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.ZipLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageBodyTest {
    @TempDir
    Path dir;
    CodeStore code;

    @BeforeEach
    void open() {
        code = new CodeStore(dir, ZipLimits.AWS_DEFAULTS, 64 * 1024);
    }

    static byte[] zip(int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            zip.putNextEntry(new ZipEntry("data.bin"));
            byte[] data = new byte[size];
            new java.util.Random(7).nextBytes(data);
            zip.write(data);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static InputStream json(String before, byte[] zip, String after) {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(before.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(Base64.getEncoder().encode(zip)),
                new ByteArrayInputStream(after.getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void theZipFileIsStreamedIntoStagingAndTheOtherMembersReadAsATree() throws Exception {
        byte[] zip = zip(10_000);
        try (PackageBody body = PackageBody.read(json("{\"FunctionName\":\"f\",\"Code\":{\"ZipFile\":\"", zip,
                "\"},\"MemorySize\":256}"), code, List.of("Code", "ZipFile"), "CreateFunction")) {
            assertThat(body.fields().path("FunctionName").asText()).isEqualTo("f");
            assertThat(body.fields().path("MemorySize").asInt()).isEqualTo(256);
            assertThat(body.fields().path("Code").has("ZipFile")).isFalse();
            try (CodeLease lease = code.commit(body.zip().orElseThrow())) {
                assertThat(lease.code().size()).isEqualTo(zip.length);
            }
        }
    }

    @Test
    void aZipFileAboveTheLimitIsRefusedWith413AndNothingStaysStaged() throws Exception {
        byte[] zip = zip(100_000);
        assertThatThrownBy(() -> PackageBody.read(json("{\"ZipFile\":\"", zip, "\"}"), code, List.of("ZipFile"),
                "UpdateFunctionCode")).isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_ENTITY_TOO_LARGE);
                    assertThat(e.getMessage()).contains("65536").contains("UpdateFunctionCode");
                });
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void aZipFileElsewhereInTheDocumentIsJustAString() throws Exception {
        try (PackageBody body = PackageBody.read(new ByteArrayInputStream(
                "{\"Other\":{\"ZipFile\":\"abc\"}}".getBytes()), code, List.of("Code", "ZipFile"), "CreateFunction")) {
            assertThat(body.zip()).isEmpty();
            assertThat(body.fields().path("Other").path("ZipFile").asText()).isEqualTo("abc");
        }
    }

    @Test
    void brokenJsonIsASerializationErrorAndLeavesNoStagedFile() {
        assertThatThrownBy(() -> PackageBody.read(new ByteArrayInputStream(
                "{\"ZipFile\":\"AAAA\", oops".getBytes()), code, List.of("ZipFile"), "UpdateFunctionCode"))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
        assertThat(dir.resolve("staging")).isEmptyDirectory();
        assertThatThrownBy(() -> PackageBody.read(new ByteArrayInputStream("[1,2]".getBytes()), code,
                List.of("ZipFile"), "UpdateFunctionCode")).isInstanceOf(LambdaException.class);
    }

    @Test
    void deepNestingIsRefusedBeforeItCanExhaustTheStack() {
        String deep = "{\"A\":" + "[".repeat(100_000);
        assertThatThrownBy(() -> PackageBody.read(new ByteArrayInputStream(deep.getBytes()), code,
                List.of("ZipFile"), "UpdateFunctionCode"))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
    }

    @Test
    void aRepeatedMemberIsRefusedSoTheAuthorizerAndTheOperationReadTheSameName() {
        assertThatThrownBy(() -> PackageBody.read(new ByteArrayInputStream(
                "{\"FunctionName\":\"mine\",\"FunctionName\":\"prod\"}".getBytes(StandardCharsets.UTF_8)),
                code, List.of("Code", "ZipFile"), "CreateFunction"))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
                    assertThat(e.getMessage()).contains("Duplicate field 'FunctionName'");
                });
    }
}
