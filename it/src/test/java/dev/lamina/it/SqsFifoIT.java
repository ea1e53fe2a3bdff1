package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.lamina.it.SqsTesting.fails;
import static dev.lamina.it.SqsTesting.message;
import static dev.lamina.it.SqsTesting.receive;
import static org.assertj.core.api.Assertions.assertThat;

/** FIFO queues: order within each message group, deduplication over five minutes, sequence numbers. */
class SqsFifoIT extends ServerPerClass {
    static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = server.sqs();
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    static String fifo(String name, boolean contentBased) {
        return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("FifoQueue", "true",
                "ContentBasedDeduplication", Boolean.toString(contentBased)))).queueUrl();
    }

    @Test
    void eachGroupIsDeliveredInOrderAcrossManyGroups() {
        String url = fifo("order.fifo", false);
        int groups = 6;
        int perGroup = 15;
        for (int i = 0; i < perGroup; i++) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                batch.add(SendMessageBatchRequestEntry.builder().id("g" + g + "-" + i).messageBody(g + ":" + i)
                        .messageGroupId("group-" + g).messageDeduplicationId("d-" + g + "-" + i).build());
            }
            assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(batch)).failed()).isEmpty();
        }
        Map<Integer, List<Integer>> seen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int total = 0;
        while (total < groups * perGroup && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(30).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                String[] parts = m.body().split(":");
                int group = Integer.parseInt(parts[0]);
                assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "group-" + group);
                seen.computeIfAbsent(group, k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                total++;
            }
        }
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            inOrder.add(i);
        }
        assertThat(seen).hasSize(groups);
        seen.forEach((group, bodies) -> assertThat(bodies).as("group %d", group).isEqualTo(inOrder));
    }

    @Test
    void aGroupWithAMessageInFlightYieldsNothingElseUntilItIsDeleted() {
        String url = fifo("inflight.fifo", true);
        for (String body : List.of("a1", "a2", "a3")) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId("a"));
        }
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(30))
                .messages().get(0);
        assertThat(first.body()).isEqualTo("a1");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages())
                .as("a1 is in flight, so group a is blocked").isEmpty();
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()));
        assertThat(receive(sqs, url, 2, Duration.ofSeconds(5))).extracting(Message::body).containsExactly("a2", "a3");
    }

    @Test
    void aDeduplicationIdSuppressesRepeatsAndSequenceNumbersGrow() {
        String url = fifo("dedup.fifo", false);
        SendMessageResponse first = sqs.sendMessage(b -> b.queueUrl(url).messageBody("one").messageGroupId("g")
                .messageDeduplicationId("same"));
        SendMessageResponse repeat = sqs.sendMessage(b -> b.queueUrl(url).messageBody("one again")
                .messageGroupId("g").messageDeduplicationId("same"));
        SendMessageResponse second = sqs.sendMessage(b -> b.queueUrl(url).messageBody("two").messageGroupId("g")
                .messageDeduplicationId("other"));
        assertThat(first.sequenceNumber()).matches("\\d{1,128}");
        assertThat(repeat.messageId()).as("a duplicate is acknowledged as the original").isEqualTo(first.messageId());
        assertThat(new BigInteger(second.sequenceNumber())).isGreaterThan(new BigInteger(first.sequenceNumber()));

        List<Message> got = receive(sqs, url, 3, Duration.ofSeconds(4));
        assertThat(got).extracting(Message::body).containsExactly("one", "two");
        assertThat(got.get(0).attributes())
                .containsEntry(MessageSystemAttributeName.SEQUENCE_NUMBER, first.sequenceNumber())
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "same")
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "g");
        got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("after delete").messageGroupId("g")
                .messageDeduplicationId("same"));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages())
                .as("still within the five-minute window, even after the original was deleted").isEmpty();
    }

    @Test
    void contentBasedDeduplicationUsesTheBody() {
        String url = fifo("content.fifo", true);
        assertThat(SqsTesting.attribute(sqs, url, QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).isEqualTo("true");
        assertThat(SqsTesting.attribute(sqs, url, QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("same body").messageGroupId("g"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("same body").messageGroupId("g"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("other body").messageGroupId("g"));
        assertThat(receive(sqs, url, 3, Duration.ofSeconds(4))).extracting(Message::body)
                .containsExactly("same body", "other body");
    }

    @Test
    void aFifoQueueNeedsAGroupAndADeduplicationIdAndRefusesPerMessageDelays() {
        String url = fifo("rules.fifo", false);
        SqsException noDedup = fails(SqsException.class, "InvalidParameterValue",
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")));
        assertThat(message(noDedup)).isEqualTo("The queue should either have ContentBasedDeduplication enabled"
                + " or MessageDeduplicationId provided explicitly");
        SqsException noGroup = fails(SqsException.class, "MissingParameter",
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")));
        assertThat(message(noGroup)).isEqualTo("The request must contain the parameter MessageGroupId.");
        SqsException delay = fails(SqsException.class, "InvalidParameterValue",
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")
                        .messageDeduplicationId("d").delaySeconds(2)));
        assertThat(message(delay)).isEqualTo("Value 2 for parameter DelaySeconds is invalid. Reason: The request"
                + " include parameter that is not valid for this queue type.");
        fails(SqsException.class, "InvalidParameterValue", () -> sqs.createQueue(b -> b.queueName("no-suffix")
                .attributesWithStrings(Map.of("FifoQueue", "true"))));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }
}
