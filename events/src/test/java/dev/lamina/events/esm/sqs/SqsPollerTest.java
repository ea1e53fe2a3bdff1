package dev.lamina.events.esm.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.MemoryQueues;
import dev.lamina.events.esm.TestPollerContext;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.QueueInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class SqsPollerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    final MemoryQueues queues = new MemoryQueues();
    final List<SqsPoller> pollers = new ArrayList<>();
    /** Every event the function got, parsed. */
    final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        pollers.forEach(SqsPoller::close);
    }

    SqsPoller start(TestPollerContext context, boolean fifo) {
        SqsPoller p = new SqsPoller(context, queues, context.settings().maximumConcurrency().orElse(10), fifo);
        pollers.add(p);
        p.start();
        return p;
    }

    /** A function that records each event and answers what {@code answer} says. */
    BatchInvoker function(Function<JsonNode, BatchInvoker.Outcome> answer) {
        return payload -> {
            JsonNode event;
            try {
                event = JSON.readTree(payload);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            events.add(event);
            return answer.apply(event);
        };
    }

    static BatchInvoker.Outcome ok() {
        return new BatchInvoker.Succeeded("null".getBytes(StandardCharsets.UTF_8));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 20 s");
            }
            Thread.sleep(20);
        }
    }

    List<String> bodiesSeen() {
        List<String> out = new ArrayList<>();
        events.forEach(e -> e.get("Records").forEach(r -> out.add(r.get("body").asText())));
        return out;
    }

    @Test
    void batchesHoldAtMostBatchSizeMessagesAndSuccessDeletesThem() throws Exception {
        QueueInfo q = queues.create("q", Duration.ofSeconds(30), Optional.empty(), 0);
        for (int i = 0; i < 10; i++) {
            queues.send(q.arn(), OutgoingMessage.of("m" + i, Map.of()));
        }
        start(TestPollerContext.sqs(q.arn(), 4, Duration.ZERO, List.of(), false, Optional.of(2), function(e -> ok())), false);
        await(() -> bodiesSeen().size() == 10 && queues.bodies(q.arn()).isEmpty());
        assertThat(events).allSatisfy(e -> assertThat(e.get("Records").size()).isBetween(1, 4));
        assertThat(bodiesSeen()).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    @Test
    void aRecordHasAwsSqsShape() throws Exception {
        QueueInfo q = queues.create("shape", Duration.ofSeconds(30), Optional.empty(), 0);
        queues.send(q.arn(), OutgoingMessage.of("hello", Map.of("color", MessageAttribute.string("red"),
                "blob", new MessageAttribute("Binary", Optional.empty(), Optional.of(new byte[]{1, 2})))));
        start(TestPollerContext.sqs(q.arn(), 10, Duration.ZERO, List.of(), false, Optional.empty(), function(e -> ok())), false);
        await(() -> !events.isEmpty());
        JsonNode r = events.getFirst().get("Records").get(0);
        List<String> names = new ArrayList<>();
        r.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("messageId", "receiptHandle", "body", "attributes", "messageAttributes",
                "md5OfMessageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion");
        assertThat(r.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(r.get("eventSourceARN").asText()).isEqualTo(q.arn());
        assertThat(r.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(r.get("attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(r.get("attributes").has("SentTimestamp")).isTrue();
        JsonNode color = r.get("messageAttributes").get("color");
        assertThat(color.get("stringValue").asText()).isEqualTo("red");
        assertThat(color.get("dataType").asText()).isEqualTo("String");
        assertThat(color.get("stringListValues").isArray()).isTrue();
        assertThat(color.get("binaryListValues").isArray()).isTrue();
        assertThat(r.get("messageAttributes").get("blob").get("binaryValue").asText()).isEqualTo("AQI=");
    }

    @Test
    void withReportBatchItemFailuresOnlyTheReportedMessagesReturn() throws Exception {
        QueueInfo q = queues.create("partial", Duration.ofMillis(300), Optional.empty(), 0);
        for (String b : List.of("good1", "bad", "good2")) {
            queues.send(q.arn(), OutgoingMessage.of(b, Map.of()));
        }
        AtomicInteger calls = new AtomicInteger();
        start(TestPollerContext.sqs(q.arn(), 10, Duration.ZERO, List.of(), true, Optional.of(2), function(e -> {
            calls.incrementAndGet();
            List<String> failed = new ArrayList<>();
            e.get("Records").forEach(r -> {
                if (r.get("body").asText().equals("bad")) {
                    failed.add(r.get("messageId").asText());
                }
            });
            String items = String.join(",", failed.stream().map(id -> "{\"itemIdentifier\":\"" + id + "\"}").toList());
            return new BatchInvoker.Succeeded(("{\"batchItemFailures\":[" + items + "]}").getBytes(StandardCharsets.UTF_8));
        })), false);
        await(() -> queues.receivesByBody.getOrDefault("bad", 0) >= 3);
        assertThat(queues.receivesByBody.get("good1")).isEqualTo(1);
        assertThat(queues.receivesByBody.get("good2")).isEqualTo(1);
        assertThat(queues.bodies(q.arn())).containsExactly("bad");
    }

    @Test
    void anInvalidBatchResponseFailsTheWholeBatch() throws Exception {
        QueueInfo q = queues.create("invalid", Duration.ofMillis(300), Optional.empty(), 0);
        queues.send(q.arn(), OutgoingMessage.of("a", Map.of()));
        queues.send(q.arn(), OutgoingMessage.of("b", Map.of()));
        start(TestPollerContext.sqs(q.arn(), 10, Duration.ZERO, List.of(), true, Optional.of(2), function(e ->
                new BatchInvoker.Succeeded("{\"batchItemFailures\":[{\"itemIdentifier\":\"no-such-id\"}]}"
                        .getBytes(StandardCharsets.UTF_8)))), false);
        await(() -> queues.receivesByBody.getOrDefault("a", 0) >= 2 && queues.receivesByBody.getOrDefault("b", 0) >= 2);
        assertThat(queues.bodies(q.arn())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aFailingFunctionLeavesTheMessageToItsVisibilityTimeoutAndTheRedrivePolicy() throws Exception {
        QueueInfo dlq = queues.create("dlq", Duration.ofSeconds(30), Optional.empty(), 0);
        QueueInfo q = queues.create("poison", Duration.ofMillis(200), Optional.of(dlq.arn()), 3);
        queues.send(q.arn(), OutgoingMessage.of("poison", Map.of()));
        TestPollerContext context = TestPollerContext.sqs(q.arn(), 10, Duration.ZERO, List.of(), false, Optional.of(2),
                function(e -> new BatchInvoker.FunctionFailed("{\"errorMessage\":\"no\"}".getBytes(StandardCharsets.UTF_8))));
        start(context, false);
        await(() -> queues.bodies(dlq.arn()).contains("poison"));
        assertThat(bodiesSeen()).containsExactly("poison", "poison", "poison");
        assertThat(queues.bodies(q.arn())).isEmpty();
        assertThat(context.status().results).contains("PROBLEM: Function call failed");
    }

    @Test
    void messagesNoFilterMatchesAreDeletedWithoutReachingTheFunction() throws Exception {
        QueueInfo q = queues.create("filtered", Duration.ofSeconds(30), Optional.empty(), 0);
        queues.send(q.arn(), OutgoingMessage.of("{\"kind\":\"order\",\"n\":1}", Map.of()));
        queues.send(q.arn(), OutgoingMessage.of("{\"kind\":\"refund\",\"n\":2}", Map.of()));
        queues.send(q.arn(), OutgoingMessage.of("plain text", Map.of()));
        start(TestPollerContext.sqs(q.arn(), 10, Duration.ZERO, List.of("{\"body\":{\"kind\":[\"order\"]}}"), false,
                Optional.of(2), function(e -> ok())), false);
        await(() -> queues.bodies(q.arn()).isEmpty());
        assertThat(bodiesSeen()).containsExactly("{\"kind\":\"order\",\"n\":1}");
    }

    @Test
    void aBacklogIsWorkedOnByMaximumConcurrencyBatchesAtOnce() throws Exception {
        QueueInfo q = queues.create("backlog", Duration.ofSeconds(30), Optional.empty(), 0);
        for (int i = 0; i < 40; i++) {
            queues.send(q.arn(), OutgoingMessage.of("m" + i, Map.of()));
        }
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch reached = new CountDownLatch(1);
        SqsPoller poller = start(TestPollerContext.sqs(q.arn(), 1, Duration.ZERO, List.of(), false, Optional.of(4),
                function(e -> {
                    int n = now.incrementAndGet();
                    most.accumulateAndGet(n, Math::max);
                    if (n >= 4) {
                        reached.countDown();
                    }
                    try {
                        reached.await(200, TimeUnit.MILLISECONDS); // hold the slot while the others start
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    now.decrementAndGet();
                    return ok();
                })), false);
        assertThat(reached.await(20, TimeUnit.SECONDS)).isTrue();
        await(() -> queues.bodies(q.arn()).isEmpty());
        assertThat(most.get()).isEqualTo(4);
        assertThat(poller.workers()).isLessThanOrEqualTo(4);
    }

    @Test
    void aFifoQueueDeliversEachGroupInOrder() throws Exception {
        QueueInfo q = queues.create("orders.fifo", Duration.ofMillis(300), Optional.empty(), 0);
        for (int i = 0; i < 6; i++) {
            for (String g : List.of("a", "b")) {
                queues.send(q.arn(), new OutgoingMessage(g + i, Map.of(), Optional.of(g), Optional.of(g + i),
                        Optional.empty()));
            }
        }
        AtomicInteger failures = new AtomicInteger();
        start(TestPollerContext.sqs(q.arn(), 3, Duration.ZERO, List.of(), true, Optional.of(3), function(e -> {
            // a2 fails once: it and what follows it in its group must come again, after it
            List<String> failed = new ArrayList<>();
            boolean failing = false;
            for (JsonNode r : e.get("Records")) {
                String body = r.get("body").asText();
                if (body.equals("a2") && failures.getAndIncrement() == 0) {
                    failing = true;
                }
                if (failing && body.startsWith("a")) {
                    failed.add("{\"itemIdentifier\":\"" + r.get("messageId").asText() + "\"}");
                }
            }
            return new BatchInvoker.Succeeded(("{\"batchItemFailures\":[" + String.join(",", failed) + "]}")
                    .getBytes(StandardCharsets.UTF_8));
        })), true);
        await(() -> queues.bodies(q.arn()).isEmpty());
        List<String> a = new ArrayList<>(bodiesSeen().stream().filter(b -> b.startsWith("a")).toList());
        List<String> b = bodiesSeen().stream().filter(x -> x.startsWith("b")).toList();
        assertThat(b).containsExactly("b0", "b1", "b2", "b3", "b4", "b5");
        // Every a-message after the failure is seen again, in order, starting from a2.
        int retry = a.lastIndexOf("a2");
        assertThat(a.subList(retry, a.size())).containsExactly("a2", "a3", "a4", "a5");
        assertThat(a.subList(0, a.indexOf("a2") + 1)).containsExactly("a0", "a1", "a2");
        assertThat(Collections.frequency(a, "a0")).isEqualTo(1);
    }

    @Test
    void aFunctionThatAlwaysFailsDoesNotHoldUpAnotherMapping() throws Exception {
        QueueInfo bad = queues.create("always-fails", Duration.ofMillis(100), Optional.empty(), 0);
        QueueInfo good = queues.create("fine", Duration.ofSeconds(30), Optional.empty(), 0);
        for (int i = 0; i < 20; i++) {
            queues.send(bad.arn(), OutgoingMessage.of("bad" + i, Map.of()));
        }
        start(TestPollerContext.sqs(bad.arn(), 10, Duration.ZERO, List.of(), false, Optional.of(2),
                payload -> new BatchInvoker.FunctionFailed("{}".getBytes(StandardCharsets.UTF_8))), false);
        for (int i = 0; i < 30; i++) {
            queues.send(good.arn(), OutgoingMessage.of("good" + i, Map.of()));
        }
        start(TestPollerContext.sqs(good.arn(), 10, Duration.ZERO, List.of(), false, Optional.of(2), function(e -> ok())),
                false);
        await(() -> queues.bodies(good.arn()).isEmpty());
        assertThat(bodiesSeen().stream().filter(b -> b.startsWith("good"))).hasSize(30);
        assertThat(queues.bodies(bad.arn())).hasSize(20);
    }
}
