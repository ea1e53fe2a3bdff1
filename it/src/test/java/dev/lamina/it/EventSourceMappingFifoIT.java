package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mapping on a FIFO queue: each message group reaches the function in order, even when a message of
 * a group fails once (it and what follows it in its group come again, in order, after the visibility
 * timeout), while other groups go on.
 */
class EventSourceMappingFifoIT extends ServerPerClass {
    /**
     * Logs each batch's bodies; reports "a-3" failed the first time it is received (whichever
     * environment gets it), and every later "a" of the batch with it.
     */
    static final String ORDERED = """
            exports.handler = async (event) => {
              console.log('FIFO ' + JSON.stringify(event.Records.map(r => r.body)));
              const failures = [];
              let failing = false;
              for (const r of event.Records) {
                if (r.body === 'a-3' && r.attributes.ApproximateReceiveCount === '1') { failing = true; }
                if (failing && r.body.startsWith('a-')) { failures.push({itemIdentifier: r.messageId}); }
              }
              return {batchItemFailures: failures};
            };
            """;

    static SqsClient sqs;

    @BeforeAll
    static void deploy() {
        sqs = server.sqs();
        Functions.create(lambda, "ordered", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", ORDERED)),
                b -> b.timeout(3));
    }

    @AfterAll
    static void closeSqs() {
        sqs.close();
    }

    @Test
    void eachGroupArrivesInOrderAndAFailureHoldsBackOnlyItsGroup() {
        String url = sqs.createQueue(b -> b.queueName("ordered.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE,
                "true", QueueAttributeName.VISIBILITY_TIMEOUT, "3"))).queueUrl();
        for (int i = 0; i < 8; i++) {
            for (String group : List.of("a", "b")) {
                String body = group + "-" + i;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group)
                        .messageDeduplicationId(body));
            }
        }
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("ordered")
                .eventSourceArn(SqsTesting.ARN_PREFIX + "ordered.fifo").batchSize(4)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid();
        await().atMost(Duration.ofSeconds(60)).alias("a-3 seen twice, then a-7; b-7").until(() -> {
            List<String> all = seen();
            return all.contains("b-7") && all.lastIndexOf("a-7") > all.lastIndexOf("a-3")
                    && all.stream().filter(s -> s.equals("a-3")).count() == 2;
        });
        List<String> all = seen();
        List<String> b = all.stream().filter(s -> s.startsWith("b-")).toList();
        assertThat(b).containsExactly("b-0", "b-1", "b-2", "b-3", "b-4", "b-5", "b-6", "b-7");
        List<String> a = all.stream().filter(s -> s.startsWith("a-")).toList();
        int retry = a.lastIndexOf("a-3");
        assertThat(a.subList(0, a.indexOf("a-3") + 1)).containsExactly("a-0", "a-1", "a-2", "a-3");
        assertThat(a.subList(retry, a.size())).containsExactly("a-3", "a-4", "a-5", "a-6", "a-7");
        assertThat(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()).isEqualTo("Enabled");
    }

    /** Every body the function saw, in the order of its log lines. */
    static List<String> seen() {
        List<String> out = new ArrayList<>();
        for (String line : Logs.lines(server, "ordered")) {
            int at = line.indexOf("FIFO ");
            if (at >= 0) {
                try {
                    Functions.JSON.readTree(line.substring(at + 5)).forEach(n -> out.add(n.asText()));
                } catch (Exception e) {
                    throw new AssertionError(line, e);
                }
            }
        }
        return out;
    }
}
