package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated request bodies of CreateFunction, UpdateFunctionConfiguration, PublishVersion,
 * CreateAlias and Invoke, sent to the real server: every answer is a success or an AWS error with a
 * 4xx status (x-amzn-ErrorType and a JSON body with Type and the message), never a 5xx; afterwards
 * the server still answers and what it stores is consistent (every listed function reads back,
 * every alias points at a version that exists, the untouched function still invokes).
 *
 * <p>The default suite sends {@value #DEFAULT_CASES} bodies per operation from a fixed seed; a long
 * run: {@code -Dlamina.fuzz.cases=5000 -Dlamina.fuzz.seed=<any>} (docs/SECURITY.md). A failing body
 * is saved under {@code target/fuzz-failures/}.
 */
class JsonFuzzIT extends ServerPerClass {
    static final int DEFAULT_CASES = 60;
    static final long DEFAULT_SEED = 20261201L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation under test: where its body goes, and a valid body to mutate. */
    private record Operation(String name, String method, String path, ObjectNode valid) {
    }

    @BeforeAll
    static void deployFixtures() {
        for (String name : List.of("fuzz-config", "fuzz-publish", "fuzz-alias", "fuzz-invoke")) {
            Deploy.active(lambda, name);
        }
        lambda.publishVersion(b -> b.functionName("fuzz-alias"));
        lambda.updateFunctionConfiguration(b -> b.functionName("fuzz-alias").description("second"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("fuzz-alias"));
        lambda.publishVersion(b -> b.functionName("fuzz-alias"));
    }

    @Test
    void mutatedBodiesAreAnsweredWithSuccessOrA4xxAwsErrorAndTheStoreStaysConsistent() throws Exception {
        long seed = Long.getLong("lamina.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("lamina.fuzz.cases", DEFAULT_CASES);
        JsonMutator mutator = new JsonMutator(seed);
        RawHttp http = new RawHttp(server.endpoint());
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < cases; i++) {
            for (Operation op : operations(i)) {
                byte[] body = mutator.mutate(op.valid());
                HttpResponse<String> r = http.send(http.request(op.method(), op.path(), body)
                        .header("Content-Type", "application/json").build());
                statuses.merge(op.name() + " " + r.statusCode(), 1, Integer::sum);
                try {
                    assertAnAwsAnswer(r);
                } catch (AssertionError e) {
                    Path saved = Path.of("target", "fuzz-failures", "json-" + seed + "-" + i + "-" + op.name() + ".json");
                    Files.createDirectories(saved.getParent());
                    Files.write(saved, body);
                    throw new AssertionError(op.name() + " case " + i + " of seed " + seed + " (body in " + saved
                            + ") was answered " + r.statusCode() + " " + r.body(), e);
                }
                if (op.name().equals("UpdateFunctionConfiguration") && r.statusCode() == 200) {
                    settle("fuzz-config"); // else the next updates only meet ResourceConflictException
                }
            }
        }
        System.out.println("json fuzz: seed " + seed + ", " + cases + " cases per operation, answers " + statuses);
        assertThat(statuses.keySet()).as("some mutations are still valid requests")
                .anyMatch(k -> k.startsWith("CreateFunction 201"))
                .anyMatch(k -> k.startsWith("Invoke 200"));
        assertTheStoreIsConsistent();
    }

    private static void assertAnAwsAnswer(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as("never a server error").isBetween(200, 499);
        if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("x-amzn-ErrorType")).as("the AWS error code").isPresent()
                    .hasValueSatisfying(code -> assertThat(code).matches("[A-Za-z.]+(Exception|Error)?"));
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.path("Type").asText()).isEqualTo("User");
            assertThat(error.has("message") || error.has("Message")).as("a message member in " + r.body()).isTrue();
        }
    }

    private static void assertTheStoreIsConsistent() throws Exception {
        assertThat(new RawHttp(server.endpoint()).signed("GET", "/health", null).statusCode()).isEqualTo(200);
        List<FunctionConfiguration> functions = lambda.listFunctionsPaginator(b -> { }).functions().stream().toList();
        assertThat(functions).extracting(FunctionConfiguration::functionName)
                .contains("fuzz-config", "fuzz-publish", "fuzz-alias", "fuzz-invoke");
        for (FunctionConfiguration f : functions) {
            String name = f.functionName();
            assertThat(lambda.getFunction(b -> b.functionName(name)).configuration().functionArn())
                    .isEqualTo(f.functionArn());
            Set<String> versions = lambda.listVersionsByFunctionPaginator(b -> b.functionName(name)).versions().stream()
                    .map(FunctionConfiguration::version).collect(Collectors.toSet());
            assertThat(versions).contains("$LATEST");
            for (AliasConfiguration a : lambda.listAliasesPaginator(b -> b.functionName(name)).aliases()) {
                assertThat(versions).as("alias %s of %s", a.name(), name).contains(a.functionVersion());
                if (a.routingConfig() != null) {
                    assertThat(versions).containsAll(a.routingConfig().additionalVersionWeights().keySet());
                }
            }
        }
        assertThat(Functions.invoke(lambda, "fuzz-invoke", "{\"still\":\"here\"}").json().path("still").asText())
                .isEqualTo("here");
    }

    private static void settle(String function) {
        try {
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
        } catch (SdkException failedUpdate) {
            // An update may fail (an unusable runtime, say); that is the function's state, not the server's.
        }
    }

    /** @param n the case number: each CreateFunction body names a function of its own, so valid ones create it */
    private static List<Operation> operations(int n) {
        String zip = Base64.getEncoder().encodeToString(Zips.nodeEcho("fuzz"));
        return List.of(
                new Operation("CreateFunction", "POST", "/2015-03-31/functions", object("""
                        {"FunctionName": "fuzz-created-%d", "Runtime": "nodejs20.x", "Handler": "index.handler",
                         "Role": "%s", "Code": {"ZipFile": "%s"}, "Description": "d", "Timeout": 3,
                         "MemorySize": 128, "Publish": false, "Environment": {"Variables": {"A": "b"}},
                         "Tags": {"team": "fuzz"}, "Architectures": ["x86_64"], "EphemeralStorage": {"Size": 512},
                         "TracingConfig": {"Mode": "PassThrough"}, "LoggingConfig": {"LogFormat": "Text"},
                         "KMSKeyArn": "arn:aws:kms:us-east-1:000000000000:key/k"}""".formatted(n, TestServer.ROLE, zip))),
                new Operation("UpdateFunctionConfiguration", "PUT", "/2015-03-31/functions/fuzz-config/configuration",
                        object("""
                        {"Description": "x", "Timeout": 5, "MemorySize": 256, "Handler": "index.handler",
                         "Runtime": "nodejs20.x", "Environment": {"Variables": {"A": "c"}}, "KMSKeyArn": "",
                         "TracingConfig": {"Mode": "Active"}, "EphemeralStorage": {"Size": 1024}}""")),
                new Operation("PublishVersion", "POST", "/2015-03-31/functions/fuzz-publish/versions",
                        object("{\"Description\": \"v\"}")),
                new Operation("CreateAlias", "POST", "/2015-03-31/functions/fuzz-alias/aliases", object("""
                        {"Name": "live", "FunctionVersion": "1", "Description": "d",
                         "RoutingConfig": {"AdditionalVersionWeights": {"2": 0.25}}}""")),
                new Operation("Invoke", "POST", "/2015-03-31/functions/fuzz-invoke/invocations",
                        object("{\"key\": \"value\", \"list\": [1, 2.5, {\"x\": null}], \"flag\": true}")));
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
