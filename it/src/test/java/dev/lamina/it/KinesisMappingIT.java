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
        lambda.close();
        server.close();
        kinesis.close();
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
}
