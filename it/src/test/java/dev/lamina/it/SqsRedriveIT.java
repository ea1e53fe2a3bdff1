package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.lamina.it.SqsTesting.ARN_PREFIX;
import static dev.lamina.it.SqsTesting.fails;
import static dev.lamina.it.SqsTesting.message;
import static dev.lamina.it.SqsTesting.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Dead-letter queues: redrive after maxReceiveCount receives, who may redrive, and moving messages back. */
class SqsRedriveIT extends ServerPerClass {
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

    static String redrive(String dlq, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + ARN_PREFIX + dlq + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    /** Receives (and does not delete) with a visibility of 0, so the message comes straight back. */
    static List<Message> receiveOnce(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0).waitTimeSeconds(1).maxNumberOfMessages(10)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueueUnchanged() {
        String dlq = queue("poison-dlq", Map.of());
        String source = queue("poison", Map.of("RedrivePolicy", redrive("poison-dlq", 3)));
        Map<String, MessageAttributeValue> attributes = Map.of("trace",
                MessageAttributeValue.builder().dataType("String").stringValue("t-1").build());
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(source).messageBody("poison pill")
                .messageAttributes(attributes));

        for (int receiveCount = 1; receiveCount <= 3; receiveCount++) {
            List<Message> got = receiveOnce(source);
            assertThat(got).as("receive %d", receiveCount).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo(sent.messageId());
            });
            assertThat(got.get(0).attributes())
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(receiveCount));
        }
        assertThat(receiveOnce(source)).as("a fourth receive finds it moved").isEmpty();

        List<Message> dead = receive(sqs, dlq, 1, Duration.ofSeconds(5));
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(sent.messageId());
            assertThat(m.body()).isEqualTo("poison pill");
            assertThat(m.messageAttributes()).isEqualTo(attributes);
            assertThat(m.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
        });
        assertThat(SqsTesting.attribute(sqs, source, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
        assertThat(SqsTesting.attribute(sqs, source, QueueAttributeName.REDRIVE_POLICY))
                .contains(ARN_PREFIX + "poison-dlq").contains("3");
    }

    @Test
    void aRedriveAllowPolicyDecidesWhichQueuesMayUseTheDeadLetterQueue() {
        String allowed = queue("allowed-source", Map.of());
        queue("guarded-dlq", Map.of("RedriveAllowPolicy",
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + ARN_PREFIX + "allowed-source\"]}"));
        sqs.setQueueAttributes(b -> b.queueUrl(allowed).attributesWithStrings(
                Map.of("RedrivePolicy", redrive("guarded-dlq", 2))));
        String other = queue("other-source", Map.of());
        fails(SqsException.class, "InvalidParameterValue", () -> sqs.setQueueAttributes(b -> b.queueUrl(other)
                .attributesWithStrings(Map.of("RedrivePolicy", redrive("guarded-dlq", 2)))));
        assertThat(SqsTesting.attribute(sqs, other, QueueAttributeName.REDRIVE_POLICY)).as("nothing stored").isNull();

        queue("closed-dlq", Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"));
        fails(SqsException.class, "InvalidParameterValue", () -> queue("denied-source",
                Map.of("RedrivePolicy", redrive("closed-dlq", 2))));
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("denied-source")).queueUrls()).isEmpty();
    }

    @Test
    void aMoveTaskReturnsDeadLettersToTheirSource() {
        String dlq = queue("moved-dlq", Map.of());
        String source = queue("moved-source", Map.of("RedrivePolicy", redrive("moved-dlq", 1)));
        for (String body : List.of("first", "second")) {
            sqs.sendMessage(b -> b.queueUrl(source).messageBody(body));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            receiveOnce(source);
            return SqsTesting.attribute(sqs, dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("2");
        });

        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(ARN_PREFIX + "moved-dlq")).taskHandle();
        assertThat(handle).isNotBlank();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(b -> b
                    .sourceArn(ARN_PREFIX + "moved-dlq")).results();
            assertThat(tasks).first().satisfies(t -> {
                assertThat(t.status()).isEqualTo("COMPLETED");
                assertThat(t.approximateNumberOfMessagesMoved()).isEqualTo(2L);
                assertThat(t.approximateNumberOfMessagesToMove()).isEqualTo(2L);
                assertThat(t.sourceArn()).isEqualTo(ARN_PREFIX + "moved-dlq");
            });
        });
        List<Message> back = receive(sqs, source, 2, Duration.ofSeconds(5));
        assertThat(back).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
        assertThat(SqsTesting.attribute(sqs, dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void aMoveTaskNeedsADeadLetterQueueAndAnExistingDestination() {
        queue("not-a-dlq", Map.of());
        SqsException notDlq = fails(SqsException.class, "InvalidParameterValue",
                () -> sqs.startMessageMoveTask(b -> b.sourceArn(ARN_PREFIX + "not-a-dlq")));
        assertThat(message(notDlq)).isEqualTo("Source queue must be configured as a Dead Letter Queue.");

        queue("lonely-dlq", Map.of());
        queue("lonely-source", Map.of("RedrivePolicy", redrive("lonely-dlq", 1)));
        ResourceNotFoundException missing = catchNotFound(() -> sqs.startMessageMoveTask(b -> b
                .sourceArn(ARN_PREFIX + "lonely-dlq").destinationArn(ARN_PREFIX + "no-such-queue")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(message(missing))
                .isEqualTo("The resource that you specified for the DestinationArn parameter doesn't exist.");
    }

    private static ResourceNotFoundException catchNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        ResourceNotFoundException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ResourceNotFoundException.class, call);
        assertThat(e).as("expected ResourceNotFoundException").isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        return e;
    }
}
