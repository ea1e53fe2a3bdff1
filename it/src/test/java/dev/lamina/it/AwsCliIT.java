package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise: the {@code aws lambda} commands a user types behave as on AWS. One ordered
 * script of commands, each checked for its exit code and its JSON, as a user reads them.
 */
class AwsCliIT extends ServerPerClass {
    @TempDir
    static Path home;
    static AwsCli aws;
    static Path v1;
    static Path v2;

    @BeforeAll
    static void writePackages() throws Exception {
        aws = new AwsCli(server.endpoint(), home);
        v1 = home.resolve("v1.zip");
        v2 = home.resolve("v2.zip");
        Files.write(v1, Zips.nodeEcho("one"));
        Files.write(v2, Zips.nodeEcho("two"));
    }

    static String sha256(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theCliIsVersion2() {
        assertThat(aws.version()).startsWith("aws-cli/2.");
    }

    @Test
    void aFunctionsWholeLifeThroughTheCli() throws Exception {
        JsonNode created = aws.lambda("create-function", "--function-name", "cli-fn", "--runtime", "nodejs20.x",
                "--handler", "index.handler", "--role", TestServer.ROLE, "--zip-file", "fileb://" + v1,
                "--description", "from the cli", "--tags", "team=platform").succeeded().json();
        assertThat(created.path("FunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:cli-fn");
        assertThat(created.path("State").asText()).isEqualTo("Pending");
        assertThat(created.path("CodeSha256").asText()).isEqualTo(sha256(v1));

        aws.lambda("wait", "function-active-v2", "--function-name", "cli-fn").succeeded();

        JsonNode got = aws.lambda("get-function", "--function-name", "cli-fn").succeeded().json();
        assertThat(got.path("Configuration").path("State").asText()).isEqualTo("Active");
        assertThat(got.path("Configuration").path("Description").asText()).isEqualTo("from the cli");
        assertThat(got.path("Code").path("Location").asText()).startsWith(server.endpoint() + "/");
        assertThat(got.path("Tags").path("team").asText()).isEqualTo("platform");

        JsonNode listed = aws.lambda("list-functions").succeeded().json();
        List<String> names = new ArrayList<>();
        listed.path("Functions").forEach(f -> names.add(f.path("FunctionName").asText()));
        assertThat(names).contains("cli-fn");

        JsonNode configured = aws.lambda("update-function-configuration", "--function-name", "cli-fn",
                "--memory-size", "256", "--timeout", "30", "--environment", "Variables={GREETING=hello}")
                .succeeded().json();
        assertThat(configured.path("MemorySize").asInt()).isEqualTo(256);
        assertThat(configured.path("Timeout").asInt()).isEqualTo(30);
        assertThat(configured.path("Environment").path("Variables").path("GREETING").asText()).isEqualTo("hello");
        assertThat(configured.path("LastUpdateStatus").asText()).isEqualTo("InProgress");
        aws.lambda("wait", "function-updated-v2", "--function-name", "cli-fn").succeeded();

        JsonNode updated = aws.lambda("update-function-code", "--function-name", "cli-fn", "--zip-file",
                "fileb://" + v2).succeeded().json();
        assertThat(updated.path("CodeSha256").asText()).isEqualTo(sha256(v2));
        aws.lambda("wait", "function-updated-v2", "--function-name", "cli-fn").succeeded();

        JsonNode version = aws.lambda("publish-version", "--function-name", "cli-fn", "--description", "first")
                .succeeded().json();
        assertThat(version.path("Version").asText()).isEqualTo("1");
        assertThat(version.path("FunctionArn").asText()).endsWith(":function:cli-fn:1");
        assertThat(version.path("Description").asText()).isEqualTo("first");

        JsonNode alias = aws.lambda("create-alias", "--function-name", "cli-fn", "--name", "live",
                "--function-version", "1").succeeded().json();
        assertThat(alias.path("AliasArn").asText()).endsWith(":function:cli-fn:live");
        assertThat(alias.path("FunctionVersion").asText()).isEqualTo("1");

        JsonNode viaAlias = aws.lambda("get-function-configuration", "--function-name", "cli-fn",
                "--qualifier", "live").succeeded().json();
        assertThat(viaAlias.path("Version").asText()).isEqualTo("1");
        assertThat(viaAlias.path("CodeSha256").asText()).isEqualTo(sha256(v2));

        AwsCli.Result deleted = aws.lambda("delete-function", "--function-name", "cli-fn").succeeded();
        assertThat(deleted.stdout()).isBlank();

        AwsCli.Result gone = aws.lambda("get-function", "--function-name", "cli-fn");
        assertThat(gone.exitCode()).isEqualTo(254);
        assertThat(gone.stderr()).contains("ResourceNotFoundException")
                .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:cli-fn");
    }

    @Test
    void classicHandlersOfEveryRuntimeAnswerAwsLambdaInvokeWithTheLogTail() throws Exception {
        record Case(String name, String runtime, String handler, byte[] zip, String expected) {
        }
        java.util.List<Case> cases = java.util.List.of(
                new Case("cli-node", "nodejs20.x", "index.handler", Packages.nodejs(), "\"count\""),
                new Case("cli-python", "python3.12", "app.handler", Packages.python(), "\"count\""),
                new Case("cli-java", "java21", "dev.lamina.it.fixtures.JavaFixture::handleRequest",
                        Packages.java(dev.lamina.it.fixtures.JavaFixture.class), "\"count\""),
                new Case("cli-custom", "provided.al2023", "unused", Packages.provided(), "\"count\""));
        for (Case c : cases) {
            Path zip = home.resolve(c.name() + ".zip");
            Files.write(zip, c.zip());
            aws.lambda("create-function", "--function-name", c.name(), "--runtime", c.runtime(), "--handler",
                    c.handler(), "--role", TestServer.ROLE, "--memory-size", "512", "--zip-file", "fileb://" + zip)
                    .succeeded();
            aws.lambda("wait", "function-active-v2", "--function-name", c.name()).succeeded();
            Path out = home.resolve(c.name() + ".json");
            JsonNode invoked = aws.lambda("invoke", "--function-name", c.name(), "--cli-binary-format",
                    "raw-in-base64-out", "--payload", "{\"action\":\"count\"}", "--log-type", "Tail", out.toString())
                    .succeeded().json();
            assertThat(invoked.path("StatusCode").asInt()).as(c.name()).isEqualTo(200);
            assertThat(invoked.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
            assertThat(invoked.has("FunctionError")).as(c.name()).isFalse();
            String log = new String(java.util.Base64.getDecoder().decode(invoked.path("LogResult").asText()));
            assertThat(log).as(c.name()).contains("START RequestId: ").contains("END RequestId: ")
                    .contains("REPORT RequestId: ").contains("Init Duration: ");
            assertThat(Files.readString(out)).as(c.name()).contains(c.expected());
        }
    }

    @Test
    void theCliShowsAwssSignatureErrorsForAWrongSecretOrRegion() {
        AwsCli.Result wrongSecret = aws.lambdaWith(Map.of("AWS_SECRET_ACCESS_KEY", "not-the-secret"),
                "list-functions");
        assertThat(wrongSecret.exitCode()).isEqualTo(254);
        // The CLI counts InvalidSignatureException as a possible clock skew, so it mentions its retries.
        assertThat(wrongSecret.stderr()).contains("An error occurred (InvalidSignatureException) when calling the"
                + " ListFunctions operation").contains("The request signature we calculated does not match the"
                + " signature you provided.");
        AwsCli.Result unknownKey = aws.lambdaWith(Map.of("AWS_ACCESS_KEY_ID", "LKIANOBODYNOBODY0000"),
                "list-functions");
        assertThat(unknownKey.stderr()).contains("(UnrecognizedClientException)")
                .contains("The security token included in the request is invalid.");
        AwsCli.Result wrongRegion = aws.lambdaWith(Map.of("AWS_DEFAULT_REGION", "eu-west-1"), "list-functions");
        assertThat(wrongRegion.stderr()).contains("(InvalidSignatureException)")
                .contains("Credential should be scoped to a valid region, not 'eu-west-1'.");
    }

    @Test
    void serviceErrorsExitWith254AndNameTheAwsError() {
        AwsCli.Result invalid = aws.lambda("create-function", "--function-name", "cli-bad", "--runtime",
                "python2.7", "--handler", "app.handler", "--role", TestServer.ROLE, "--zip-file", "fileb://" + v1);
        assertThat(invalid.exitCode()).isEqualTo(254);
        assertThat(invalid.stderr()).contains("InvalidParameterValueException").contains("python2.7");

        AwsCli.Result badName = aws.lambda("get-function", "--function-name", "has space");
        assertThat(badName.exitCode()).isEqualTo(254);
        assertThat(badName.stderr()).contains("ValidationException");

        assertThat(aws.lambda("list-functions").succeeded().json().path("Functions").toString())
                .doesNotContain("cli-bad");
    }

    @Test
    void clientSideParameterErrorsExitWith252BeforeReachingLamina() {
        AwsCli.Result result = aws.lambda("create-function", "--function-name", "cli-mem", "--runtime",
                "nodejs20.x", "--handler", "index.handler", "--role", TestServer.ROLE, "--zip-file",
                "fileb://" + v1, "--memory-size", "64");
        assertThat(result.exitCode()).isEqualTo(252);
        assertThat(aws.lambda("get-function", "--function-name", "cli-mem").exitCode()).isEqualTo(254);
    }
}
