package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceInUseException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Event source mappings end to end: the Lambda API's mapping operations (SDK and CLI), and Lamina's
 * own queues driving real Node.js functions, observed through the functions' logs and the queues.
 */
class EventSourceMappingIT extends ServerPerClass {
    /** Logs each batch; throws on a body starting with "poison"; reports bodies starting with "fail". */
    static final String CONSUMER = """
            exports.handler = async (event) => {
              const bodies = event.Records.map(r => r.body);
              console.log('BATCH ' + JSON.stringify({bodies: bodies, first: event.Records[0]}));
              if (bodies.some(b => b.startsWith('poison'))) { throw new Error('poisoned'); }
              return {batchItemFailures: event.Records.filter(r => r.body.startsWith('fail'))
                  .map(r => ({itemIdentifier: r.messageId}))};
            };
            """;
    /** Holds each batch for a second and logs when it ran. */
    static final String SLOW = """
            exports.handler = async (event) => {
              const start = Date.now();
              await new Promise(r => setTimeout(r, 1000));
              console.log('SPAN ' + start + ' ' + Date.now());
              return {};
            };
            """;

    static SqsClient sqs;

    @BeforeAll
    static void deploy() {
        sqs = server.sqs();
        for (String name : List.of("consumer", "partial", "poisoned", "filtered", "crud", "cli")) {
            Functions.create(lambda, name, "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", CONSUMER)),
                    b -> b.timeout(3));
        }
        Functions.create(lambda, "slow", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", SLOW)),
                b -> b.timeout(5));
        Functions.create(lambda, "long", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", SLOW)),
                b -> b.timeout(120));
    }

    @AfterAll
    static void closeSqs() {
        sqs.close();
    }

    static String queue(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    static String url(String arn) {
        return sqs.getQueueUrl(b -> b.queueName(arn.substring(arn.lastIndexOf(':') + 1))).queueUrl();
    }

    static void send(String arn, String... bodies) {
        String url = url(arn);
        for (String body : bodies) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
    }

    /** Visible plus in flight plus delayed: what the queue still holds. */
    static int held(String arn) {
        var a = sqs.getQueueAttributes(b -> b.queueUrl(url(arn)).attributeNames(QueueAttributeName.ALL)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    static String enabled(String uuid) {
        await().atMost(Duration.ofSeconds(20)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()
                .equals("Enabled"));
        return uuid;
    }

    /** Every body the function's batches held, in the order they were logged. */
    static List<String> bodies(String function) {
        List<String> out = new ArrayList<>();
        for (JsonNode batch : batches(function)) {
            batch.get("bodies").forEach(b -> out.add(b.asText()));
        }
        return out;
    }

    static List<JsonNode> batches(String function) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Logs.lines(server, function)) {
            int at = line.indexOf("BATCH ");
            if (at >= 0) {
                try {
                    out.add(Functions.JSON.readTree(line.substring(at + 6)));
                } catch (Exception e) {
                    throw new AssertionError(line, e);
                }
            }
        }
        return out;
    }

    @Test
    void aMappingIsCreatingThenEnabledAndEchoesItsSettings() {
        String q = queue("crud-queue", Map.of());
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b.functionName("crud")
                .eventSourceArn(q).maximumBatchingWindowInSeconds(1).batchSize(50)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .scalingConfig(s -> s.maximumConcurrency(5))
                .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"a\"]}}"))));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(created.state()).isEqualTo("Creating");
        assertThat(created.uuid()).matches("[0-9a-f-]{36}");
        assertThat(created.eventSourceArn()).isEqualTo(q);
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:crud");
        assertThat(created.batchSize()).isEqualTo(50);
        assertThat(created.maximumBatchingWindowInSeconds()).isEqualTo(1);
        assertThat(created.functionResponseTypes()).containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
        assertThat(created.scalingConfig().maximumConcurrency()).isEqualTo(5);
        assertThat(created.filterCriteria().filters().getFirst().pattern()).isEqualTo("{\"body\":{\"kind\":[\"a\"]}}");
        assertThat(created.stateTransitionReason()).isEqualTo("USER_INITIATED");
        assertThat(created.lastModified()).isNotNull();
        assertThat(created.eventSourceMappingArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());
        String uuid = enabled(created.uuid());

        assertThat(lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false)).state()).isEqualTo("Disabling");
        await().atMost(Duration.ofSeconds(20)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()
                .equals("Disabled"));
        assertThat(lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true)).state()).isEqualTo("Enabling");
        enabled(uuid);
        var updated = lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(20));
        assertThat(updated.state()).isEqualTo("Updating");
        assertThat(updated.batchSize()).isEqualTo(20);
        enabled(uuid);

        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(q)).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactly(uuid);
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("crud")).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactly(uuid);
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("consumer").eventSourceArn(q))
                .eventSourceMappings()).isEmpty();

        assertThat(lambda.deleteEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Deleting");
        await().atMost(Duration.ofSeconds(20)).until(() -> catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.getEventSourceMapping(b -> b.uuid(uuid))) != null);
    }

    @Test
    void badRequestsGetAwsErrorsAndLeaveNothingBehind() {
        String q = queue("refusals", Map.of());
        InvalidParameterValueException window = catchThrowableOfType(InvalidParameterValueException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("crud").eventSourceArn(q).batchSize(11)));
        assertThat(window.awsErrorDetails().errorMessage()).isEqualTo(
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
        InvalidParameterValueException visibility = catchThrowableOfType(InvalidParameterValueException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("long").eventSourceArn(q)));
        assertThat(visibility.awsErrorDetails().errorMessage())
                .isEqualTo("Queue visibility timeout: 30 seconds is less than Function timeout: 120 seconds");
        InvalidParameterValueException noQueue = catchThrowableOfType(InvalidParameterValueException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("crud")
                        .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:no-such-queue")));
        assertThat(noQueue.awsErrorDetails().errorMessage()).contains("NonExistentQueue");
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("nobody").eventSourceArn(q)))).isNotNull();
        LambdaException range = catchThrowableOfType(LambdaException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("crud").eventSourceArn(q).batchSize(0)));
        assertThat(range.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        InvalidParameterValueException pattern = catchThrowableOfType(InvalidParameterValueException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("crud").eventSourceArn(q)
                        .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\": 5}")))));
        assertThat(pattern.awsErrorDetails().errorMessage()).isEqualTo("Invalid filter pattern definition.");
        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(q)).eventSourceMappings()).isEmpty();

        String uuid = lambda.createEventSourceMapping(b -> b.functionName("crud").eventSourceArn(q)).uuid();
        assertThat(catchThrowableOfType(ResourceConflictException.class,
                () -> lambda.createEventSourceMapping(b -> b.functionName("crud").eventSourceArn(q)))
                .awsErrorDetails().errorMessage()).contains("already exists").contains(uuid);
        enabled(uuid);
        lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
        ResourceInUseException inUse = catchThrowableOfType(ResourceInUseException.class,
                () -> lambda.deleteEventSourceMapping(b -> b.uuid(uuid)));
        if (inUse != null) { // the poller may already have stopped; then the delete simply works
            assertThat(inUse.awsErrorDetails().errorMessage())
                    .isEqualTo("Cannot delete the event source mapping because it is in use.");
        }
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.getEventSourceMapping(b -> b.uuid("00000000-0000-0000-0000-000000000000")))).isNotNull();
    }

    @Test
    void everyMessageReachesTheFunctionInBatchesAndIsThenDeleted() {
        String q = queue("flow", Map.of());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add("m-" + i);
        }
        send(q, sent.toArray(String[]::new));
        enabled(lambda.createEventSourceMapping(b -> b.functionName("consumer").eventSourceArn(q).batchSize(10)
                .maximumBatchingWindowInSeconds(1)).uuid());
        await().atMost(Duration.ofSeconds(60)).until(() -> bodies("consumer").containsAll(sent));
        await().atMost(Duration.ofSeconds(20)).until(() -> held(q) == 0);
        assertThat(batches("consumer")).allSatisfy(b -> assertThat(b.get("bodies").size()).isBetween(1, 10));
        JsonNode record = batches("consumer").getFirst().get("first");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(q);
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.get("md5OfBody").asText()).isEqualTo(SqsTesting.md5Hex(record.get("body").asText()));
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.has("receiptHandle")).isTrue();
    }

    @Test
    void withReportBatchItemFailuresOnlyFailedMessagesReturnAndRedriveAfterExactlyMaxReceiveCount() {
        String dlq = queue("partial-dlq", Map.of());
        String q = queue("partial-queue", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":\"2\"}"));
        send(q, "ok-1", "fail-1", "ok-2");
        enabled(lambda.createEventSourceMapping(b -> b.functionName("partial").eventSourceArn(q)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid());
        String dlqUrl = url(dlq);
        await().atMost(Duration.ofSeconds(60)).until(() -> held(dlq) == 1);
        var moved = sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages();
        assertThat(moved).extracting(m -> m.body()).containsExactly("fail-1");
        List<String> seen = bodies("partial");
        assertThat(seen.stream().filter("fail-1"::equals)).hasSize(2);
        assertThat(seen.stream().filter("ok-1"::equals)).hasSize(1);
        assertThat(seen.stream().filter("ok-2"::equals)).hasSize(1);
        assertThat(held(q)).isZero();
    }

    @Test
    void aPoisonMessageIsSeenExactlyMaxReceiveCountTimesThenMovesToTheDeadLetterQueueUnchanged() {
        String dlq = queue("poison-dlq", Map.of());
        String q = queue("poison-queue", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":\"3\"}"));
        send(q, "poison-pill");
        String uuid = enabled(lambda.createEventSourceMapping(b -> b.functionName("poisoned").eventSourceArn(q)).uuid());
        await().atMost(Duration.ofSeconds(60)).until(() -> held(dlq) == 1);
        assertThat(bodies("poisoned")).containsExactly("poison-pill", "poison-pill", "poison-pill");
        String dlqUrl = url(dlq);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages()).extracting(m -> m.body())
                .containsExactly("poison-pill");
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                .isEqualTo("PROBLEM: Function call failed");
    }

    @Test
    void messagesNoFilterMatchesAreDeletedAndNeverReachTheFunction() {
        String q = queue("filters", Map.of());
        enabled(lambda.createEventSourceMapping(b -> b.functionName("filtered").eventSourceArn(q)
                .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"keep\"]}}")))).uuid());
        send(q, "{\"kind\":\"drop\",\"n\":1}", "{\"kind\":\"keep\",\"n\":2}", "not json at all");
        await().atMost(Duration.ofSeconds(30)).until(() -> held(q) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bodies("filtered").isEmpty());
        assertThat(bodies("filtered")).containsExactly("{\"kind\":\"keep\",\"n\":2}");
    }

    @Test
    void aBacklogReachesMaximumConcurrency() {
        String q = queue("backlog", Map.of());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            many.add("job-" + i);
        }
        send(q, many.toArray(String[]::new));
        enabled(lambda.createEventSourceMapping(b -> b.functionName("slow").eventSourceArn(q).batchSize(1)
                .scalingConfig(s -> s.maximumConcurrency(3))).uuid());
        await().atMost(Duration.ofSeconds(90)).until(() -> held(q) == 0);
        List<long[]> spans = new ArrayList<>();
        for (String line : Logs.lines(server, "slow")) {
            int at = line.indexOf("SPAN ");
            if (at >= 0) {
                String[] parts = line.substring(at + 5).trim().split(" ");
                spans.add(new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
        }
        int most = 0;
        for (long[] s : spans) {
            int overlapping = 0;
            for (long[] o : spans) {
                if (o[0] <= s[0] && s[0] < o[1]) {
                    overlapping++;
                }
            }
            most = Math.max(most, overlapping);
        }
        assertThat(spans).hasSize(24);
        assertThat(most).isEqualTo(3);
    }

    @Test
    void theCliCreatesListsAndDeletesMappings(@TempDir Path home) {
        String q = queue("cli-queue", Map.of());
        AwsCli cli = new AwsCli(server.endpoint(), home);
        JsonNode created = cli.lambda("create-event-source-mapping", "--function-name", "cli", "--event-source-arn", q,
                "--batch-size", "5").succeeded().json();
        assertThat(created.get("State").asText()).isEqualTo("Creating");
        assertThat(created.get("BatchSize").asInt()).isEqualTo(5);
        String uuid = created.get("UUID").asText();
        enabled(uuid);
        JsonNode listed = cli.lambda("list-event-source-mappings", "--function-name", "cli").succeeded().json();
        assertThat(listed.get("EventSourceMappings").get(0).get("UUID").asText()).isEqualTo(uuid);
        assertThat(cli.lambda("delete-event-source-mapping", "--uuid", uuid).succeeded().json().get("State").asText())
                .isEqualTo("Deleting");
        AwsCli.Result missing = cli.lambda("get-event-source-mapping", "--uuid", "00000000-0000-0000-0000-000000000000");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException");
    }
}
