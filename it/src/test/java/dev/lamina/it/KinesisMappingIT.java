package dev.lamina.it;

import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kinesis event source mappings end to end: a real Lamina server reading a real Kinesis-compatible
 * server (kinesis-mock) for a real Node.js function, driven by the AWS SDK's Lambda and Kinesis clients.
 */
class KinesisMappingIT {
    static KinesisServer kinesis;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        kinesis = KinesisServer.start();
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-");
        server = TestServer.start(ServerConfig.local(data, TestServer.KEYS, ExecutionConfig.defaults())
                .withKinesisEndpoint(kinesis.endpoint()));
        lambda = server.lambda();
    }

    @AfterAll
    static void stop() {
        // Each in turn, so that kinesis-mock is stopped even when the server did not start.
        if (lambda != null) {
            lambda.close();
        }
        if (server != null) {
            server.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    /** A function that logs each record it is given as "GOT <data> <eventID>". */
    static void consumer(String name) {
        Functions.create(lambda, name, "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                "exports.handler = async (e) => { for (const r of e.Records) { console.log('GOT '"
                        + " + Buffer.from(r.kinesis.data, 'base64').toString() + ' ' + r.eventID + ' ' + r.eventSource); }"
                        + " return {}; };\n")), b -> b.timeout(10));
    }

    static GetEventSourceMappingResponse awaitEnabled(String uuid) {
        return eventually("Enabled", () -> {
            var m = lambda.getEventSourceMapping(b -> b.uuid(uuid));
            return m.state().equals("Enabled") ? m : null;
        });
    }

    static <T> T eventually(String what, Supplier<T> value) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** What the function logged for each record ("GOT …"), in order. */
    static List<String> got(String function) {
        return Logs.lines(server, function).stream().filter(l -> l.contains("GOT "))
                .map(l -> l.substring(l.indexOf("GOT ")).trim()).toList();
    }

    static List<String> got(String function, int count) {
        return eventually(count + " records", () -> {
            List<String> lines = got(function);
            return lines.size() >= count ? lines : null;
        });
    }

    @Test
    void aFunctionGetsAStreamsRecordsInOrderFromTrimHorizon() throws Exception {
        String arn = kinesis.createStream("orders", 1);
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sequences.add(kinesis.put("orders", "customer-1", "order-" + i));
        }
        consumer("orders-consumer");
        var created = lambda.createEventSourceMapping(b -> b.functionName("orders-consumer").eventSourceArn(arn)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(3));
        assertThat(created.state()).isEqualTo("Creating");
        assertThat(created.eventSourceArn()).isEqualTo(arn);
        awaitEnabled(created.uuid());
        for (int i = 10; i < 15; i++) {
            sequences.add(kinesis.put("orders", "customer-1", "order-" + i));
        }
        List<String> lines = got("orders-consumer", 15);
        assertThat(lines).hasSize(15);
        for (int i = 0; i < 15; i++) {
            assertThat(lines.get(i)).isEqualTo("GOT order-" + i + " shardId-000000000000:" + sequences.get(i) + " aws:kinesis");
        }
    }

    @Test
    void latestDeliversOnlyWhatIsPutAfterTheMappingIsEnabled() throws Exception {
        String arn = kinesis.createStream("clicks", 2);
        kinesis.put("clicks", "a", "old-a");
        kinesis.put("clicks", "b", "old-b");
        consumer("clicks-consumer");
        var created = lambda.createEventSourceMapping(b -> b.functionName("clicks-consumer").eventSourceArn(arn)
                .startingPosition(EventSourcePosition.LATEST));
        awaitEnabled(created.uuid());
        for (int i = 0; i < 4; i++) {
            kinesis.put("clicks", "user-" + i, "new-" + i);
        }
        got("clicks-consumer", 4);
        Thread.sleep(1000);
        assertThat(got("clicks-consumer").stream().map(l -> l.split(" ")[1]).toList())
                .containsExactlyInAnyOrder("new-0", "new-1", "new-2", "new-3");
    }

    @Test
    void aBatchThatKeepsFailingIsInvokedOncePlusItsRetriesThenDescribedOnTheOnFailureQueue() throws Exception {
        String arn = kinesis.createStream("payments", 1);
        String first = kinesis.put("payments", "p", "pay-1");
        String last = kinesis.put("payments", "p", "pay-2");
        Functions.create(lambda, "payments-consumer", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                "exports.handler = async (e) => { console.log('TRY ' + e.Records.length); throw new Error('no'); };\n")),
                b -> b.timeout(10));
        String queueArn;
        String queueUrl;
        try (var sqs = server.sqs()) {
            queueUrl = sqs.createQueue(b -> b.queueName("payments-failures")).queueUrl();
            queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        }
        var created = lambda.createEventSourceMapping(b -> b.functionName("payments-consumer").eventSourceArn(arn)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn))));
        assertThat(created.maximumRetryAttempts()).isEqualTo(1);
        String body;
        try (var sqs = server.sqs()) {
            body = eventually("the OnFailure record", () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .waitTimeSeconds(5)).messages().stream().findFirst().map(m -> m.body()).orElse(null));
        }
        var record = Functions.JSON.readTree(body);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.at("/requestContext/functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:payments-consumer");
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/KinesisBatchInfo/startSequenceNumber").asText()).isEqualTo(first);
        assertThat(record.at("/KinesisBatchInfo/endSequenceNumber").asText()).isEqualTo(last);
        assertThat(record.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(2);
        assertThat(record.at("/KinesisBatchInfo/streamArn").asText()).isEqualTo(arn);
        assertThat(Logs.lines(server, "payments-consumer").stream().filter(l -> l.contains("TRY 2")).count())
                .isEqualTo(2);
    }

    @Test
    void afterARestartTheMappingResumesAfterItsCheckpointWithoutRepeatingRecords() throws Exception {
        String arn = kinesis.createStream("ledger", 1);
        for (int i = 0; i < 3; i++) {
            kinesis.put("ledger", "l", "entry-" + i);
        }
        consumer("ledger-consumer");
        var created = lambda.createEventSourceMapping(b -> b.functionName("ledger-consumer").eventSourceArn(arn)
                .startingPosition(EventSourcePosition.TRIM_HORIZON));
        got("ledger-consumer", 3);
        Path data = server.dataDir();
        lambda.close();
        server.close();
        kinesis.put("ledger", "l", "entry-3");
        kinesis.put("ledger", "l", "entry-4");
        server = TestServer.start(ServerConfig.local(data, TestServer.KEYS, ExecutionConfig.defaults())
                .withKinesisEndpoint(kinesis.endpoint()));
        lambda = server.lambda();
        awaitEnabled(created.uuid());
        got("ledger-consumer", 5);
        Thread.sleep(1000);
        assertThat(got("ledger-consumer").stream().map(l -> l.split(" ")[1]).toList())
                .containsExactly("entry-0", "entry-1", "entry-2", "entry-3", "entry-4");
    }
}
