package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

import java.util.ArrayList;
import java.util.List;

import static dev.lamina.it.SqsTesting.fails;
import static dev.lamina.it.SqsTesting.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQS's errors as the AWS SDK v2 sees them: the modelled exception class (from the JSON body's
 * __type), the error code (SQS's query-compatible code, from x-amzn-query-error), AWS's message; and
 * nothing changed by a refused request.
 */
class SqsErrorsIT extends ServerPerClass {
    static SqsClient sqs;
    static String url;

    @BeforeAll
    static void queue() {
        sqs = server.sqs();
        url = sqs.createQueue(b -> b.queueName("errors")).queueUrl();
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    static void stillEmpty() {
        assertThat(SqsTesting.attribute(sqs, url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void anUnknownQueueIsQueueDoesNotExist() {
        String missing = url.replace("/errors", "/no-such-queue");
        QueueDoesNotExistException e = fails(QueueDoesNotExistException.class,
                "AWS.SimpleQueueService.NonExistentQueue", () -> sqs.sendMessage(b -> b.queueUrl(missing).messageBody("x")));
        assertThat(message(e)).isEqualTo("The specified queue does not exist.");
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-query-error"))
                .hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
    }

    @Test
    void outOfRangeParametersAreInvalidParameterValue() {
        SqsException max = fails(SqsException.class, "InvalidParameterValue",
                () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)));
        assertThat(message(max)).isEqualTo(
                "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        SqsException wait = fails(SqsException.class, "InvalidParameterValue",
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)));
        assertThat(message(wait)).isEqualTo(
                "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        SqsException empty = fails(SqsException.class, "InvalidParameterValue", () -> sqs.sendMessage(b -> b
                .queueUrl(url).messageBody("x").messageAttributes(java.util.Map.of("empty",
                        software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String")
                                .stringValue("").build()))));
        assertThat(message(empty)).isEqualTo(
                "Message (user) attribute 'empty' must contain a non-empty value of type 'String'.");
        stillEmpty();
    }

    @Test
    void anOversizedBodyIsRefused() {
        String body = "x".repeat(1_048_577);
        SqsException e = fails(SqsException.class, "InvalidParameterValue",
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)));
        assertThat(message(e)).isEqualTo(
                "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.");
        stillEmpty();
        // The largest message AWS takes is accepted.
        String largest = "y".repeat(1_048_576);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(largest));
        var got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
        assertThat(got).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(largest));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
    }

    @Test
    void anEmptyBodyIsAMissingParameter() {
        SqsException e = fails(SqsException.class, "MissingParameter",
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("")));
        assertThat(message(e)).isEqualTo("The request must contain the parameter MessageBody.");
    }

    @Test
    void badBatchesAreRefusedWhole() {
        fails(BatchEntryIdsNotDistinctException.class, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                        e -> e.id("same").messageBody("a"), e -> e.id("same").messageBody("b"))));
        fails(EmptyBatchRequestException.class, "AWS.SimpleQueueService.EmptyBatchRequest",
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())));
        List<SendMessageBatchRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m").build());
        }
        TooManyEntriesInBatchRequestException many = fails(TooManyEntriesInBatchRequestException.class,
                "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(eleven)));
        assertThat(message(many)).isEqualTo("Maximum number of entries per request are 10. You have sent 11.");
        InvalidBatchEntryIdException id = fails(InvalidBatchEntryIdException.class,
                "AWS.SimpleQueueService.InvalidBatchEntryId",
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("not valid!").messageBody("a"))));
        assertThat(message(id)).isEqualTo("A batch entry id can only contain alphanumeric characters, hyphens and"
                + " underscores. It can be at most 80 letters long.");
        stillEmpty();
    }

    @Test
    void aMalformedReceiptHandleIsReceiptHandleIsInvalid() {
        ReceiptHandleIsInvalidException e = fails(ReceiptHandleIsInvalidException.class, "ReceiptHandleIsInvalid",
                () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("not-a-handle")));
        assertThat(message(e)).isEqualTo("The input receipt handle \"not-a-handle\" is not a valid receipt handle.");
        fails(ReceiptHandleIsInvalidException.class, "ReceiptHandleIsInvalid", () -> sqs.changeMessageVisibility(b -> b
                .queueUrl(url).receiptHandle("not-a-handle").visibilityTimeout(5)));
    }

    @Test
    void anUnknownOperationIsTheProtocolsOwnError() throws Exception {
        RawHttp http = new RawHttp(server.endpoint());
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var response = http.send(http.request("POST", "/", java.util.Map.of("X-Amz-Target", "AmazonSQS.NoSuchThing",
                        "Content-Type", "application/x-amz-json-1.0"), body,
                RawHttp.Signing.root().withScope(TestServer.REGION, "sqs"),
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("__type").asText()).endsWith("UnknownOperationException");
    }
}
