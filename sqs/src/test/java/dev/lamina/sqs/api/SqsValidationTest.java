package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's refusals: AWS's codes, query codes and wording, and nothing changed by a refused call. */
class SqsValidationTest extends SqsApiTest {

    private String q(String url) {
        return "{\"QueueUrl\":\"" + url + "\"";
    }

    private int visible(String name) {
        return call("GetQueueAttributes", q(ENDPOINT + "/000000000000/" + name) + ",\"AttributeNames\":[\"ApproximateNumberOfMessages\"]}")
                .get("Attributes").get("ApproximateNumberOfMessages").asInt();
    }

    @Test
    void receiveLimitsAreAwsOwn() {
        String url = create("q");
        ServiceException max = error("ReceiveMessage", q(url) + ",\"MaxNumberOfMessages\":11}");
        assertThat(max.code()).isEqualTo("InvalidParameterValue");
        assertThat(max.getMessage()).isEqualTo("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        assertThat(error("ReceiveMessage", q(url) + ",\"WaitTimeSeconds\":21}").getMessage())
                .isEqualTo("Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    }

    @Test
    void aBodyWithForbiddenCharactersIsRefused() {
        String url = create("q");
        ServiceException e = error("SendMessage", q(url) + ",\"MessageBody\":\"a\\u0000b\"}");
        assertThat(e.code()).isEqualTo("InvalidMessageContents");
        assertThat(e.getMessage()).startsWith("Invalid binary character '#x0' was found in the message body");
        assertThat(visible("q")).isZero();
    }

    @Test
    void batchRequestsAreCheckedAsAWhole() {
        String url = create("q");
        ServiceException empty = error("SendMessageBatch", q(url) + ",\"Entries\":[]}");
        assertThat(empty.code()).isEqualTo("EmptyBatchRequest");
        assertThat(empty.queryCodeOrCode()).isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");
        StringBuilder eleven = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"Id\":\"e").append(i).append("\",\"MessageBody\":\"x\"}");
        }
        assertThat(error("SendMessageBatch", q(url) + ",\"Entries\":[" + eleven + "]}").getMessage())
                .isEqualTo("Maximum number of entries per request are 10. You have sent 11.");
        ServiceException dup = error("SendMessageBatch", q(url) + ",\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"x\"},{\"Id\":\"a\",\"MessageBody\":\"y\"}]}");
        assertThat(dup.queryCodeOrCode()).isEqualTo("AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
        assertThat(error("SendMessageBatch", q(url) + ",\"Entries\":[{\"Id\":\"a b\",\"MessageBody\":\"x\"}]}").code())
                .isEqualTo("InvalidBatchEntryId");
        assertThat(visible("q")).isZero();
    }

