package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Logs API's JSON protocol at the wire: CloudWatch's errors for bad requests, the same SigV4
 * refusals as Lambda's (signed for the {@code logs} service), IAM policies deciding {@code logs:*}
 * actions on group ARNs, and hostile bodies that never get a server error.
 */
class LogsProtocolIT extends ServerPerClass {
    static final String GROUP = "/test/protocol";
    static CloudWatchLogsClient logs;
    static RawHttp http;

    @BeforeAll
    static void group() {
        logs = server.logs();
        http = new RawHttp(server.endpoint());
        logs.createLogGroup(b -> b.logGroupName(GROUP));
        logs.createLogStream(b -> b.logGroupName(GROUP).logStreamName("s"));
    }

    static HttpResponse<String> call(String operation, String body, RawHttp.Signing signing) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-Amz-Target", "Logs_20140328." + operation,
                "Content-Type", "application/x-amz-json-1.1");
        return http.send(http.request("POST", "/", headers, bytes, signing, HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    static HttpResponse<String> call(String operation, String body) throws Exception {
        return call(operation, body, RawHttp.Signing.root().withScope(TestServer.REGION, "logs"));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return RawHttp.json(r);
    }

    @Test
    void clientErrorsAreCloudWatchsNamesWithStatus400() {
        assertThatThrownBy(() -> logs.getLogEvents(b -> b.logGroupName("/no/such/group").logStreamName("s")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified log group does not exist.");
                });
        assertThatThrownBy(() -> logs.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("retentionInDays");
        assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName(GROUP)))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("bad name!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logGroupName");
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName("missing")
                .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("x").build())))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log stream does not exist");
        String half = "h".repeat(600_000);
        long now = System.currentTimeMillis();
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName("s").logEvents(
                InputLogEvent.builder().timestamp(now).message(half).build(),
                InputLogEvent.builder().timestamp(now).message(half).build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Upload too large");
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName("s").logEvents(
                InputLogEvent.builder().timestamp(now).message("later").build(),
                InputLogEvent.builder().timestamp(now - 1).message("earlier").build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("chronological");
        assertThat(logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("s")).events())
                .as("nothing refused was stored").isEmpty();
    }

    @Test
    void theErrorDocumentIsJson11WithTypeAndRequestId() throws Exception {
        HttpResponse<String> r = call("DeleteLogGroup", "{\"logGroupName\":\"/nothing/here\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(json(r).get("message").asText()).isEqualTo("The specified log group does not exist.");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    }

    @Test
    void anUnsignedOrWronglySignedRequestIsRefusedAsLambdaRefusesIt() throws Exception {
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("X-Amz-Target", "Logs_20140328.DescribeLogGroups")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(json(unsigned).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");

        HttpResponse<String> forLambda = call("DescribeLogGroups", "{}", RawHttp.Signing.root());
        assertThat(forLambda.statusCode()).isEqualTo(403);
        assertThat(json(forLambda).get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(json(forLambda).get("message").asText()).contains("scoped to correct service: 'logs'");

        HttpResponse<String> wrongSecret = call("DescribeLogGroups", "{}", RawHttp.Signing.root()
                .withScope(TestServer.REGION, "logs").withKeys(TestServer.KEYS.accessKeyId(), "not-the-secret"));
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(json(wrongSecret).get("__type").asText()).isEqualTo("InvalidSignatureException");

        HttpResponse<String> wrongSecretCreate = call("CreateLogGroup", "{\"logGroupName\":\"/test/forged\"}",
                RawHttp.Signing.root().withScope(TestServer.REGION, "logs").withKeys("LKIANOSUCHKEY0000000", "x"));
        assertThat(wrongSecretCreate.statusCode()).isEqualTo(403);
        assertThat(json(wrongSecretCreate).get("__type").asText()).isEqualTo("UnrecognizedClientException");
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/test/forged")).logGroups()).isEmpty();
    }

    @Test
    void iamPoliciesDecideLogsActionsOnGroupArns() {
        Admin admin = new Admin(server);
        String[] keys = admin.user("log-reader", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["logs:GetLogEvents","logs:FilterLogEvents","logs:DescribeLogStreams"],
                 "Resource":"arn:aws:logs:us-east-1:000000000000:log-group:/test/protocol:*"}]}""");
        logs.createLogGroup(b -> b.logGroupName("/test/secret"));
        try (CloudWatchLogsClient reader = server.logs(keys[0], keys[1])) {
            assertThat(reader.filterLogEvents(b -> b.logGroupName(GROUP)).events()).isNotNull();
            assertThat(reader.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("s")).events()).isNotNull();
            assertThatThrownBy(() -> reader.filterLogEvents(b -> b.logGroupName("/test/secret")))
                    .isInstanceOfSatisfying(CloudWatchLogsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.getMessage()).contains("logs:FilterLogEvents")
                                .contains("arn:aws:logs:us-east-1:000000000000:log-group:/test/secret:*");
                    });
            assertThatThrownBy(() -> reader.deleteLogGroup(b -> b.logGroupName(GROUP)))
                    .isInstanceOfSatisfying(CloudWatchLogsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> reader.describeLogGroups(b -> b.limit(5)))
                    .isInstanceOfSatisfying(CloudWatchLogsException.class,
                            e -> assertThat(e.getMessage()).contains("log-group:*"));
        }
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(GROUP)).logGroups()).isNotEmpty();
    }

    @Test
    void theStandardExecutionRolePolicyOnGroupArnColonStarGrantsTheGroupAndItsStreams() {
        Admin admin = new Admin(server);
        String[] keys = admin.user("fn-role", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","logs:DescribeLogStreams"],
                 "Resource":"arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/fn:*"}]}""");
        try (CloudWatchLogsClient role = server.logs(keys[0], keys[1])) {
            role.createLogGroup(b -> b.logGroupName("/aws/lambda/fn"));
            role.createLogStream(b -> b.logGroupName("/aws/lambda/fn").logStreamName("2026/01/01/[$LATEST]abc"));
            role.putLogEvents(b -> b.logGroupName("/aws/lambda/fn").logStreamName("2026/01/01/[$LATEST]abc")
                    .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("hi").build()));
            assertThat(role.describeLogStreams(b -> b.logGroupName("/aws/lambda/fn")).logStreams()).hasSize(1);
            assertThatThrownBy(() -> role.createLogGroup(b -> b.logGroupName("/aws/lambda/other")))
                    .isInstanceOfSatisfying(CloudWatchLogsException.class, e -> assertThat(e.getMessage())
                            .contains("logs:CreateLogGroup")
                            .contains("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/other:*"));
        }
        assertThat(logs.getLogEvents(b -> b.logGroupName("/aws/lambda/fn").logStreamName("2026/01/01/[$LATEST]abc")
                .startFromHead(true)).events()).extracting(e -> e.message()).containsExactly("hi");
    }

    @Test
    void theBareGroupArnGrantsOnlyTheTaggingActions() {
        Admin admin = new Admin(server);
        String[] keys = admin.user("tagger", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["logs:ListTagsForResource","logs:DescribeLogStreams"],
                 "Resource":"arn:aws:logs:us-east-1:000000000000:log-group:/test/protocol"}]}""");
        try (CloudWatchLogsClient tagger = server.logs(keys[0], keys[1])) {
            assertThat(tagger.listTagsForResource(b -> b.resourceArn(
                    "arn:aws:logs:us-east-1:000000000000:log-group:/test/protocol")).tags()).isEmpty();
            assertThatThrownBy(() -> tagger.describeLogStreams(b -> b.logGroupName(GROUP)))
                    .isInstanceOfSatisfying(CloudWatchLogsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        }
    }

    @Test
    void hostileRequestsGetClientErrorsNeverServerErrors() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        java.util.List<Map.Entry<String, String>> cases = new java.util.ArrayList<>();
        cases.add(Map.entry("DescribeLogGroups", "{not json"));
        cases.add(Map.entry("GetLogEvents", "{\"logGroupName\":" + deep + "}"));
        cases.add(Map.entry("FilterLogEvents", "{\"logGroupName\":\"" + GROUP + "\",\"limit\":\"ten\"}"));
        cases.add(Map.entry("DescribeLogStreams", "{\"logGroupName\":\"" + GROUP + "\",\"nextToken\":\"%%%\"}"));
        cases.add(Map.entry("PutLogEvents", "{\"logGroupName\":\"" + GROUP + "\",\"logStreamName\":\"s\",\"logEvents\":[1,2]}"));
        cases.add(Map.entry("CreateLogGroup", "[]"));
        cases.add(Map.entry("NoSuchOperation", "{}"));
        cases.add(Map.entry("GetLogEvents", "{\"logGroupName\":\"" + GROUP + "\",\"logStreamName\":\"s\",\"nextToken\":\"f/99999999999999999999999999999999999999\"}"));
        cases.add(Map.entry("FilterLogEvents", "{\"logGroupName\":\"" + GROUP + "\",\"startTime\":-5}"));
        cases.add(Map.entry("PutRetentionPolicy", "{\"logGroupName\":\"" + GROUP + "\",\"retentionInDays\":1e400}"));
        for (var c : cases) {
            HttpResponse<String> r = call(c.getKey(), c.getValue());
            assertThat(r.statusCode()).as(c.getKey() + " " + r.body()).isBetween(400, 499);
            assertThat(json(r).get("__type").asText()).as(c.getKey()).isNotBlank();
        }
        // A token that decodes but is none of ours ("not:a:token"), alone, so that its own check answers.
        HttpResponse<String> badToken = call("FilterLogEvents", "{\"logGroupName\":\"" + GROUP
                + "\",\"nextToken\":\"bm90OmE6dG9rZW4\"}");
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(json(badToken).get("__type").asText()).isEqualTo("InvalidParameterException");
        assertThat(json(badToken).get("message").asText()).isEqualTo("The specified nextToken is invalid.");
        // Stream names are measured in code points, as everywhere else: 512 emoji (1,024 chars) are allowed.
        HttpResponse<String> longest = call("FilterLogEvents", "{\"logGroupName\":\"" + GROUP
                + "\",\"logStreamNames\":[\"" + "😀".repeat(512) + "\"]}");
        assertThat(longest.statusCode()).as(longest.body()).isEqualTo(200);
        HttpResponse<String> tooLong = call("FilterLogEvents", "{\"logGroupName\":\"" + GROUP
                + "\",\"logStreamNames\":[\"" + "😀".repeat(513) + "\"]}");
        assertThat(json(tooLong).get("__type").asText()).as(tooLong.body()).isEqualTo("InvalidParameterException");
        HttpResponse<String> huge = call("DescribeLogGroups", "{\"logGroupNamePrefix\":\"" + "a".repeat(600_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> unknownService = http.send(http.request("POST", "/",
                Map.of("X-Amz-Target", "DynamoDB_20120810.PutItem"), new byte[0],
                RawHttp.Signing.root().withScope(TestServer.REGION, "dynamodb"), HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknownService.statusCode()).isEqualTo(400);
        assertThat(json(unknownService).get("__type").asText()).isEqualTo("UnknownOperationException");
    }
}
