package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.lamina.it.SqsTesting.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws sqs …} with {@code --endpoint-url}, as a user types it: each command's exit code and JSON. */
class SqsCliIT extends ServerPerClass {
    @TempDir
    static Path home;
    static AwsCli aws;

    @BeforeAll
    static void cli() {
        aws = new AwsCli(server.endpoint(), home);
    }

    @Test
    void aQueuesMessagesThroughTheCli() {
        JsonNode created = aws.sqs("create-queue", "--queue-name", "cli-queue",
                "--attributes", "VisibilityTimeout=40").succeeded().json();
        String url = created.path("QueueUrl").asText();
        assertThat(url).endsWith("/" + TestServer.ACCOUNT + "/cli-queue");

        JsonNode sent = aws.sqs("send-message", "--queue-url", url, "--message-body", "from the cli",
                "--message-attributes", "{\"source\":{\"DataType\":\"String\",\"StringValue\":\"cli\"}}")
                .succeeded().json();
        assertThat(sent.path("MD5OfMessageBody").asText()).isEqualTo(md5Hex("from the cli"));
        assertThat(sent.path("MD5OfMessageAttributes").asText()).hasSize(32);

        JsonNode attributes = aws.sqs("get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                .succeeded().json().path("Attributes");
        assertThat(attributes.path("QueueArn").asText()).isEqualTo(SqsTesting.ARN_PREFIX + "cli-queue");
        assertThat(attributes.path("VisibilityTimeout").asText()).isEqualTo("40");
        assertThat(attributes.path("ApproximateNumberOfMessages").asText()).isEqualTo("1");

        JsonNode received = aws.sqs("receive-message", "--queue-url", url, "--wait-time-seconds", "2",
                "--message-attribute-names", "All", "--attribute-names", "All").succeeded().json();
        JsonNode message = received.path("Messages").path(0);
        assertThat(message.path("MessageId").asText()).isEqualTo(sent.path("MessageId").asText());
        assertThat(message.path("Body").asText()).isEqualTo("from the cli");
        assertThat(message.path("MessageAttributes").path("source").path("StringValue").asText()).isEqualTo("cli");
        assertThat(message.path("Attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");

        aws.sqs("delete-message", "--queue-url", url, "--receipt-handle", message.path("ReceiptHandle").asText())
                .succeeded();
        JsonNode after = aws.sqs("get-queue-attributes", "--queue-url", url, "--attribute-names",
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible").succeeded().json();
        assertThat(after.path("Attributes").path("ApproximateNumberOfMessages").asText()).isEqualTo("0");
        assertThat(after.path("Attributes").path("ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("0");
    }

    @Test
    void anErrorIsReportedAsAwsReportsIt() {
        AwsCli.Result r = aws.sqs("get-queue-url", "--queue-name", "cli-no-such-queue");
        assertThat(r.exitCode()).as("a service error: 255 in CLI v1, 254 in v2").isIn(254, 255);
        assertThat(r.stderr()).contains("AWS.SimpleQueueService.NonExistentQueue")
                .contains("The specified queue does not exist");
    }
}
