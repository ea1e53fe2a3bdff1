package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogFormat;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.TracingMode;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Functions from creation to deletion through the AWS SDK for Java v2, field by field. */
class FunctionLifecycleIT extends ServerPerClass {
    static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";



    @Test
    void aMinimalFunctionGetsAwsDefaultsAndBecomesActive() {
        byte[] zip = Zips.nodeEcho("minimal");
        CreateFunctionResponse created = lambda.createFunction(b -> b.functionName("minimal")
                .runtime(Runtime.NODEJS22_X).handler("index.handler").role(TestServer.ROLE)
                .code(FunctionCode.builder().zipFile(Zips.sdk(zip)).build()));
        assertThat(created.functionArn()).isEqualTo(ARN_PREFIX + "minimal");
        assertThat(created.version()).isEqualTo("$LATEST");
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
        assertThat(created.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(created.codeSha256()).isEqualTo(Deploy.sha256(zip));
        assertThat(created.codeSize()).isEqualTo(zip.length);
        assertThat(created.memorySize()).isEqualTo(128);
        assertThat(created.timeout()).isEqualTo(3);
        assertThat(created.ephemeralStorage().size()).isEqualTo(512);
        assertThat(created.tracingConfig().mode()).isEqualTo(TracingMode.PASS_THROUGH);
        assertThat(created.architectures()).containsExactly(Architecture.X86_64);
        assertThat(created.packageType()).isEqualTo(PackageType.ZIP);
        assertThat(created.loggingConfig().logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/minimal");
        assertThat(created.description()).isEmpty();
        assertThat(created.environment()).isNull();
        assertThat(created.revisionId()).matches("[0-9a-f-]{36}");
        assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

        GetFunctionResponse active = lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("minimal"))
                .matched().response().orElseThrow();
        assertThat(active.configuration().state()).isEqualTo(State.ACTIVE);
        assertThat(active.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(active.configuration().stateReason()).isNull();
        assertThat(active.configuration().revisionId()).isNotEqualTo(created.revisionId());
    }

    @Test
    void everySettableFieldIsStoredAndReportedBack() {
        lambda.createFunction(b -> b.functionName("full").runtime(Runtime.PYTHON3_12).handler("app.handler")
                .role(TestServer.ROLE).description("all the things").memorySize(1024).timeout(60)
                .environment(e -> e.variables(Map.of("STAGE", "test", "DB_URL", "postgres://x")))
                .ephemeralStorage(e -> e.size(2048))
                .layers("arn:aws:lambda:us-east-1:000000000000:layer:shared:3")
                .tracingConfig(t -> t.mode(TracingMode.ACTIVE))
                .loggingConfig(l -> l.logFormat(LogFormat.JSON).applicationLogLevel("DEBUG").systemLogLevel("WARN")
                        .logGroup("/custom/full"))
                .deadLetterConfig(d -> d.targetArn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                .kmsKeyArn("arn:aws:kms:us-east-1:000000000000:key/1234")
                .vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))
                .tags(Map.of("team", "core"))
                .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("full"))).build()));
        GetFunctionResponse got = lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("full"))
                .matched().response().orElseThrow();
        FunctionConfiguration c = got.configuration();
        assertThat(c.runtime()).isEqualTo(Runtime.PYTHON3_12);
        assertThat(c.handler()).isEqualTo("app.handler");
        assertThat(c.description()).isEqualTo("all the things");
        assertThat(c.memorySize()).isEqualTo(1024);
        assertThat(c.timeout()).isEqualTo(60);
        assertThat(c.environment().variables()).containsExactlyInAnyOrderEntriesOf(
                Map.of("STAGE", "test", "DB_URL", "postgres://x"));
        assertThat(c.ephemeralStorage().size()).isEqualTo(2048);
        assertThat(c.layers()).singleElement().satisfies(l ->
                assertThat(l.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:layer:shared:3"));
        assertThat(c.tracingConfig().mode()).isEqualTo(TracingMode.ACTIVE);
        assertThat(c.loggingConfig().logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(c.loggingConfig().applicationLogLevelAsString()).isEqualTo("DEBUG");
        assertThat(c.loggingConfig().systemLogLevelAsString()).isEqualTo("WARN");
        assertThat(c.loggingConfig().logGroup()).isEqualTo("/custom/full");
        assertThat(c.deadLetterConfig().targetArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
        assertThat(c.kmsKeyArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/1234");
        assertThat(c.vpcConfig().subnetIds()).containsExactly("subnet-1");
        assertThat(got.tags()).containsEntry("team", "core");
        var configuration = lambda.getFunctionConfiguration(b -> b.functionName("full"));
        assertThat(withoutType(configuration.toString())).as("GetFunctionConfiguration says the same")
                .isEqualTo(withoutType(c.toString()));
        assertThat(configuration.environment().variables()).isEqualTo(c.environment().variables());
    }

    private static String withoutType(String sdkToString) {
        return sdkToString.substring(sdkToString.indexOf('('));
    }

    @Test
    void theCodeLocationDownloadsThePackageWithoutCredentialsAndCannotBeForged() throws Exception {
        byte[] zip = Zips.nodeEcho("download");
        Deploy.active(lambda, "download");
        String location = lambda.getFunction(b -> b.functionName("download")).code().location();
        assertThat(lambda.getFunction(b -> b.functionName("download")).code().repositoryType()).isEqualTo("S3");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(zip);
        String forged = location.replaceAll("Signature=[0-9a-f]", "Signature=0");
        if (forged.equals(location)) {
            forged = location.replaceAll("Signature=[0-9a-f]", "Signature=1");
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(forged)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        String extended = location.replaceAll("Expires=(\\d+)", "Expires=9999999999");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(extended)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }

    @Test
    void configurationUpdatesGoThroughInProgressAndTheWaiterSeesThemSucceed() {
        Deploy.active(lambda, "configured", b -> b.environment(e -> e.variables(Map.of("KEEP", "no")))
                .deadLetterConfig(d -> d.targetArn("arn:aws:sqs:us-east-1:000000000000:dlq")));
        var response = lambda.updateFunctionConfiguration(b -> b.functionName("configured").memorySize(512)
                .timeout(10).description("updated").handler("other.handler").runtime(Runtime.NODEJS22_X)
                .environment(e -> e.variables(Map.of())).deadLetterConfig(d -> d.targetArn("")));
        assertThat(response.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(response.lastUpdateStatusReasonCodeAsString()).isEqualTo("Creating");
        assertThat(response.state()).isEqualTo(State.ACTIVE);
        assertThat(response.memorySize()).isEqualTo(512);
        GetFunctionResponse done = lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("configured"))
                .matched().response().orElseThrow();
        FunctionConfiguration c = done.configuration();
        assertThat(c.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(c.memorySize()).isEqualTo(512);
        assertThat(c.timeout()).isEqualTo(10);
        assertThat(c.description()).isEqualTo("updated");
        assertThat(c.handler()).isEqualTo("other.handler");
        assertThat(c.runtime()).isEqualTo(Runtime.NODEJS22_X);
        assertThat(c.environment()).as("an empty Environment clears the variables").isNull();
        assertThat(c.deadLetterConfig()).as("an empty TargetArn removes the queue").isNull();
    }

    @Test
    void codeUpdatesChangeTheDigestAndRevisionAndHonourPreconditions() {
        CreateFunctionResponse created = Deploy.active(lambda, "recoded");
        String revision = lambda.getFunction(b -> b.functionName("recoded")).configuration().revisionId();
        byte[] v2 = Zips.nodeEcho("recoded-v2");

        assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("recoded").zipFile(Zips.sdk(v2))
                .revisionId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.statusCode()).isEqualTo(412));

        UpdateFunctionCodeResponse dry = lambda.updateFunctionCode(b -> b.functionName("recoded")
                .zipFile(Zips.sdk(v2)).dryRun(true));
        assertThat(dry.codeSha256()).isEqualTo(Deploy.sha256(v2));
        assertThat(lambda.getFunction(b -> b.functionName("recoded")).configuration().codeSha256())
                .as("a dry run changes nothing").isEqualTo(created.codeSha256());

        UpdateFunctionCodeResponse updated = lambda.updateFunctionCode(b -> b.functionName("recoded")
                .zipFile(Zips.sdk(v2)).revisionId(revision));
        assertThat(updated.codeSha256()).isEqualTo(Deploy.sha256(v2));
        assertThat(updated.revisionId()).isNotEqualTo(revision);
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("recoded"));

        byte[] v3 = Zips.nodeEcho("recoded-v3");
        UpdateFunctionCodeResponse published = lambda.updateFunctionCode(b -> b.functionName("recoded")
                .zipFile(Zips.sdk(v3)).publish(true));
        assertThat(published.version()).isEqualTo("1");
        assertThat(published.functionArn()).isEqualTo(ARN_PREFIX + "recoded:1");
        assertThat(published.codeSha256()).isEqualTo(Deploy.sha256(v3));
    }

    @Test
    void publishingNumbersVersionsAndReturnsTheLastOneWhenNothingChanged() {
        CreateFunctionResponse created = Deploy.active(lambda, "published");
        var v1 = lambda.publishVersion(b -> b.functionName("published").description("first"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.description()).isEqualTo("first");
        assertThat(v1.functionArn()).isEqualTo(ARN_PREFIX + "published:1");
        assertThat(v1.state()).isEqualTo(State.ACTIVE);
        assertThat(lambda.publishVersion(b -> b.functionName("published")).version()).isEqualTo("1");

        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("published").codeSha256("bogus")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("is different from current CodeSHA256 in $LATEST");

        lambda.updateFunctionConfiguration(b -> b.functionName("published").memorySize(256));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("published"));
        var v2 = lambda.publishVersion(b -> b.functionName("published").codeSha256(created.codeSha256()));
        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.memorySize()).isEqualTo(256);

        var versions = lambda.listVersionsByFunction(b -> b.functionName("published")).versions();
        assertThat(versions).extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");
        assertThat(versions.getFirst().functionArn()).isEqualTo(ARN_PREFIX + "published:$LATEST");
        assertThat(lambda.getFunction(b -> b.functionName("published").qualifier("1")).configuration().memorySize())
                .as("a version keeps the settings it was published with").isEqualTo(128);
        assertThat(lambda.getFunction(b -> b.functionName("published:2")).configuration().memorySize()).isEqualTo(256);
    }

    @Test
    void aFunctionCanBeNamedByNamePartialArnOrFullArn() {
        Deploy.active(lambda, "spelled");
        for (String spelling : new String[] {"spelled", "000000000000:function:spelled", ARN_PREFIX + "spelled"}) {
            assertThat(lambda.getFunction(b -> b.functionName(spelling)).configuration().functionName())
                    .as(spelling).isEqualTo("spelled");
        }
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("spelled:1").qualifier("2")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void deletingAVersionKeepsTheFunctionAndDeletingTheFunctionRemovesEverything() {
        Deploy.active(lambda, "deleted");
        lambda.publishVersion(b -> b.functionName("deleted"));
        lambda.deleteFunction(b -> b.functionName("deleted").qualifier("1"));
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("deleted")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST");
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("deleted").qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(ARN_PREFIX + "deleted:1");

        lambda.deleteFunction(b -> b.functionName("deleted"));
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("deleted")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + ARN_PREFIX + "deleted");
                });
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("deleted")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void accountSettingsCountTheFunctionsAndCodeThatReallyExist() {
        var before = lambda.getAccountSettings().accountUsage();
        byte[] zip = Zips.nodeEcho("counted");
        Deploy.active(lambda, "counted");
        var after = lambda.getAccountSettings();
        assertThat(after.accountUsage().functionCount()).isEqualTo(before.functionCount() + 1);
        assertThat(after.accountUsage().totalCodeSize()).isEqualTo(before.totalCodeSize() + zip.length);
        assertThat(after.accountLimit().codeSizeZipped()).isEqualTo(52_428_800L);
        assertThat(after.accountLimit().codeSizeUnzipped()).isEqualTo(262_144_000L);
        assertThat(after.accountLimit().concurrentExecutions()).isEqualTo(1000);
        lambda.deleteFunction(b -> b.functionName("counted"));
        assertThat(lambda.getAccountSettings().accountUsage().functionCount()).isEqualTo(before.functionCount());
    }
}
