package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.LogFormat;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every refusal of CreateFunction and UpdateFunctionConfiguration answers AWS's error type, status
 * and wording, and changes nothing: the function is not created, or keeps its settings.
 */
class FunctionValidationIT extends ServerPerClass {

    @BeforeAll
    static void deployFixtures() {
        Deploy.active(lambda, "existing");
    }


    /**
     * Creating {@code name} with the given changes fails with {@code code}, and no such function exists after.
     *
     * @return the error's message
     */
    static String refusesCreate(String name, Consumer<CreateFunctionRequest.Builder> change, String code, int status,
                                String message) {
        String[] answered = new String[1];
        assertThatThrownBy(() -> lambda.createFunction(b -> {
            b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(TestServer.ROLE)
                    .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho(name))).build());
            change.accept(b);
        })).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
            answered[0] = e.awsErrorDetails().errorMessage();
        });
        if (name.matches("[a-zA-Z0-9_-]{1,64}")) {
            assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName(name)))
                    .as("a refused create leaves no function").isInstanceOf(ResourceNotFoundException.class);
        }
        return answered[0];
    }

    static void invalid(String name, Consumer<CreateFunctionRequest.Builder> change, String message) {
        refusesCreate(name, change, "InvalidParameterValueException", 400, message);
    }

    static void violation(String name, Consumer<CreateFunctionRequest.Builder> change, String message) {
        refusesCreate(name, change, "ValidationException", 400, message);
    }

    @Test
    void namesOutsideThePatternAreValidationErrors() {
        violation("has space", b -> { }, "1 validation error detected: Value 'has space' at 'functionName' "
                + "failed to satisfy constraint: Member must satisfy regular expression pattern");
        violation("x".repeat(65), b -> { }, "at 'functionName' failed to satisfy constraint");
    }

    @Test
    void everyViolationOfARequestIsReportedAtOnce() {
        violation("two-errors", b -> b.memorySize(64).timeout(0), "2 validation errors detected: "
                + "Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128; "
                + "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void memoryTimeoutAndStorageLimitsAreAwsOnes() {
        violation("mem-low", b -> b.memorySize(100), "Member must have value greater than or equal to 128");
        invalid("mem-high", b -> b.memorySize(10_241),
                "'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240");
        violation("mem-absurd", b -> b.memorySize(40_000), "Member must have value less than or equal to 32768");
        invalid("timeout-high", b -> b.timeout(901),
                "'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
        violation("tmp-low", b -> b.ephemeralStorage(e -> e.size(100)), "at 'ephemeralStorage.size'");
        violation("tmp-high", b -> b.ephemeralStorage(e -> e.size(20_000)),
                "Member must have value less than or equal to 10240");
    }

    @Test
    void runtimesAreCheckedAgainstLambdasListAndLaminasInterpreters() {
        violation("cobol", b -> b.runtime("cobol85"), "at 'runtime' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [nodejs, nodejs4.3");
        invalid("old-python", b -> b.runtime("python2.7"), "The runtime parameter of python2.7 is no longer "
                + "supported for creating or updating AWS Lambda functions. We recommend you use the new runtime "
                + "(python3.14) while creating or updating functions.");
        invalid("old-node", b -> b.runtime("nodejs12.x"), "We recommend you use the new runtime (nodejs24.x)");
        invalid("dotnet", b -> b.runtime("dotnet8"), "The runtime dotnet8 is not available in Lamina");
        invalid("ruby", b -> b.runtime("ruby3.3"), "The runtime ruby3.3 is not available in Lamina");
        invalid("no-handler", b -> b.handler(null),
                "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
    }

    @Test
    void aCustomRuntimeNeedsNoHandler() {
        var created = lambda.createFunction(b -> b.functionName("custom").runtime("provided.al2023")
                .role(TestServer.ROLE).code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("custom"))).build()));
        assertThat(created.handler()).isNull();
    }

    @Test
    void environmentVariablesFollowLambdasRules() {
        invalid("reserved-env", b -> b.environment(e -> e.variables(Map.of("AWS_REGION", "eu-west-1"))),
                "Reserved keys used in this request: AWS_REGION");
        Map<String, String> big = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            big.put("VARIABLE_" + i, "v".repeat(100));
        }
        invalid("big-env", b -> b.environment(e -> e.variables(big)), "exceeded the 4KB limit");
        violation("bad-key", b -> b.environment(e -> e.variables(Map.of("1BAD", "x"))),
                "Value at 'environment.variables' failed to satisfy constraint");
        // The values of environment variables are secrets: they never appear in an error.
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("secret-env").runtime("nodejs20.x")
                .handler("index.handler").role(TestServer.ROLE)
                .environment(e -> e.variables(Map.of("1BAD", "hunter2-secret")))
                .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("s"))).build())))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
    }

    @Test
    void settingsLaminaCannotHonourAreRefusedPlainly() {
        invalid("arm", b -> b.architectures(Architecture.ARM64), "cannot run arm64 functions");
        invalid("text-levels", b -> b.loggingConfig(l -> l.logFormat(LogFormat.TEXT).applicationLogLevel("DEBUG")),
                "LogLevel is not supported when LogFormat is set to \"Text\"");
        invalid("sns-dlq", b -> b.deadLetterConfig(d -> d.targetArn("arn:aws:sns:us-east-1:000000000000:t")),
                "SQS queues only");
        invalid("six-layers", b -> b.layers(
                "arn:aws:lambda:us-east-1:000000000000:layer:a:1", "arn:aws:lambda:us-east-1:000000000000:layer:b:1",
                "arn:aws:lambda:us-east-1:000000000000:layer:c:1", "arn:aws:lambda:us-east-1:000000000000:layer:d:1",
                "arn:aws:lambda:us-east-1:000000000000:layer:e:1", "arn:aws:lambda:us-east-1:000000000000:layer:f:1"),
                "more than 5 layers");
        invalid("image", b -> b.packageType("Image").code(FunctionCode.builder().imageUri("repo/image:1").build()),
                "container images are not supported");
        invalid("from-s3", b -> b.code(FunctionCode.builder().s3Bucket("bucket").s3Key("key.zip").build()),
                "Lamina has no Amazon S3");
    }

    @Test
    void tagsFollowAwsLimits() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        invalid("many-tags", b -> b.tags(many), "Number of tags exceeds resource tag limit.");
        invalid("aws-tag", b -> b.tags(Map.of("aws:owner", "me")), "reserved prefix aws:");
    }

    @Test
    void anExistingNameConflictsAndTheOriginalIsUntouched() {
        String before = lambda.getFunction(b -> b.functionName("existing")).configuration().codeSha256();
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("existing").runtime("python3.12")
                .handler("a.b").role(TestServer.ROLE)
                .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("other"))).build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceConflictException");
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function already exist: existing");
                });
        assertThat(lambda.getFunction(b -> b.functionName("existing")).configuration().codeSha256()).isEqualTo(before);
    }

    @Test
    void packagesThatAreNotZipsOrAreTooBigAreRefused() {
        invalid("not-zip", b -> b.code(FunctionCode.builder().zipFile(Zips.sdk("plain text".getBytes())).build()),
                "Could not unzip uploaded file. Please check your file, then try to upload again.");
        byte[] tooBig = new byte[52_428_801];
        new Random(1).nextBytes(tooBig);
        refusesCreate("too-big", b -> b.code(FunctionCode.builder().zipFile(Zips.sdk(tooBig)).build()),
                "RequestEntityTooLargeException", 413, "52428800");
        assertThat(lambda.getFunction(b -> b.functionName("existing")).configuration().functionName())
                .as("the server is fine after a refused 70 MB request").isEqualTo("existing");
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        var before = lambda.getFunction(b -> b.functionName("existing")).configuration();
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("existing").memorySize(20_000)
                .timeout(30))).isInstanceOf(AwsServiceException.class);
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("existing")
                .environment(e -> e.variables(Map.of("AWS_LAMBDA_FUNCTION_NAME", "x")))))
                .isInstanceOf(AwsServiceException.class);
        var after = lambda.getFunction(b -> b.functionName("existing")).configuration();
        assertThat(after.revisionId()).isEqualTo(before.revisionId());
        assertThat(after.timeout()).isEqualTo(before.timeout());
    }
}
