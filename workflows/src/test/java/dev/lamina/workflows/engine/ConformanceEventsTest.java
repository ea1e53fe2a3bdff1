package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.Dataflows;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the recorded AWS cases that need no Task or only Lambda functions this test imitates (by their
 * handler: identity, raise, large output) through the engine with the real dataflows, and compares the status, the error and the history's
 * event types as the shared README says (Parallel/Map: same types and counts, same first and last).
 */
class ConformanceEventsTest {
    /**
     * Cases whose recording is known not to be what AWS emits: the recording tool's
     * SfnNoneRecursiveParallelTransformer drops ParallelStateSucceeded (it replaces the sorted branch
     * events up to ParallelStateExited), so AWS's event 12 is missing from the recorded history.
     */
    private static final Set<String> KNOWN = Set.of("9bd1594251");

    private static Path cases() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/conformance/stepfunctions");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return Path.of("/work/shared/conformance/stepfunctions");
    }

    private static Map<String, Integer> counts(List<String> types) {
        Map<String, Integer> m = new HashMap<>();
        types.forEach(t -> m.merge(t, 1, Integer::sum));
        return m;
    }

    /** The recorded cases' Lambda handlers this test imitates (by file name). */
    private static final Map<String, FakeIntegrations.Handler> HANDLERS = Map.of(
            "id_function.py", (call, n) -> call.parameters(),
            "raise_exception.py", (call, n) -> {
                throw new dev.lamina.workflows.data.StatesError("Exception", "{\"errorMessage\":\"Some exception "
                        + "was raised.\",\"errorType\":\"Exception\",\"requestId\":\"r\",\"stackTrace\":[]}");
            },
            "raise_custom_exception.py", (call, n) -> {
                throw new dev.lamina.workflows.data.StatesError("CustomException", "{\"errorMessage\":\"\","
                        + "\"errorType\":\"CustomException\",\"requestId\":\"r\",\"stackTrace\":[]}");
            },
            "large_output_string.py", (call, n) -> com.fasterxml.jackson.databind.node.TextNode.valueOf(
                    "a".repeat(257 * 1024)));

    /** A case this test can run: no resources but functions it imitates, and only Lambda tasks. */
    private static boolean runnable(JsonNode c, String definition) {
        for (String f : List.of("queues", "buckets", "setup", "stateMachines")) {
            if (c.path(f).size() > 0) {
                return false;
            }
        }
        for (JsonNode fn : c.path("functions")) {
            String file = fn.path("source").asText().replaceAll(".*/", "");
            if (!HANDLERS.containsKey(file)) {
                return false;
            }
        }
        String resources = definition.replaceAll("\\s", "");
        return !resources.matches("(?s).*\"Resource\":\"arn:aws:states:::(?!lambda:invoke\")[^\"]*\".*")
                && !resources.contains("waitForTaskToken");
    }

    /** Lambda results as the integrations give them: lambda:invoke's envelope, or the function's response. */
    private static FakeIntegrations.Handler envelope(FakeIntegrations.Handler h) {
        return (call, n) -> {
            JsonNode payload = h.handle(call, n);
            if (call.resource().kind() != dev.lamina.workflows.tasks.TaskResource.Kind.SERVICE) {
                return payload;
            }
            JsonNode inner = call.parameters().path("Payload");
            JsonNode p = payload == call.parameters() ? inner : payload;
            com.fasterxml.jackson.databind.node.ObjectNode o = Json.object().put("ExecutedVersion", "$LATEST");
            o.set("Payload", p);
            o.putObject("SdkHttpMetadata").put("HttpStatusCode", 200);
            o.putObject("SdkResponseMetadata").put("RequestId", "r");
            o.put("StatusCode", 200);
            return o;
        };
    }

    @Test
    void recordedCasesEmitAwsEventTypes() throws Exception {
        Path root = cases();
        Assumptions.assumeTrue(Files.isRegularFile(root.resolve("cases.json")), "no shared conformance cases");
        Harness h = new Harness();
        h.timeScale = 0.0001;
        h.dataflows = Dataflows::of;
        Engine engine = h.engine();
        List<String> mismatches = new ArrayList<>();
        int ran = 0;
        for (JsonNode c : Json.MAPPER.readTree(root.resolve("cases.json").toFile()).path("cases")) {
            String id = c.path("id").asText();
            String definition = Files.readString(root.resolve(c.path("definition").asText()));
            JsonNode expected = Json.MAPPER.readTree(root.resolve(c.path("expected").asText()).toFile());
            if (KNOWN.contains(id) || !expected.has("eventTypes") || !runnable(c, definition)) {
                continue;
            }
            String input = Files.readString(root.resolve(c.path("input").asText()));
            for (JsonNode fn : c.path("functions")) {
                String token = fn.path("token").asText();
                String name = id + "-" + token;
                definition = definition.replace("{{" + token + "}}", name);
                input = input.replace("{{" + token + "}}", name);
                h.integrations.on(name, envelope(HANDLERS.get(fn.path("source").asText().replaceAll(".*/", ""))));
            }
            ExecutionRecord r = Harness.runToEnd(engine, definition, input);
            ran++;
            List<String> want = new ArrayList<>();
            expected.path("eventTypes").forEach(t -> want.add(t.asText()));
            List<String> got = Harness.types(engine, r.executionArn());
            boolean concurrent = definition.contains("\"Parallel\"") || definition.contains("\"Map\"");
            boolean same = concurrent
                    ? counts(got).equals(counts(want)) && got.get(0).equals(want.get(0))
                    && got.get(got.size() - 1).equals(want.get(want.size() - 1))
                    : got.equals(want);
            String status = expected.path("status").asText();
            if (!same || !r.status().name().equals(status)
                    || (expected.has("error") && !r.error().orElse("").equals(expected.get("error").asText()))) {
                mismatches.add(id + " " + c.path("test").asText().replaceAll(".*::", "") + ": status " + r.status()
                        + " want " + status + " error " + r.error().orElse("-") + "\n   got  " + got + "\n   want " + want);
            }
        }
        assertThat(ran).as("cases run").isGreaterThanOrEqualTo(170);
        assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
    }
}
