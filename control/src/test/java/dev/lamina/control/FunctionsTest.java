package dev.lamina.control;

import dev.lamina.model.DeploymentState;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.code.StagedPackage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionsTest {
    @TempDir
    Path dir;
    ControlFixture fx;

    @BeforeEach
    void open() {
        fx = new ControlFixture(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static void assertError(Runnable action, ErrorCode code, String messagePart) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void aNewFunctionIsPendingUntilItsPackageIsPreparedThenActiveAndDeployed() {
        FunctionVersion created = fx.create("f", "v1", false);
        assertThat(created.state()).isEqualTo(DeploymentState.CREATING);
        assertThat(created.deployed()).isEmpty();

        assertThat(fx.preparation.runAll()).isEqualTo(1);

        FunctionVersion active = fx.latest("f");
        assertThat(active.state()).isEqualTo(DeploymentState.ACTIVE);
        assertThat(active.deployed()).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(created.code()));
        assertThat(active.revisionId()).isNotEqualTo(created.revisionId());
        assertThat(fx.code.tree(created.code().digest()).resolve("index.js")).hasContent("v1");
    }

    @Test
    void updatesAreRefusedWhileAPreparationIsInProgress() {
        fx.create("f", "v1", false);
        assertError(() -> fx.control.updates().updateConfiguration(new FunctionName("f"), ControlFixture.memory(256),
                Optional.empty()), ErrorCode.RESOURCE_CONFLICT, "An update is in progress for resource: "
                + "arn:aws:lambda:us-east-1:123456789012:function:f");
        fx.preparation.runAll();

        FunctionVersion updating = fx.control.updates().updateConfiguration(new FunctionName("f"),
                ControlFixture.memory(256), Optional.empty());
        assertThat(updating.state()).isEqualTo(DeploymentState.UPDATING);
        assertThat(updating.config().memorySize()).isEqualTo(256);
        // Invocations keep running the previous settings until the update is prepared.
        assertThat(updating.deployed()).hasValueSatisfying(d -> assertThat(d.config().memorySize()).isEqualTo(128));
        try (StagedPackage staged = fx.staged(ControlFixture.zip("v2"))) {
            assertError(() -> fx.control.updates().updateCode(new FunctionUpdates.Code(new FunctionName("f"), staged,
                    Optional.empty(), false, false, Optional.empty())), ErrorCode.RESOURCE_CONFLICT, "in progress");
        }
        fx.preparation.runAll();
        assertThat(fx.latest("f").deployed()).hasValueSatisfying(d -> assertThat(d.config().memorySize()).isEqualTo(256));
    }

    @Test
    void aStaleRevisionIdFailsThePreconditionAndChangesNothing() {
        fx.create("f", "v1", false);
        fx.preparation.runAll();
        String stale = fx.latest("f").revisionId();
        fx.control.updates().updateConfiguration(new FunctionName("f"), ControlFixture.memory(256), Optional.of(stale));
        fx.preparation.runAll();
        assertError(() -> fx.control.updates().updateConfiguration(new FunctionName("f"), ControlFixture.memory(512),
                Optional.of(stale)), ErrorCode.PRECONDITION_FAILED, "Revision Id");
        assertThat(fx.latest("f").config().memorySize()).isEqualTo(256);
    }

    @Test
    void creatingAnExistingFunctionConflictsAndKeepsTheOriginal() {
        FunctionVersion first = fx.create("f", "v1", false);
        assertError(() -> fx.create("f", "other", false), ErrorCode.RESOURCE_CONFLICT, "Function already exist: f");
        assertThat(fx.latest("f").code()).isEqualTo(first.code());
    }

    @Test
    void publishingAnUnchangedFunctionReturnsTheExistingVersion() {
        fx.create("f", "v1", false);
        fx.preparation.runAll();
        var publish = new FunctionUpdates.Publish(new FunctionName("f"), Optional.empty(), Optional.of("first"),
                Optional.empty());
        FunctionVersion v1 = fx.control.updates().publish(publish);
        FunctionVersion again = fx.control.updates().publish(publish);
        assertThat(v1.version()).isEqualTo(new Qualifier.Version(1));
        assertThat(v1.config().description()).isEqualTo("first");
        assertThat(again).isEqualTo(v1);

        fx.control.updates().updateConfiguration(new FunctionName("f"), ControlFixture.memory(1024), Optional.empty());
        assertError(() -> fx.control.updates().publish(publish), ErrorCode.RESOURCE_CONFLICT, "in progress");
        fx.preparation.runAll();
        assertThat(fx.control.updates().publish(publish).version()).isEqualTo(new Qualifier.Version(2));
    }

    @Test
    void publishingChecksTheCodeSha256AgainstLatest() {
        FunctionVersion created = fx.create("f", "v1", false);
        fx.preparation.runAll();
        assertError(() -> fx.control.updates().publish(new FunctionUpdates.Publish(new FunctionName("f"),
                Optional.of("bm90IHRoZSBoYXNo"), Optional.empty(), Optional.empty())),
                ErrorCode.INVALID_PARAMETER_VALUE, "Please try again with the CodeSHA256 in $LATEST.");
        assertThat(fx.control.updates().publish(new FunctionUpdates.Publish(new FunctionName("f"),
                Optional.of(created.code().digest().base64()), Optional.empty(), Optional.empty())).version())
                .isEqualTo(new Qualifier.Version(1));
    }

    @Test
    void versionNumbersAreNeverReusedAfterADelete() {
        fx.create("f", "v1", true);
        fx.preparation.runAll();
        fx.control.functions().delete(FunctionRef.of(new FunctionName("f")), Optional.of(new Qualifier.Version(1)));
        try (StagedPackage staged = fx.staged(ControlFixture.zip("v2"))) {
            FunctionVersion published = fx.control.updates().updateCode(new FunctionUpdates.Code(new FunctionName("f"),
                    staged, Optional.empty(), true, false, Optional.empty()));
            assertThat(published.version()).isEqualTo(new Qualifier.Version(2));
            assertThat(published.state()).isEqualTo(DeploymentState.CREATING);
        }
        assertThat(fx.preparation.runAll()).isEqualTo(2);
    }

    @Test
    void aVersionAnAliasUsesCannotBeDeleted() {
        fx.create("f", "v1", true);
        fx.preparation.runAll();
        fx.control.aliases().create(new FunctionName("f"), new Qualifier.Alias("live"), "1", "", Map.of());
        assertError(() -> fx.control.functions().delete(FunctionRef.of(new FunctionName("f")),
                Optional.of(new Qualifier.Version(1))), ErrorCode.RESOURCE_CONFLICT, "[live]");
        assertError(() -> fx.control.functions().delete(FunctionRef.of(new FunctionName("f")),
                Optional.of(Qualifier.LATEST)), ErrorCode.INVALID_PARAMETER_VALUE, "$LATEST");
    }

    @Test
    void deletingTheLastUserOfAPackageDeletesThePackage() {
        FunctionVersion shared = fx.create("a", "same", false);
        fx.create("b", "same", false);
        fx.preparation.runAll();
        fx.control.functions().delete(FunctionRef.of(new FunctionName("a")), Optional.empty());
        assertThat(fx.code.contains(shared.code().digest())).isTrue();
        fx.control.functions().delete(FunctionRef.of(new FunctionName("b")), Optional.empty());
        assertThat(fx.code.contains(shared.code().digest())).isFalse();
        assertError(() -> fx.control.functions().get(FunctionRef.of(new FunctionName("b")), Optional.empty()),
                ErrorCode.RESOURCE_NOT_FOUND, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:b");
    }

    @Test
    void aPackageCommittedForARequestThatThenFailsIsNotKept() throws Exception {
        fx.close();
        ControlSettings d = ControlFixture.awsDefaults();
        // Room for one small package only, so the second is refused after it was committed.
        fx = new ControlFixture(dir, new ControlSettings(d.region(), d.account(), d.hostArchitecture(),
                d.accountConcurrency(), d.minimumUnreserved(), 400, d.maxZippedBytes(), d.maxUnzippedBytes()));
        fx.create("f", "v1", false);
        fx.preparation.runAll();
        byte[] noise = new byte[1500];
        new java.util.Random(3).nextBytes(noise);
        String incompressible = java.util.Base64.getEncoder().encodeToString(noise);
        try (StagedPackage staged = fx.staged(ControlFixture.zip(incompressible))) {
            assertError(() -> fx.control.updates().updateCode(new FunctionUpdates.Code(new FunctionName("f"), staged,
                    Optional.empty(), false, false, Optional.empty())), ErrorCode.CODE_STORAGE_EXCEEDED, "limit");
        }
        try (var blobs = java.nio.file.Files.list(dir.resolve("code").resolve("blobs"))) {
            assertThat(blobs).as("only the function's own package remains").hasSize(1);
        }
    }

    @Test
    void aDryRunValidatesTheCodeAndStoresNothing() {
        fx.create("f", "v1", false);
        fx.preparation.runAll();
        FunctionVersion before = fx.latest("f");
        try (StagedPackage staged = fx.staged(ControlFixture.zip("v2"))) {
            FunctionVersion dry = fx.control.updates().updateCode(new FunctionUpdates.Code(new FunctionName("f"), staged,
                    Optional.empty(), false, true, Optional.empty()));
            assertThat(dry.code()).isNotEqualTo(before.code());
            assertThat(fx.code.contains(dry.code().digest())).isFalse();
        }
        assertThat(fx.latest("f")).isEqualTo(before);
        assertThat(fx.preparation.runAll()).isZero();
    }

    @Test
    void listingPagesThroughEveryFunctionWithOpaqueMarkers() {
        for (int i = 0; i < 7; i++) {
            fx.create("f" + i, "code" + i, i % 2 == 0);
        }
        StringBuilder seen = new StringBuilder();
        Optional<String> marker = Optional.empty();
        int pages = 0;
        do {
            Page<FunctionVersion> page = fx.control.functions().list(true, marker, Optional.of(3));
            page.items().forEach(v -> seen.append(v.functionName()).append(':').append(v.version().value()).append(' '));
            marker = page.nextMarker();
            pages++;
        } while (marker.isPresent());
        assertThat(seen.toString().trim()).isEqualTo(
                "f0:$LATEST f0:1 f1:$LATEST f2:$LATEST f2:1 f3:$LATEST f4:$LATEST f4:1 f5:$LATEST f6:$LATEST f6:1");
        assertThat(pages).isEqualTo(4);
        assertError(() -> fx.control.functions().list(false, Optional.of("garbage!"), Optional.empty()),
                ErrorCode.INVALID_PARAMETER_VALUE, "marker");
    }

    @Test
    void reservationsMustLeaveTheMinimumUnreservedConcurrency() {
        fx.create("a", "a", false);
        fx.create("b", "b", false);
        assertThat(fx.control.account().reserve(new FunctionName("a"), 600)).isEqualTo(600);
        assertError(() -> fx.control.account().reserve(new FunctionName("b"), 301), ErrorCode.INVALID_PARAMETER_VALUE,
                "below its minimum value of [100]");
        assertThat(fx.control.account().reserve(new FunctionName("b"), 300)).isEqualTo(300);
        assertThat(fx.control.account().settings().unreservedConcurrentExecutions()).isEqualTo(100);
        fx.control.account().removeReservation(new FunctionName("a"));
        assertThat(fx.control.account().reservation(new FunctionName("a"))).isEmpty();
        assertThat(fx.control.account().settings().unreservedConcurrentExecutions()).isEqualTo(700);
    }
}