    @Test
    void aBatchFailsOnlyItsBadEntries() {
        String url = create("q");
        JsonNode r = call("SendMessageBatch", q(url) + ",\"Entries\":[{\"Id\":\"ok\",\"MessageBody\":\"x\"},"
                + "{\"Id\":\"bad\",\"MessageBody\":\"x\",\"DelaySeconds\":901}]}");
        assertThat(r.get("Successful")).hasSize(1);
        assertThat(r.get("Failed").get(0).get("Id").asText()).isEqualTo("bad");
        assertThat(r.get("Failed").get(0).get("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(r.get("Failed").get(0).get("SenderFault").asBoolean()).isTrue();
        JsonNode d = call("DeleteMessageBatch", q(url) + ",\"Entries\":[{\"Id\":\"x\",\"ReceiptHandle\":\"nope\"}]}");
        assertThat(d.get("Failed").get(0).get("Code").asText()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(d.get("Successful")).isEmpty();
    }

    @Test
    void messageAttributesFollowSqsRules() {
        String url = create("q");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":{\"DataType\":\"String\",\"StringValue\":\"v\"}");
        }
        assertThat(error("SendMessage", q(url) + ",\"MessageBody\":\"x\",\"MessageAttributes\":{" + many + "}}").getMessage())
                .isEqualTo("Number of message attributes [11] exceeds the allowed maximum [10].");
        assertThat(error("SendMessage", q(url) + ",\"MessageBody\":\"x\",\"MessageAttributes\":{\"AWS.x\":"
                + "{\"DataType\":\"String\",\"StringValue\":\"v\"}}}").code()).isEqualTo("InvalidParameterValue");
        assertThat(error("SendMessage", q(url) + ",\"MessageBody\":\"x\",\"MessageAttributes\":{\"a\":"
                + "{\"DataType\":\"Text\",\"StringValue\":\"v\"}}}").getMessage()).contains("Binary, Number, String");
        assertThat(error("SendMessage", q(url) + ",\"MessageBody\":\"x\",\"MessageAttributes\":{\"a\":"
                + "{\"DataType\":\"Number\",\"StringValue\":\"abc\"}}}").code()).isEqualTo("InvalidParameterValue");
        call("SendMessage", q(url) + ",\"MessageBody\":\"x\",\"MessageAttributes\":{\"a\":"
                + "{\"DataType\":\"Number.int\",\"StringValue\":\"12\"},\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAEC\"}}}");
        assertThat(visible("q")).isEqualTo(1);
    }

    @Test
    void createQueueIsIdempotentForTheSameAttributes() {
        String url = call("CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"VisibilityTimeout\":\"60\"}}").get("QueueUrl").asText();
        assertThat(call("CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"VisibilityTimeout\":\"60\"}}").get("QueueUrl").asText())
                .isEqualTo(url);
        assertThat(call("CreateQueue", "{\"QueueName\":\"q\"}").get("QueueUrl").asText()).isEqualTo(url);
        ServiceException e = error("CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"VisibilityTimeout\":\"61\"}}");
        assertThat(e.code()).isEqualTo("QueueNameExists");
        assertThat(e.queryCodeOrCode()).isEqualTo("QueueAlreadyExists");
        assertThat(e.getMessage()).isEqualTo("A queue already exists with the same name and a different value for attribute VisibilityTimeout");
    }

    @Test
    void queueAttributesAreCheckedByNameAndValue() {
        assertThat(error("CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"Color\":\"blue\"}}").getMessage())
                .isEqualTo("Unknown Attribute Color.");
        assertThat(error("CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"VisibilityTimeout\":\"43201\"}}").code())
                .isEqualTo("InvalidAttributeValue");
        assertThat(error("CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"ContentBasedDeduplication\":\"true\"}}").code())
                .isEqualTo("InvalidAttributeName");
        assertThat(error("CreateQueue", "{\"QueueName\":\"q.fifo\"}").code()).isEqualTo("InvalidParameterValue");
        assertThat(error("CreateQueue", "{\"QueueName\":\"bad name\"}").code()).isEqualTo("InvalidParameterValue");
        assertThat(error("GetQueueUrl", "{\"QueueName\":\"q\"}").code()).isEqualTo("QueueDoesNotExist");
    }

    @Test
    void getQueueAttributesAnswersAllOrTheNamedOnes() {
        String url = call("CreateQueue", "{\"QueueName\":\"q.fifo\",\"Attributes\":{\"FifoQueue\":\"true\"}}").get("QueueUrl").asText();
        JsonNode all = call("GetQueueAttributes", q(url) + ",\"AttributeNames\":[\"All\"]}").get("Attributes");
        assertThat(all.get("QueueArn").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q.fifo");
        assertThat(all.get("FifoQueue").asText()).isEqualTo("true");
        assertThat(all.get("ContentBasedDeduplication").asText()).isEqualTo("false");
        assertThat(all.get("MaximumMessageSize").asText()).isEqualTo("1048576");
        assertThat(all.has("CreatedTimestamp")).isTrue();
        JsonNode one = call("GetQueueAttributes", q(url) + ",\"AttributeNames\":[\"VisibilityTimeout\"]}").get("Attributes");
        assertThat(one.size()).isEqualTo(1);
        assertThat(error("GetQueueAttributes", q(url) + ",\"AttributeNames\":[\"Nope\"]}").code()).isEqualTo("InvalidAttributeName");
        call("SetQueueAttributes", q(url) + ",\"Attributes\":{\"DelaySeconds\":\"5\"}}");
        assertThat(call("GetQueueAttributes", q(url) + ",\"AttributeNames\":[\"DelaySeconds\"]}").get("Attributes").get("DelaySeconds").asText())
                .isEqualTo("5");
        assertThat(error("SetQueueAttributes", q(url) + ",\"Attributes\":{\"FifoQueue\":\"false\"}}").code()).isEqualTo("InvalidAttributeName");
    }

    @Test
    void listQueuesPagesWithMaxResultsAndNextToken() {
        for (String n : new String[] {"a", "b", "c"}) {
            create(n);
        }
        JsonNode first = call("ListQueues", "{\"MaxResults\":2}");
        assertThat(first.get("QueueUrls")).hasSize(2);
        JsonNode second = call("ListQueues", "{\"MaxResults\":2,\"NextToken\":\"" + first.get("NextToken").asText() + "\"}");
        assertThat(second.get("QueueUrls")).extracting(JsonNode::asText).containsExactly(ENDPOINT + "/000000000000/c");
        assertThat(second.has("NextToken")).isFalse();
    }

    @Test
    void tagsAndPermissionsAreKept() {
        String url = call("CreateQueue", "{\"QueueName\":\"q\",\"tags\":{\"a\":\"1\"}}").get("QueueUrl").asText();
        call("TagQueue", q(url) + ",\"Tags\":{\"b\":\"2\"}}");
        call("UntagQueue", q(url) + ",\"TagKeys\":[\"a\"]}");
        assertThat(call("ListQueueTags", q(url) + "}").get("Tags").toString()).isEqualTo("{\"b\":\"2\"}");
        call("AddPermission", q(url) + ",\"Label\":\"l1\",\"AWSAccountIds\":[\"111111111111\"],\"Actions\":[\"SendMessage\"]}");
        String policy = call("GetQueueAttributes", q(url) + ",\"AttributeNames\":[\"Policy\"]}").get("Attributes").get("Policy").asText();
        assertThat(policy).contains("\"Sid\":\"l1\"").contains("arn:aws:iam::111111111111:root").contains("SQS:SendMessage");
        assertThat(error("AddPermission", q(url) + ",\"Label\":\"l1\",\"AWSAccountIds\":[\"111111111111\"],\"Actions\":[\"SendMessage\"]}")
                .code()).isEqualTo("InvalidParameterValue");
        call("RemovePermission", q(url) + ",\"Label\":\"l1\"}");
        assertThat(call("GetQueueAttributes", q(url) + ",\"AttributeNames\":[\"Policy\"]}").path("Attributes").has("Policy")).isFalse();
    }

    @Test
    void unknownOperationsAreRefused() {
        assertThat(error("Explode", "{}").code()).isEqualTo("UnsupportedOperation");
        assertThat(api.operations()).hasSize(23);
        assertThat(api.resource("SendMessage", (com.fasterxml.jackson.databind.node.ObjectNode) call("ListQueues", "{}")))
                .isEqualTo("*");
    }
}
