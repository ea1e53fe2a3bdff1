package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task states' integrations against real functions, queues and buses of Lamina: lambda:invoke and the
 * function ARN form, sqs:sendMessage (and its callback), events:putEvents, nested executions, and the
 * aws-sdk form. Results and errors are compared with what AWS records (see the conformance cases).
 */
class StepFunctionsTasksIT extends ServerPerClass {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static SfnClient sfn;
    static SqsClient sqs;

    @BeforeAll
    static void fixtures() {
        sfn = StepFunctionsTesting.sfn(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        python("sfn-echo", "def handler(event, context):\n    return event\n");
        python("sfn-raise", "def handler(event, context):\n    raise Exception(\"Some exception was raised.\")\n");
    }

    @AfterAll
    static void close() {
        sfn.close();
        sqs.close();
    }

    static void python(String name, String source) {
        byte[] zip = Packages.zip(Map.of("handler.py", new Packages.Entry(source.getBytes(StandardCharsets.UTF_8), 0644)));
        Functions.create(lambda, name, "python3.12", "handler.handler", zip, b -> {
        });
    }

    static String machine(String definition) {
        return sfn.createStateMachine(b -> b.name("m-" + UUID.randomUUID()).roleArn(StepFunctionsTesting.ROLE)
                .definition(definition)).stateMachineArn();
    }

    /** Runs {@code definition} with {@code input} to its end. */
    static DescribeExecutionResponse run(String definition, String input) {
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine(definition)).input(input)).executionArn();
        return await(arn);
    }

    static DescribeExecutionResponse await(String executionArn) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
                return d;
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Functions.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String task(String resource, String parameters) {
        return """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","Parameters":%s,"End":true}}}"""
                .formatted(resource, parameters);
    }

    @Test
    void lambdaInvokeAnswersThePayloadWithLambdasFields() {
        var d = run(task("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"sfn-echo\",\"Payload.$\":\"$\"}"),
                "{\"a\":[1,2]}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(d.output());
        assertThat(out.get("Payload")).isEqualTo(json("{\"a\":[1,2]}"));
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(out.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(out.at("/SdkResponseMetadata/RequestId").asText()).isNotEmpty();
    }

    @Test
    void aFunctionErrorFailsTheExecutionWithItsTypeAndDocument() {
        var d = run(task("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"sfn-raise\",\"Payload\":null}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Exception");
        JsonNode cause = json(d.cause());
        assertThat(cause.get("errorType").asText()).isEqualTo("Exception");
        assertThat(cause.get("errorMessage").asText()).isEqualTo("Some exception was raised.");
        assertThat(cause.has("requestId")).isTrue();
    }

    @Test
    void aMissingFunctionIsLambdaResourceNotFoundException() {
        var d = run(task("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"no_such_fn\"}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(d.cause()).startsWith("Function not found: arn:aws:lambda:" + TestServer.REGION + ":"
                + TestServer.ACCOUNT + ":function:no_such_fn:$LATEST (Service: AWSLambda; Status Code: 404; "
                + "Error Code: ResourceNotFoundException; Request ID: ");
    }

    @Test
    void theFunctionArnFormAnswersTheResponseItselfWithLambdaFunctionEvents() {
        String arn = "arn:aws:lambda:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":function:sfn-echo";
        String machine = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(arn));
        String exec = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"x\":1}")).executionArn();
        var d = await(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(d.output())).isEqualTo(json("{\"x\":1}"));
        List<String> types = sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                .map(HistoryEvent::typeAsString).toList();
        assertThat(types).contains("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded");
    }

    @Test
    void sqsSendMessageSendsAndAnswersSqsFields() {
        String url = sqs.createQueue(b -> b.queueName("sfn-send")).queueUrl();
        var d = run(task("arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody.$\":\"$\"}"),
                "{\"hello\":\"world\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(d.output());
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages();
        assertThat(got).hasSize(1);
        assertThat(json(got.getFirst().body())).isEqualTo(json("{\"hello\":\"world\"}"));
        assertThat(out.get("MessageId").asText()).isEqualTo(got.getFirst().messageId());
        assertThat(out.get("MD5OfMessageBody").asText()).isEqualTo(got.getFirst().md5OfBody());
        assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    }

    @Test
    void sqsWithoutMessageBodyIsAmazonSqsException() {
        String url = sqs.createQueue(b -> b.queueName("sfn-empty")).queueUrl();
        var d = run(task("arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":null}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("SQS.AmazonSQSException");
        assertThat(d.cause()).startsWith("The request must contain the parameter MessageBody. (Service: AmazonSQS; "
                + "Status Code: 400; Error Code: MissingParameter; Request ID: ");
    }

    @Test
    void sqsWaitForTaskTokenWaitsForTheCallback() {
        String url = sqs.createQueue(b -> b.queueName("sfn-callback")).queueUrl();
        String machine = machine(task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "{\"QueueUrl\":\"" + url
                + "\",\"MessageBody\":{\"Token.$\":\"$$.Task.Token\"}}"));
        String exec = sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
        assertThat(got).hasSize(1);
        String token = json(got.getFirst().body()).get("Token").asText();
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("\"done\""));
        var d = await(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("\"done\"");
    }

    @Test
    void putEventsAnswersTheEventIds() {
        var d = run(task("arn:aws:states:::events:putEvents",
                "{\"Entries\":[{\"Source\":\"some.source\",\"DetailType\":\"t\",\"Detail\":{\"Message\":\"Hi\"}}]}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(d.output());
        assertThat(out.get("FailedEntryCount").asInt()).isZero();
        assertThat(out.at("/Entries/0/EventId").asText()).isNotEmpty();
    }

    @Test
    void putEventsWithAFailedEntryIsEventBridgeFailedEntry() {
        var d = run(task("arn:aws:states:::events:putEvents",
                "{\"Entries\":[{\"DetailType\":\"t\",\"Detail\":{\"Message\":\"Hi\"}}]}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("EventBridge.FailedEntry");
        assertThat(json(d.cause()).get("FailedEntryCount").asInt()).isEqualTo(1);
    }

    @Test
    void startExecutionSync2AnswersTheChildsOutputAsJson() {
        String child = machine("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"Arg1\":\"a\"},\"End\":true}}}");
        var d = run(task("arn:aws:states:::states:startExecution.sync:2", "{\"StateMachineArn\":\"" + child
                + "\",\"Input\":{\"in\":1},\"Name\":\"kid\"}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(d.output());
        assertThat(out.get("Output")).isEqualTo(json("{\"Arg1\":\"a\"}"));
        assertThat(out.get("Input")).isEqualTo(json("{\"in\":1}"));
        assertThat(out.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.get("Name").asText()).isEqualTo("kid");
    }

    @Test
    void startExecutionSyncOfAFailingChildIsStatesTaskFailed() {
        String child = machine("{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"SomeFailure\","
                + "\"Cause\":\"It failed.\"}}}");
        var d = run(task("arn:aws:states:::states:startExecution.sync", "{\"StateMachineArn\":\"" + child + "\"}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = json(d.cause());
        assertThat(cause.get("Error").asText()).isEqualTo("SomeFailure");
        assertThat(cause.get("Cause").asText()).isEqualTo("It failed.");
        assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
    }

    @Test
    void awsSdkSfnSendTaskFailureWithNoSuchTokenIsSfnInvalidTokenException() {
        var d = run(task("arn:aws:states:::aws-sdk:sfn:sendTaskFailure", "{\"TaskToken\":\"NoSuchTaskToken\"}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Sfn.InvalidTokenException");
        assertThat(d.cause()).contains("(Service: Sfn, Status Code: 400, Request ID: ").endsWith("(SDK Attempt Count: 1)");
    }

    @Test
    void awsSdkSqsAnswersTheOperationsOutputInPascalCase() {
        String url = sqs.createQueue(b -> b.queueName("sfn-sdk")).queueUrl();
        var d = run(task("arn:aws:states:::aws-sdk:sqs:getQueueUrl", "{\"QueueName\":\"sfn-sdk\"}"), "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(d.output()).get("QueueUrl").asText()).endsWith("/sfn-sdk");
        assertThat(url).endsWith("/sfn-sdk");
    }
}
