package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A python function reaches Lamina's SQS from inside its sandbox with boto3, configured only by its
 * environment (AWS_ENDPOINT_URL, region, its execution role's session credentials): it looks a
 * queue up, sends to it and receives from another; the test is on the other end of both.
 */
class SqsFromFunctionIT extends ServerPerClass {
    static final String SENDER_ROLE = "arn:aws:iam::000000000000:role/sqs-sender";
    static final String BYSTANDER_ROLE = "arn:aws:iam::000000000000:role/no-sqs";
    static SqsClient sqs;

    @BeforeAll
    static void roleQueuesAndFunction() {
        sqs = server.sqs();
        new Admin(server).ok("create-role", "sqs-sender", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*",
                 "Resource":"arn:aws:sqs:us-east-1:000000000000:fn-*"}]}""");
        new Admin(server).ok("create-role", "no-sqs", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:GetFunction",
                 "Resource":"*"}]}""");
        sqs.createQueue(b -> b.queueName("fn-outbox"));
        sqs.createQueue(b -> b.queueName("fn-inbox"));
        byte[] zip = Boto3.bundledWith(Map.of("sender.py", Packages.resource("fixtures/python-sqs/sender.py", 0644)));
        Functions.create(lambda, "sqs-sender", "python3.12", "sender.handler", zip,
                b -> b.role(SENDER_ROLE).timeout(30).memorySize(256));
        Functions.create(lambda, "sqs-bystander", "python3.12", "sender.handler", zip,
                b -> b.role(BYSTANDER_ROLE).timeout(30).memorySize(256));
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    @Test
    void aFunctionSendsWithBoto3AndTheTestReceives() {
        String inbox = sqs.getQueueUrl(b -> b.queueName("fn-inbox")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(inbox).messageBody("for the function"));

        Functions.Invocation r = Functions.invoke(lambda, "sqs-sender",
                "{\"queue\":\"fn-outbox\",\"body\":\"hello from python\",\"receiveFrom\":\"fn-inbox\"}");
        assertThat(r.response().functionError()).as(r.payload() + "\n" + r.log()).isNull();
        JsonNode out = r.json();
        assertThat(out.path("received").asText()).isEqualTo("for the function");
        assertThat(out.path("md5").asText()).isEqualTo(SqsTesting.md5Hex("hello from python"));
        assertThat(out.path("queueUrl").asText()).endsWith("/" + TestServer.ACCOUNT + "/fn-outbox");

        String outbox = sqs.getQueueUrl(b -> b.queueName("fn-outbox")).queueUrl();
        List<Message> got = SqsTesting.receive(sqs, outbox, 1, Duration.ofSeconds(10));
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(out.path("messageId").asText());
            assertThat(m.body()).isEqualTo("hello from python");
            assertThat(m.messageAttributes().get("from").stringValue()).isEqualTo("sqs-sender");
        });
        assertThat(SqsTesting.receive(sqs, inbox, 1, Duration.ofSeconds(1))).as("the function deleted it").isEmpty();
    }

    @Test
    void aRoleWithoutSqsPermissionIsDenied() {
        Functions.Invocation r = Functions.invoke(lambda, "sqs-bystander",
                "{\"queue\":\"fn-outbox\",\"body\":\"not allowed\"}");
        assertThat(r.response().functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("ClientError");
        assertThat(r.json().path("errorMessage").asText()).contains("AccessDenied")
                .contains("assumed-role/no-sqs/sqs-bystander");
    }
}
