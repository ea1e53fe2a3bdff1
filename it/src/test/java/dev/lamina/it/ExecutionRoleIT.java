package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.SecurityConfig;
import dev.lamina.server.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.lamina.it.Denials.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The credentials each execution environment receives are a session of its function's execution
 * role: Lamina honours them with the role's policy, and only while their environment lives.
 */
class ExecutionRoleIT extends ServerPerClass {
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    static final String READER = "arn:aws:iam::000000000000:role/reader";

    @BeforeAll
    static void roleAndFunctions() {
        new Admin(server).ok("create-role", "reader", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:GetFunction",
                 "Resource":"%srole-caller"}]}""".formatted(ARN));
        Functions.create(lambda, "role-caller", "python3.12", "caller.handler", Packages.pythonCaller(),
                b -> b.role(READER));
        Functions.create(lambda, "role-unknown", "python3.12", "caller.handler", Packages.pythonCaller(),
                b -> b.role("arn:aws:iam::000000000000:role/not-defined-in-lamina"));
        Deploy.active(lambda, "role-other");
        // The local role is "reader"; these name roles of the same name elsewhere.
        Functions.create(lambda, "role-foreign", "python3.12", "caller.handler", Packages.pythonCaller(),
                b -> b.role("arn:aws:iam::999999999999:role/reader"));
        Functions.create(lambda, "role-pathed", "python3.12", "caller.handler", Packages.pythonCaller(),
                b -> b.role("arn:aws:iam::000000000000:role/x/reader"));
        Deploy.active(lambda, "role-granted");
    }

    @Test
    void aRoleOfTheSameNameInAnotherAccountOrUnderAnotherPathGrantsNothing() {
        for (String function : new String[] {"role-foreign", "role-pathed"}) {
            try (LambdaClient asRole = client(credentialsOf(server, function))) {
                assertThat(assertDenied(() -> asRole.getFunction(b -> b.functionName("role-caller"))))
                        .startsWith("User: arn:aws:sts::000000000000:assumed-role/reader/" + function
                                + " is not authorized to perform: lambda:GetFunction");
            }
        }
    }

    @Test
    void aResourcePolicyNamingTheRoleAllowsItsSessions() {
        try (LambdaClient asRole = client(credentialsOf(server, "role-caller"));
             LambdaClient asForeign = client(credentialsOf(server, "role-foreign"))) {
            assertDenied(() -> asRole.invoke(b -> b.functionName("role-granted")));
            lambda.addPermission(b -> b.functionName("role-granted").statementId("reader")
                    .action("lambda:InvokeFunction").principal(READER));
            assertThat(asRole.invoke(b -> b.functionName("role-granted")).statusCode()).isEqualTo(200);
            assertThat(assertDenied(() -> asForeign.invoke(b -> b.functionName("role-granted"))))
                    .as("a session of another account's reader role is not one of this role's")
                    .contains("lambda:InvokeFunction on resource: " + ARN + "role-granted");
        }
    }

    @Test
    void theRolesPolicyGovernsWhatTheCredentialsMayDo() {
        try (LambdaClient asRole = client(credentialsOf(server, "role-caller"))) {
            assertThat(asRole.getFunction(b -> b.functionName("role-caller")).configuration().role()).isEqualTo(READER);
            assertThat(assertDenied(() -> asRole.getFunction(b -> b.functionName("role-other"))))
                    .isEqualTo("User: arn:aws:sts::000000000000:assumed-role/reader/role-caller is not authorized to"
                            + " perform: lambda:GetFunction on resource: " + ARN + "role-other"
                            + " because no identity-based policy allows the lambda:GetFunction action");
            assertDenied(() -> asRole.listFunctions());
        }
    }

    @Test
    void theFunctionCallsLaminaWithItsRole() {
        JsonNode own = Functions.invoke(lambda, "role-caller", "{\"getFunction\": \"role-caller\"}").json();
        assertThat(own.get("status").asInt()).as(own.toString()).isEqualTo(200);
        assertThat(own.at("/body/Configuration/FunctionName").asText()).isEqualTo("role-caller");
        JsonNode other = Functions.invoke(lambda, "role-caller", "{\"getFunction\": \"role-other\"}").json();
        assertThat(other.get("status").asInt()).as(other.toString()).isEqualTo(403);
        assertThat(other.at("/body/Message").asText()).startsWith(
                "User: arn:aws:sts::000000000000:assumed-role/reader/role-caller is not authorized");
    }

    @Test
    void theKeysAreRefusedWithoutTheirSessionToken() {
        AwsSessionCredentials session = credentialsOf(server, "role-caller");
        try (LambdaClient noToken = client(AwsBasicCredentials.create(session.accessKeyId(),
                session.secretAccessKey()))) {
            assertThatThrownBy(() -> noToken.getFunction(b -> b.functionName("role-caller")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void aRoleLaminaDoesNotKnowGrantsNothing() {
        try (LambdaClient asRole = client(credentialsOf(server, "role-unknown"))) {
            assertThat(assertDenied(() -> asRole.getFunction(b -> b.functionName("role-unknown"))))
                    .startsWith("User: arn:aws:sts::000000000000:assumed-role/not-defined-in-lamina/role-unknown"
                            + " is not authorized to perform: lambda:GetFunction");
        }
    }

    /**
     * With 12-second sessions and a 3-second timeout, an environment takes no invocation 6 seconds
     * after it started: the next one runs in a new environment with new keys, and the old keys stop
     * working when their environment has gone.
     */
    @Test
    void credentialsEndWithTheirEnvironmentAndNewEnvironmentsGetNewOnes(@TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.local(dir, TestServer.KEYS, ExecutionConfig.defaults().withMaxStemCells(0))
                .withSecurity(SecurityConfig.defaults().withRoleSessionDuration(Duration.ofSeconds(12)));
        try (TestServer shortLived = TestServer.start(config); LambdaClient root = shortLived.lambda()) {
            new Admin(shortLived).ok("create-role", "reader", "--policy-document", """
                    {"Statement":[{"Effect":"Allow","Action":"lambda:GetFunction","Resource":"*"}]}""");
            Functions.create(root, "rotating", "python3.12", "caller.handler", Packages.pythonCaller(),
                    b -> b.role(READER).timeout(3));
            AwsSessionCredentials first = credentialsOf(shortLived, "rotating");
            try (LambdaClient asFirst = client(shortLived, first)) {
                assertThat(asFirst.getFunction(b -> b.functionName("rotating")).configuration().functionName())
                        .isEqualTo("rotating");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                        !credentialsOf(shortLived, "rotating").accessKeyId().equals(first.accessKeyId()));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThatThrownBy(() -> asFirst.getFunction(b -> b.functionName("rotating")))
                                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(
                                        e.awsErrorDetails().errorCode()).isIn("UnrecognizedClientException",
                                        "ExpiredTokenException")));
            }
        }
    }

    /** Invokes {@code function}, which answers with the credentials its environment was given. */
    static AwsSessionCredentials credentialsOf(TestServer on, String function) {
        try (LambdaClient root = on.lambda()) {
            JsonNode c = Functions.invoke(root, function, "{}").json();
            return AwsSessionCredentials.create(c.get("accessKeyId").asText(), c.get("secretAccessKey").asText(),
                    c.get("sessionToken").asText());
        }
    }

    static LambdaClient client(AwsCredentials credentials) {
        return client(server, credentials);
    }

    static LambdaClient client(TestServer on, AwsCredentials credentials) {
        return LambdaClient.builder().endpointOverride(on.endpoint())
                .region(software.amazon.awssdk.regions.Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
