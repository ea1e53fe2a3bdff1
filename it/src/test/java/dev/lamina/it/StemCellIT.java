package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.it.fixtures.JavaFixture;
import dev.lamina.model.RuntimeId;
import dev.lamina.server.ExecutionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prewarmed runtimes ("stem cells"): cold starts take a runtime that booted before it had a function,
 * and such an environment shows nothing of any other function: no variable, no file, no global.
 */
class StemCellIT {
    static TestServer server;
    static LambdaClient lambda;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A runtime family's fixture, at the memory size its stem cells are kept for. */
    record Fixture(String name, String runtime, String handler, Supplier<byte[]> zip, int memory) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> runtimes() {
        return Stream.of(
                new Fixture("node", "nodejs20.x", "index.handler", Packages::nodejs, 128),
                new Fixture("python", "python3.12", "app.handler", Packages::python, 128),
                new Fixture("java", "java21", "dev.lamina.it.fixtures.JavaFixture::handleRequest",
                        () -> Packages.java(JavaFixture.class), 512));
    }

    /** Stem cells of every family: Node.js and Python at 128 MB, Java at 512 MB. */
    static ExecutionConfig everyFamilysCells() {
        return ExecutionConfig.defaults().withPrewarm(List.of(
                new ExecutionConfig.Prewarm(RuntimeId.Family.NODEJS, 128),
                new ExecutionConfig.Prewarm(RuntimeId.Family.PYTHON, 128),
                new ExecutionConfig.Prewarm(RuntimeId.Family.JAVA, 512)));
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(everyFamilysCells());
        lambda = server.lambda();
        runtimes().forEach(f -> {
            // The first function's package holds one file more, and it has a secret.
            Map<String, byte[]> extra = new LinkedHashMap<>();
            extra.put("first-only.txt", "first".getBytes());
            Functions.create(lambda, f.name() + "-first", f.runtime(), f.handler(), Zips.with(f.zip().get(), extra),
                    b -> b.memorySize(f.memory()).timeout(30).environment(e -> e.variables(Map.of("SECRET", "s3cr3t"))));
            Functions.create(lambda, f.name() + "-second", f.runtime(), f.handler(), f.zip().get(),
                    b -> b.memorySize(f.memory()).timeout(30));
        });
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    /** Waits until the pool holds a cell of the fixture's kind. */
    static void awaitCell(Fixture f) {
        String kind = (f.name().equals("node") ? "nodejs" : f.name()) + ":" + f.memory();
        await().atMost(Duration.ofSeconds(60)).until(() -> health().path("stemCells").path(kind).asInt() >= 1);
    }

    /**
     * Whether the invocation ran in a stem cell: its runtime is older than its init by far more than
     * starting a process takes, as it booted before anybody needed it.
     */
    static boolean fromCell(Functions.Invocation r) {
        var m = java.util.regex.Pattern.compile("Init Duration: ([0-9.]+) ms").matcher(r.log());
        assertThat(m.find()).as("a cold start").isTrue();
        return r.json().path("ageMs").asLong() > Double.parseDouble(m.group(1)) + 300;
    }

    static JsonNode health() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Functions.JSON.readTree(r.body());
    }

    static Map<String, String> env(Functions.Invocation r) {
        Map<String, String> env = new HashMap<>();
        r.json().path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aPooledEnvironmentShowsNothingOfTheFunctionBeforeIt(Fixture f) throws Exception {
        awaitCell(f);
        Thread.sleep(400); // so that a cell's age tells it from a process started for the invocation
        Functions.Invocation first = Functions.invoke(lambda, f.name() + "-first", "{\"action\":\"process\"}");
        assertThat(fromCell(first)).as("a runtime booted before the invocation: a stem cell").isTrue();
        assertThat(texts(first.json().path("files"))).contains("first-only.txt");
        assertThat(Functions.invoke(lambda, f.name() + "-first", "{\"action\":\"tmp-write\",\"value\":\"left\"}")
                .payload()).isEqualTo("\"written\"");
        Map<String, String> firstEnv = env(Functions.invoke(lambda, f.name() + "-first", "{\"action\":\"env\"}"));
        assertThat(firstEnv).containsEntry("SECRET", "s3cr3t").doesNotContainKey("LAMINA_CELL_TOKEN")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", f.name() + "-first");

        awaitCell(f);
        Thread.sleep(400);
        Functions.Invocation second = Functions.invoke(lambda, f.name() + "-second", "{\"action\":\"process\"}");
        assertThat(fromCell(second)).as("a stem cell too").isTrue();
        assertThat(second.json().path("count").asInt()).as("no global of the first function").isEqualTo(1);
        assertThat(texts(second.json().path("files"))).as("none of its files").doesNotContain("first-only.txt");
        assertThat(Functions.invoke(lambda, f.name() + "-second", "{\"action\":\"tmp-read\"}").payload())
                .as("nothing in /tmp").isEqualTo("null");
        Map<String, String> secondEnv = env(Functions.invoke(lambda, f.name() + "-second", "{\"action\":\"env\"}"));
        assertThat(secondEnv).as("none of its variables").doesNotContainKey("SECRET").doesNotContainKey("LAMINA_CELL_TOKEN")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", f.name() + "-second")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memory()));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
