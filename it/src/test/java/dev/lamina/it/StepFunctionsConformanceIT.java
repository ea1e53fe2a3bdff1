package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every recorded Step Functions conformance case (../shared/conformance/stepfunctions, read at test
 * time), run on the real server through the SDK as its README says: the case's functions, queues and
 * nested machines created under names unique to the run, its tokens replaced, a STANDARD machine
 * created and one execution started with the input text unchanged, then the status, the output or
 * error and cause, and the history's event types compared with AWS's recording. Cases run eight at a
 * time; cases with the same handler share one function. Known exceptions (S3, until issue 20) are in
 * {@code stepfunctions-conformance-exceptions.properties} and are skipped with their reason.
 */
class StepFunctionsConformanceIT extends ServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000L, 36);
    private static final Duration LONGEST = Duration.ofMinutes(10);
    static SfnClient sfn;
    static SqsClient sqs;
    static ExecutorService pool;
    static ConformanceResources resources;

    @BeforeAll
    static void clients() {
        sfn = StepFunctionsTesting.sfn(server.endpoint());
        sqs = server.sqs();
        pool = Executors.newFixedThreadPool(8);
        resources = new ConformanceResources(lambda, sqs, sfn, RUN);
    }

    /** Case id → PASS, SKIP, FAIL or ERROR with the first differences, written to target/ for triage. */
    private static final Map<String, String> SUMMARY = new java.util.concurrent.ConcurrentSkipListMap<>();

    @AfterAll
    static void closeClients() throws IOException {
        StringBuilder b = new StringBuilder();
        SUMMARY.forEach((id, result) -> b.append(id).append('\t').append(result).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "stepfunctions-conformance.tsv"), b);
        pool.shutdownNow();
        sfn.close();
        sqs.close();
    }

    /** What one execution ended as, or why it could not run. */
    record Ran(DescribeExecutionResponse execution, List<HistoryEvent> history) {
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedExecutionEndsAsOnAws() throws IOException {
        Path dir = StepFunctionsTesting.conformanceDir();
        JsonNode all = JSON.readTree(Files.readString(dir.resolve("cases.json")));
        ConformanceMatch match = new ConformanceMatch(all.path("wildcardWords"));
        Properties exceptions = exceptions();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all.path("cases")) {
            String id = c.path("id").asText();
            Optional<String> skip = Optional.ofNullable(exceptions.getProperty(id)).or(() -> resources.unsupported(c, dir));
            CompletableFuture<Ran> ran = skip.isPresent() ? null
                    : CompletableFuture.supplyAsync(() -> run(c, dir), pool);
            tests.add(DynamicTest.dynamicTest(id + " " + c.path("test").asText().replaceAll(".*::", ""), () -> {
                if (skip.isPresent()) {
                    SUMMARY.put(id, "SKIP\t" + skip.get());
                }
                assumeTrue(skip.isEmpty(), () -> id + ": " + skip.orElseThrow());
                Ran r;
                try {
                    r = ran.join();
                } catch (CompletionException e) {
                    SUMMARY.put(id, "ERROR\t" + String.valueOf(e.getCause()).replace('\n', ' '));
                    throw new AssertionError(id + " (" + c.path("test").asText() + ") could not run: " + e.getCause(),
                            e.getCause());
                }
                JsonNode expected = JSON.readTree(Files.readString(dir.resolve(c.path("expected").asText())));
                List<String> differences = mismatches(match, expected, r, hasParallelOrMap(dir, c));
                SUMMARY.put(id, differences.isEmpty() ? "PASS" : "FAIL\t" + String.join(" | ", differences));
                assertThat(differences)
                        .as("%s (%s) differs from AWS's recording", id, c.path("test").asText()).isEmpty();
            }));
        }
        assertThat(tests).as("recorded cases").hasSizeGreaterThan(100);
        return tests.stream();
    }

    private static Ran run(JsonNode c, Path dir) {
        Map<String, String> tokens = resources.create(c, dir);
        String definition = ConformanceResources.replace(read(dir, c.path("definition").asText()), tokens);
        String input = ConformanceResources.replace(read(dir, c.path("input").asText()), tokens);
        String arn = sfn.createStateMachine(b -> b.name("sfnc-" + RUN + "-" + c.path("id").asText())
                .definition(definition).roleArn(StepFunctionsTesting.ROLE).type(StateMachineType.STANDARD))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
        Instant deadline = Instant.now().plus(LONGEST);
        DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execution));
        while (d.status() == ExecutionStatus.RUNNING || d.status() == ExecutionStatus.PENDING_REDRIVE) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still RUNNING after " + LONGEST + ": " + execution);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            d = sfn.describeExecution(b -> b.executionArn(execution));
        }
        List<HistoryEvent> history = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(1000)
                    .nextToken(next));
            history.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        return new Ran(d, history);
    }

    /** Every difference from the recording, by the README's three steps. */
    static List<String> mismatches(ConformanceMatch match, JsonNode expected, Ran ran, boolean interleaves) {
        List<String> out = new ArrayList<>();
        String status = ran.execution().statusAsString();
        if (!expected.path("status").asText().equals(status)) {
            out.add("status: expected " + expected.path("status").asText() + " but was " + status);
        }
        HistoryEvent last = ran.history().isEmpty() ? null : ran.history().getLast();
        if (expected.path("status").asText().equals("SUCCEEDED")) {
            JsonNode output = expected.get("output");
            if (output != null && output.isNull()) {
                // The output was JSON null (not "no output").
                if (!"null".equals(String.valueOf(ran.execution().output()).strip())) {
                    out.add("output: expected null but was " + ran.execution().output());
                }
            } else {
                match.text(output, ran.execution().output(), "output").ifPresent(out::add);
            }
        } else {
            String[] errorAndCause = errorAndCause(last);
            match.text(expected.get("error"), errorAndCause[0], "error").ifPresent(out::add);
            match.text(expected.get("cause"), errorAndCause[1], "cause").ifPresent(out::add);
        }
        if (expected.has("eventTypes")) {
            List<String> want = new ArrayList<>();
            expected.get("eventTypes").forEach(t -> want.add(t.asText()));
            List<String> got = ran.history().stream().map(HistoryEvent::typeAsString).toList();
            boolean same = interleaves ? !got.isEmpty() && !want.isEmpty() && sorted(got).equals(sorted(want))
                    && got.getFirst().equals(want.getFirst()) && got.getLast().equals(want.getLast())
                    : got.equals(want);
            if (!same) {
                out.add("eventTypes" + (interleaves ? " (any interleaving)" : "") + ": expected " + want + " but was " + got);
            }
        }
        return out;
    }

    private static String[] errorAndCause(HistoryEvent last) {
        if (last == null) {
            return new String[]{null, null};
        }
        if (last.executionFailedEventDetails() != null) {
            return new String[]{last.executionFailedEventDetails().error(), last.executionFailedEventDetails().cause()};
        }
        if (last.executionTimedOutEventDetails() != null) {
            return new String[]{last.executionTimedOutEventDetails().error(), last.executionTimedOutEventDetails().cause()};
        }
        if (last.executionAbortedEventDetails() != null) {
            return new String[]{last.executionAbortedEventDetails().error(), last.executionAbortedEventDetails().cause()};
        }
        return new String[]{null, null};
    }

    private static List<String> sorted(List<String> types) {
        return types.stream().sorted().toList();
    }

    private static boolean hasParallelOrMap(Path dir, JsonNode c) throws IOException {
        JsonNode definition = JSON.readTree(read(dir, c.path("definition").asText()));
        return definition.findValues("Type").stream()
                .anyMatch(t -> t.asText().equals("Parallel") || t.asText().equals("Map"));
    }

    static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known exceptions: case id → reason (docs/ mirror this file). */
    static Properties exceptions() throws IOException {
        Properties p = new Properties();
        try (InputStream in = StepFunctionsConformanceIT.class.getResourceAsStream(
                "stepfunctions-conformance-exceptions.properties")) {
            assertThat(in).as("stepfunctions-conformance-exceptions.properties").isNotNull();
            p.load(in);
        }
        return p;
    }
}
