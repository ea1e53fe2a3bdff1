package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.lamina.it.SqsTesting.attribute;
import static dev.lamina.it.SqsTesting.md5Hex;
import static dev.lamina.it.SqsTesting.md5OfAttributes;
import static dev.lamina.it.SqsTesting.receive;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages through Lamina's SQS with the AWS SDK v2, which itself checks every MD5OfBody and
 * MD5OfMessageAttributes it is answered (and fails the call when one is wrong).
 */
class SqsMessagesIT extends ServerPerClass {
    static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = server.sqs();
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    static String queue(String name, Map<String, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
    }

    @Test
    void aMessageIsSentReceivedWithItsAttributesAndDeleted() {
        String url = queue("m-basic", Map.of());
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("text", MessageAttributeValue.builder().dataType("String").stringValue("héllo ✓").build());
        attributes.put("count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build());
        attributes.put("price", MessageAttributeValue.builder().dataType("Number.float").stringValue("1.5").build());
        attributes.put("blob", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})).build());
        attributes.put("kind", MessageAttributeValue.builder().dataType("String.custom").stringValue("x").build());
        String body = "{\"order\": 17, \"note\": \"ünïcödé\"}";
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(attributes));
        assertThat(sent.md5OfMessageBody()).isEqualTo(md5Hex(body));
        assertThat(sent.md5OfMessageAttributes()).isEqualTo(md5OfAttributes(attributes));
        assertThat(sent.messageId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        List<Message> got = receive(sqs, url, 1, Duration.ofSeconds(5));
        assertThat(got).hasSize(1);
        Message m = got.get(0);
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.body()).isEqualTo(body);
        assertThat(m.md5OfBody()).isEqualTo(md5Hex(body));
        assertThat(m.messageAttributes()).isEqualTo(attributes);
        assertThat(m.md5OfMessageAttributes()).isEqualTo(md5OfAttributes(attributes));
        assertThat(m.attributes()).containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.SENDER_ID, MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");

        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(attribute(sqs, url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
    }

    @Test
    void onlyTheNamedMessageAttributesAreReturned() {
        String url = queue("m-named", Map.of());
        Map<String, MessageAttributeValue> attributes = Map.of(
                "a.one", MessageAttributeValue.builder().dataType("String").stringValue("1").build(),
                "a.two", MessageAttributeValue.builder().dataType("String").stringValue("2").build(),
                "b", MessageAttributeValue.builder().dataType("String").stringValue("3").build());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(attributes));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2).messageAttributeNames("a.*", "b"))
                .messages().get(0);
        assertThat(m.messageAttributes()).isEqualTo(attributes);
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        Message only = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2).messageAttributeNames("b"))
                .messages().get(0);
        assertThat(only.messageAttributes()).containsOnlyKeys("b");
        assertThat(only.md5OfMessageAttributes()).isEqualTo(md5OfAttributes(Map.of("b", attributes.get("b"))));
    }

    @Test
    void batchesAnswerEachEntryAndFailOnlyTheBadOnes() {
        String url = queue("m-batch", Map.of("MaximumMessageSize", "1024"));
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("ok-" + i).messageBody("body " + i).build());
        }
        entries.add(SendMessageBatchRequestEntry.builder().id("too-big").messageBody("x".repeat(1025)).build());
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        assertThat(r.successful()).extracting(e -> e.id()).containsExactlyInAnyOrder("ok-0", "ok-1", "ok-2", "ok-3");
        r.successful().forEach(e -> assertThat(e.md5OfMessageBody()).isEqualTo(md5Hex("body " + e.id().substring(3))));
        assertThat(r.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("too-big");
            assertThat(f.senderFault()).isTrue();
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.message()).isEqualTo(
                    "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.");
        });

        List<Message> got = receive(sqs, url, 4, Duration.ofSeconds(10));
        assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("body 0", "body 1", "body 2", "body 3");
        var deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                List.of(del("d0", got.get(0)), del("d1", got.get(1)), del("bad", "not-a-receipt-handle"))));
        assertThat(deleted.successful()).extracting(e -> e.id()).containsExactlyInAnyOrder("d0", "d1");
        assertThat(deleted.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("bad");
            assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid");
        });
        var changed = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
                e -> e.id("c2").receiptHandle(got.get(2).receiptHandle()).visibilityTimeout(0),
                e -> e.id("c3").receiptHandle(got.get(3).receiptHandle()).visibilityTimeout(0)));
        assertThat(changed.successful()).hasSize(2);
        assertThat(receive(sqs, url, 2, Duration.ofSeconds(5))).extracting(Message::body)
                .containsExactlyInAnyOrder(got.get(2).body(), got.get(3).body());
    }

    static software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry del(String id, Message m) {
        return del(id, m.receiptHandle());
    }

    static software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry del(String id, String handle) {
        return software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder().id(id)
                .receiptHandle(handle).build();
    }

    @Test
    void aDelayedMessageStaysHiddenForItsDelay() {
        String url = queue("m-delay", Map.of("DelaySeconds", "2"));
        long start = System.nanoTime();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("queue delay"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("own delay").delaySeconds(4));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        assertThat(attribute(sqs, url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo("2");
        List<Message> first = receive(sqs, url, 1, Duration.ofSeconds(10));
        assertThat(first).extracting(Message::body).containsExactly("queue delay");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        List<Message> second = receive(sqs, url, 1, Duration.ofSeconds(10));
        assertThat(second).extracting(Message::body).containsExactly("own delay");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
    }

    @Test
    void aReceivedMessageReappearsAfterItsVisibilityTimeoutUnlessChanged() {
        String url = queue("m-visibility", Map.of("VisibilityTimeout", "2"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("comes back"));
        Message first = receive(sqs, url, 1, Duration.ofSeconds(5)).get(0);
        long received = System.nanoTime();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).as("hidden while in flight").isEmpty();
        Message again = receive(sqs, url, 1, Duration.ofSeconds(10)).get(0);
        assertThat(Duration.ofNanos(System.nanoTime() - received)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");

        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(30));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(4)).messages())
                .as("hidden 30 s now, not the queue's 2").isEmpty();
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        assertThat(receive(sqs, url, 1, Duration.ofSeconds(3))).extracting(Message::messageId)
                .containsExactly(first.messageId());
    }

    @Test
    void aLongPollReturnsAsSoonAsAMessageArrives() throws Exception {
        String url = queue("m-long-poll", Map.of());
        long start = System.nanoTime();
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(() ->
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages());
        Thread.sleep(1500);
        assertThat(poll).as("still waiting: nothing was sent").isNotDone();
        try (SqsClient sender = server.sqs()) {
            sender.sendMessage(b -> b.queueUrl(url).messageBody("wake up"));
        }
        List<Message> got = poll.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(got).extracting(Message::body).containsExactly("wake up");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the full 20 s").isLessThan(Duration.ofSeconds(15));

        long empty = System.nanoTime();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - empty)).as("an empty long poll waits its time")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void purgeRemovesEveryMessage() {
        String url = queue("m-purge", Map.of());
        for (int i = 0; i < 5; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("purged " + n));
        }
        sqs.purgeQueue(b -> b.queueUrl(url));
        // AWS: the deletion may take up to 60 seconds; a receive after the purge sees none of them.
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(attribute(sqs, url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("after"));
        assertThat(receive(sqs, url, 1, Duration.ofSeconds(5))).extracting(Message::body).containsExactly("after");
    }
}
