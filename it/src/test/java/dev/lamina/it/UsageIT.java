package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The usage report against real Node.js and Python functions, invoked synchronously and
 * asynchronously: its figures are exactly the sums of the REPORT lines the invocations printed,
 * versions and memory sizes apart, throttled invocations not counted; only callers allowed {@code lamina:GetUsage} may read it; bad parameters are 400s.
 */
class UsageIT extends ServerPerClass {
    static final Instant SINCE = Instant.now();
    static final UsageLedger LEDGER = new UsageLedger();
    static RawHttp http;

    @BeforeAll
    static void invokeFunctions() {
        http = new RawHttp(server.endpoint());
        Functions.create(lambda, "usage-node", "nodejs20.x", "index.handler", Packages.nodejs(),
                b -> b.memorySize(128).timeout(1));
        Functions.create(lambda, "usage-python", "python3.12", "app.handler", Packages.python(), b -> b.memorySize(256));
        Functions.create(lambda, "usage-throttled", "nodejs20.x", "index.handler", Packages.nodejs(), b -> { });
        lambda.publishVersion(b -> b.functionName("usage-node"));
        lambda.putFunctionConcurrency(b -> b.functionName("usage-throttled").reservedConcurrentExecutions(0));

        for (String payload : new String[] {"{\"action\":\"echo\"}", "{\"action\":\"sleep\",\"ms\":30}",
                "{\"action\":\"error\"}", "{\"action\":\"sleep\",\"ms\":1500}"}) {
            invoke("usage-node", payload);       // the last one times out after 1 s: billed too
            invoke("usage-node:1", payload);
            invoke("usage-python", payload.replace("1500", "5"));
        }
        // $LATEST with more memory: a line of its own, apart from what it used at 128 MB.
        lambda.updateFunctionConfiguration(b -> b.functionName("usage-node").memorySize(512));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("usage-node"));
        invoke("usage-node", "{\"action\":\"sleep\",\"ms\":10}");
        invoke("usage-node", "{\"action\":\"echo\"}");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("usage-throttled")))
                    .isInstanceOf(TooManyRequestsException.class);
        }

        // Asynchronous invocations count too; they have no log tail, so their lines come from the log stream.
        Functions.create(lambda, "usage-async", "python3.12", "app.handler", Packages.python(), b -> b.memorySize(384));
        for (int i = 0; i < 2; i++) {
            lambda.invoke(b -> b.functionName("usage-async").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}")));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Logs.starting(server, "usage-async", "REPORT").size() == 2);
        List<String> starts = Logs.starting(server, "usage-async", "START");
        List<String> reports = Logs.starting(server, "usage-async", "REPORT");
        for (int i = 0; i < 2; i++) {
            LEDGER.add("usage-async", starts.get(i) + "\n" + reports.get(i));
        }
    }

    static void invoke(String function, String payload) {
        LEDGER.add(function.split(":")[0], Functions.invoke(lambda, function, payload).log());
    }

    static HttpResponse<String> get(String query, RawHttp.Signing signing) throws IOException, InterruptedException {
        return http.send(http.request("GET", "/lamina/usage?" + query, Map.of(), new byte[0], signing,
                HttpRequest.BodyPublishers.noBody()).build());
    }

    static String since(Instant at) {
        return "since=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void theReportIsTheSumOfTheReportLinesPerFunctionVersionAndMemory() throws Exception {
        HttpResponse<String> response = get(since(SINCE), RawHttp.Signing.root());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = RawHttp.json(response);
        LEDGER.assertMatches(report);
        assertThat(LEDGER.sums()).containsKeys(new UsageLedger.Key("usage-node", "$LATEST", 128),
                new UsageLedger.Key("usage-node", "$LATEST", 512), new UsageLedger.Key("usage-node", "1", 128),
                new UsageLedger.Key("usage-python", "$LATEST", 256), new UsageLedger.Key("usage-async", "$LATEST", 384));
        assertThat(Instant.parse(report.get("from").asText())).isBeforeOrEqualTo(SINCE);
        assertThat(Instant.parse(report.get("to").asText())).isAfter(Instant.now());
    }

    @Test
    void throttledInvocationsAreNotCounted() throws Exception {
        JsonNode report = RawHttp.json(get(since(SINCE) + "&function=usage-throttled", RawHttp.Signing.root()));
        assertThat(report.get("usage")).isEmpty();
        assertThat(report.get("totals").get("requests").asLong()).isZero();
        assertThat(report.get("totals").get("gbSeconds").asText()).isEqualTo("0");
    }

    @Test
    void oneFunctionsReportHoldsOnlyItsLines() throws Exception {
        JsonNode report = RawHttp.json(get(since(SINCE) + "&function=usage-python", RawHttp.Signing.root()));
        assertThat(report.get("usage")).hasSize(1);
        UsageLedger.Sums python = LEDGER.sums().get(new UsageLedger.Key("usage-python", "$LATEST", 256));
        assertThat(report.get("totals").get("requests").asLong()).isEqualTo(python.requests);
        assertThat(report.get("totals").get("billedDurationMs").asLong()).isEqualTo(python.billedMs);
    }

    @Test
    void aReportOfEarlierHoursIsEmpty() throws Exception {
        JsonNode report = RawHttp.json(get("since=2020-01-01&until=2020-01-02T00:00:00Z", RawHttp.Signing.root()));
        assertThat(report.get("from").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(report.get("to").asText()).isEqualTo("2020-01-02T00:00:00Z");
        assertThat(report.get("usage")).isEmpty();
    }

    @Test
    void onlyCallersAllowedLaminaGetUsageMayReadIt() throws Exception {
        Admin admin = new Admin(server);
        String[] lambdaAdmin = admin.user("usage-lambda-admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"}]}");
        String[] auditor = admin.user("usage-auditor",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lamina:GetUsage\",\"Resource\":\"*\"}]}");

        HttpResponse<String> denied = get(since(SINCE), RawHttp.Signing.root().withKeys(lambdaAdmin[0], lambdaAdmin[1]));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(RawHttp.json(denied).get("Message").asText())
                .contains("user/usage-lambda-admin is not authorized to perform: lamina:GetUsage on resource: *");

        HttpResponse<String> allowed = get(since(SINCE), RawHttp.Signing.root().withKeys(auditor[0], auditor[1]));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        LEDGER.assertMatches(RawHttp.json(allowed));
    }

    @Test
    void aPolicyOnOneFunctionsArnLetsItsUsageBeReadAndNoOtherFunctions() throws Exception {
        String[] team = new Admin(server).user("usage-python-team", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":\"lamina:GetUsage\","
                + "\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:usage-py*\"}]}");
        RawHttp.Signing signing = RawHttp.Signing.root().withKeys(team[0], team[1]);

        HttpResponse<String> own = get(since(SINCE) + "&function=usage-python", signing);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(RawHttp.json(own).get("totals").get("requests").asLong())
                .isEqualTo(LEDGER.sums().get(new UsageLedger.Key("usage-python", "$LATEST", 256)).requests);
        for (String other : new String[] {"", "&function=usage-node"}) {
            HttpResponse<String> denied = get(since(SINCE) + other, signing);
            assertThat(denied.statusCode()).as(other).isEqualTo(403);
            assertThat(RawHttp.json(denied).get("Message").asText()).contains("lamina:GetUsage on resource: "
                    + (other.isEmpty() ? "*" : "arn:aws:lambda:us-east-1:000000000000:function:usage-node"));
        }
    }

    @Test
    void badParametersAreRefusedWithInvalidParameterValue() throws Exception {
        for (String query : new String[] {"", "since=yesterday", "since=2026-13-01", since(SINCE) + "&until=soon",
                "since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z", "since=1969-01-01",
                "since=" + "9".repeat(5000), since(SINCE) + "&function=not%20a%20name",
                "since=%2B1000000000-01-01T00:00:00Z"}) {
            HttpResponse<String> response = get(query, RawHttp.Signing.root());
            assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidParameterValueException");
            JsonNode error = RawHttp.json(response);
            assertThat(error.get("Type").asText()).isEqualTo("User");
            assertThat(error.get("message").asText()).isNotBlank().hasSizeLessThan(300);
        }
    }
}
