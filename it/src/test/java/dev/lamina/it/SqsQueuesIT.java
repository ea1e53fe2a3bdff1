package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.lamina.it.SqsTesting.attribute;
import static dev.lamina.it.SqsTesting.fails;
import static dev.lamina.it.SqsTesting.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Lamina's SQS queues driven by the AWS SDK v2's SqsClient (JSON 1.0): create, find, list, change, tag, delete. */
class SqsQueuesIT extends ServerPerClass {
    static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = server.sqs();
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    @Test
    void createIsIdempotentWithTheSameAttributesAndRefusesDifferentOnes() {
        String url = sqs.createQueue(b -> b.queueName("q-idem").attributesWithStrings(Map.of("DelaySeconds", "2")))
                .queueUrl();
        assertThat(url).startsWith(server.endpoint().toString()).endsWith("/" + TestServer.ACCOUNT + "/q-idem");
        assertThat(sqs.createQueue(b -> b.queueName("q-idem").attributesWithStrings(Map.of("DelaySeconds", "2")))
                .queueUrl()).isEqualTo(url);
        QueueNameExistsException e = fails(QueueNameExistsException.class, "QueueAlreadyExists",
                () -> sqs.createQueue(b -> b.queueName("q-idem").attributesWithStrings(Map.of("DelaySeconds", "3"))));
        assertThat(message(e)).isEqualTo(
                "A queue already exists with the same name and a different value for attribute DelaySeconds");
        assertThat(attribute(sqs, url, QueueAttributeName.DELAY_SECONDS)).isEqualTo("2");
    }

    @Test
    void getQueueUrlFindsAQueueByNameAndRefusesAnUnknownOne() {
        String url = sqs.createQueue(b -> b.queueName("q-url")).queueUrl();
        assertThat(sqs.getQueueUrl(b -> b.queueName("q-url")).queueUrl()).isEqualTo(url);
        QueueDoesNotExistException e = fails(QueueDoesNotExistException.class,
                "AWS.SimpleQueueService.NonExistentQueue", () -> sqs.getQueueUrl(b -> b.queueName("q-never")));
        assertThat(message(e)).isEqualTo("The specified queue does not exist.");
    }

    @Test
    void listQueuesFiltersByPrefixAndPagesWithNextToken() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int n = i;
            created.add(sqs.createQueue(b -> b.queueName("page-" + n)).queueUrl());
        }
        sqs.createQueue(b -> b.queueName("other-page-0"));
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("page-")).queueUrls())
                .containsExactlyInAnyOrderElementsOf(created);

        List<String> paged = new ArrayList<>();
        ListQueuesResponse page = sqs.listQueues(b -> b.queueNamePrefix("page-").maxResults(3));
        int pages = 1;
        paged.addAll(page.queueUrls());
        assertThat(page.queueUrls()).hasSize(3);
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = sqs.listQueues(b -> b.queueNamePrefix("page-").maxResults(3).nextToken(token));
            paged.addAll(page.queueUrls());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(created);
        // The SDK's own paginator agrees.
        assertThat(sqs.listQueuesPaginator(b -> b.queueNamePrefix("page-").maxResults(2)).queueUrls())
                .containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void attributesGiveTheArnTheSettingsAndTheApproximateCounts() {
        Instant before = Instant.now().minusSeconds(2);
        String url = sqs.createQueue(b -> b.queueName("q-attrs").attributesWithStrings(
                Map.of("VisibilityTimeout", "45", "MessageRetentionPeriod", "3600", "MaximumMessageSize", "2048",
                        "ReceiveMessageWaitTimeSeconds", "0"))).queueUrl();
        Map<String, String> all = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(all).containsEntry("QueueArn", SqsTesting.ARN_PREFIX + "q-attrs")
                .containsEntry("VisibilityTimeout", "45").containsEntry("MessageRetentionPeriod", "3600")
                .containsEntry("MaximumMessageSize", "2048").containsEntry("DelaySeconds", "0")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "0")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "0")
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp")
                .doesNotContainKey("FifoQueue");
        long created = Long.parseLong(all.get("CreatedTimestamp"));
        assertThat(created).as("epoch seconds").isBetween(before.getEpochSecond(), Instant.now().getEpochSecond() + 2);

        sqs.sendMessage(b -> b.queueUrl(url).messageBody("visible"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("in flight"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("delayed").delaySeconds(60));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).messages()).hasSize(1);
        Map<String, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings();
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("ApproximateNumberOfMessages", "1",
                "ApproximateNumberOfMessagesNotVisible", "1", "ApproximateNumberOfMessagesDelayed", "1"));

        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("VisibilityTimeout", "10")));
        assertThat(attribute(sqs, url, QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("10");
    }

    @Test
    void tagsAreSetOnCreateAddedListedAndRemoved() {
        String url = sqs.createQueue(b -> b.queueName("q-tags").tags(Map.of("team", "orders"))).queueUrl();
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("team", "orders"));
        sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "test", "team", "billing")));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags())
                .isEqualTo(Map.of("team", "billing", "env", "test"));
        sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("env", "test"));
    }

    @Test
    void aDeletedQueueIsGoneForEveryOperation() {
        String url = sqs.createQueue(b -> b.queueName("q-deleted")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("left behind"));
        sqs.deleteQueue(b -> b.queueUrl(url));
        // AWS says a deletion may take up to 60 seconds to be seen everywhere; Lamina's is immediate.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(sqs.listQueues(b -> b.queueNamePrefix("q-deleted")).queueUrls()).isEmpty());
        fails(QueueDoesNotExistException.class, "AWS.SimpleQueueService.NonExistentQueue",
                () -> sqs.getQueueUrl(b -> b.queueName("q-deleted")));
        fails(QueueDoesNotExistException.class, "AWS.SimpleQueueService.NonExistentQueue",
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("too late")));
        fails(QueueDoesNotExistException.class, "AWS.SimpleQueueService.NonExistentQueue",
                () -> sqs.receiveMessage(b -> b.queueUrl(url)));
        fails(QueueDoesNotExistException.class, "AWS.SimpleQueueService.NonExistentQueue",
                () -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)));
    }
}
