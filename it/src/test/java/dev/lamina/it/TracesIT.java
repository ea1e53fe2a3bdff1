package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.it.OtlpReceiver.Received;
import dev.lamina.it.fixtures.JavaTraceFixture;
import dev.lamina.server.AsyncConfig;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.ServerConfig;
import dev.lamina.server.TracesConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TracingMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces end to end: a server exporting to an in-test OTLP receiver, real node and python functions
 * that answer with the {@code _X_AMZN_TRACE_ID} they saw, invoked through the AWS SDK with the
 * caller's X-Amzn-Trace-Id (or traceparent) header.
 */
class TracesIT {
    static final String CALLER_ROOT = "1-6930a1b2-0123456789abcdef01234567";
    static final String CALLER_TRACE_ID = "6930a1b20123456789abcdef01234567";
    static final String CALLER_SPAN = "53995c3f42cd8ad8";
    static final String NODE = "exports.handler = async () => { const t = process.env._X_AMZN_TRACE_ID;"
            + " console.log('TRACE ' + t); return { trace: t }; };\n";
    static final Pattern HEADER = Pattern.compile("Root=([^;]+);Parent=([0-9a-f]{16});Sampled=([01])(;.*)?");

    static OtlpReceiver receiver;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        receiver = OtlpReceiver.start();
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-");
        server = TestServer.start(ServerConfig.local(dir, TestServer.KEYS, ExecutionConfig.defaults(), AsyncConfig.defaults())
                .withTraces(TracesConfig.defaults().withOtlpEndpoint(receiver.endpoint())));
        lambda = server.lambda();
        for (String name : new String[]{"fresh", "passing", "quiet", "queued"}) {
            Functions.create(lambda, name, "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", NODE)), b -> { });
        }
        Functions.create(lambda, "active", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", NODE)),
                b -> b.tracingConfig(t -> t.mode(TracingMode.ACTIVE)));
        Functions.create(lambda, "snake", "python3.12", "app.handler", Zips.of(Map.of("app.py",
                "import os\ndef handler(event, context):\n    return {'trace': os.environ.get('_X_AMZN_TRACE_ID')}\n")),
                b -> { });
        Functions.create(lambda, "beans", "java21", "dev.lamina.it.fixtures.JavaTraceFixture",
                Packages.java(JavaTraceFixture.class), b -> b.memorySize(512).timeout(60));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
        receiver.close();
    }

    /** Invokes {@code function} with these request headers; answers the request id and the function's trace header. */
    static Map.Entry<String, Matcher> invoke(String function, Map<String, String> headers) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String("{}"))
                .overrideConfiguration(o -> headers.forEach(o::putHeader)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        JsonNode answer = json(r.payload().asUtf8String());
        Matcher m = HEADER.matcher(answer.path("trace").asText());
        assertThat(m.matches()).as(answer.toString()).isTrue();
        return Map.entry(r.responseMetadata().requestId(), m);
    }

    static JsonNode json(String text) {
        try {
            return Functions.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    static Map<String, String> caller(String sampled) {
        return Map.of("X-Amzn-Trace-Id", "Root=" + CALLER_ROOT + ";Parent=" + CALLER_SPAN + ";Sampled=" + sampled
                + ";Lineage=a87bd80c:1");
    }

    static Received awaitInvocation(String requestId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.invocation(requestId).isPresent());
        return receiver.invocation(requestId).orElseThrow();
    }

    static Received child(Received parent, String name) {
        return receiver.children(parent).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The function's header named Lamina's invoke span as Parent, so the function's own spans nest under it. */
    static Received parentIsTheInvokeSpan(Map.Entry<String, Matcher> invoked) {
        Received invocation = awaitInvocation(invoked.getKey());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.children(invocation).stream()
                .anyMatch(s -> s.name().equals("invoke")));
        assertThat(child(invocation, "invoke").spanId()).isEqualTo(invoked.getValue().group(2));
        return invocation;
    }

    @Test
    void theInvocationJoinsTheCallersTraceWithInitAndInvokeWhenColdAndOnlyInvokeWhenWarm() {
        var cold = invoke("fresh", caller("1"));
        Matcher header = cold.getValue();
        assertThat(header.group(1)).isEqualTo(CALLER_ROOT);
        assertThat(header.group(3)).isEqualTo("1");
        assertThat(header.group(4)).isEqualTo(";Lineage=a87bd80c:1");

        Received invocation = awaitInvocation(cold.getKey());
        assertThat(invocation.traceId()).isEqualTo(CALLER_TRACE_ID);
        assertThat(invocation.parentId()).isEqualTo(CALLER_SPAN);
        assertThat(invocation.name()).isEqualTo("fresh");
        assertThat(invocation.span().getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(invocation.attribute("faas.name")).contains("fresh");
        assertThat(invocation.attribute("faas.version")).contains("$LATEST");
        assertThat(invocation.attribute("faas.coldstart")).contains("true");
        assertThat(invocation.attribute("faas.trigger")).contains("other");
        assertThat(invocation.attribute("cloud.resource_id")).contains("arn:aws:lambda:us-east-1:000000000000:function:fresh");
        assertThat(invocation.resourceAttribute("service.name")).contains("lamina");
        assertThat(invocation.resourceAttribute("cloud.region")).contains("us-east-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.children(invocation).size() == 2);
        Received invokeSpan = child(invocation, "invoke");
        Received init = child(invocation, "init");
        // The function's Parent is Lamina's invoke span: the function's own spans nest under it.
        assertThat(invokeSpan.spanId()).isEqualTo(header.group(2));
        assertThat(init.span().getEndTimeUnixNano()).isLessThanOrEqualTo(invokeSpan.span().getStartTimeUnixNano());
        assertThat(invokeSpan.span().getEndTimeUnixNano()).isEqualTo(invocation.span().getEndTimeUnixNano());

        var warm = invoke("fresh", caller("1"));
        Received again = awaitInvocation(warm.getKey());
        assertThat(again.attribute("faas.coldstart")).contains("false");
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.children(again).isEmpty());
        assertThat(receiver.children(again)).extracting(Received::name).containsExactly("invoke");
        assertThat(receiver.children(again).getFirst().spanId()).isEqualTo(warm.getValue().group(2));
    }

    @Test
    void passThroughWithoutAHeaderOrWithAnUnsampledOrBrokenOneExportsNothingYetTheFunctionHasATrace() {
        var none = invoke("quiet", Map.of());
        assertThat(none.getValue().group(3)).isEqualTo("0");
        var unsampled = invoke("quiet", caller("0"));
        assertThat(unsampled.getValue().group(1)).isEqualTo(CALLER_ROOT);
        assertThat(unsampled.getValue().group(3)).isEqualTo("0");
        var broken = invoke("quiet", Map.of("X-Amzn-Trace-Id", "Root=1-zzzz;Parent=" + CALLER_SPAN + ";Sampled=1"));
        assertThat(broken.getValue().group(1)).isNotEqualTo(CALLER_ROOT).startsWith("1-");
        assertThat(broken.getValue().group(3)).isEqualTo("0");
        // Spans leave in order: once a later sampled invocation's span is in, earlier ones would be too.
        var sampled = invoke("quiet", caller("1"));
        awaitInvocation(sampled.getKey());
        for (var quiet : java.util.List.of(none, unsampled, broken)) {
            assertThat(receiver.invocation(quiet.getKey())).isEmpty();
        }
    }

    @Test
    void activeTracingBeginsASampledTraceWhenTheCallerSentNone() {
        var r = invoke("active", Map.of());
        Matcher header = r.getValue();
        assertThat(header.group(3)).isEqualTo("1");
        Received invocation = parentIsTheInvokeSpan(r);
        assertThat("1-" + invocation.traceId().substring(0, 8) + "-" + invocation.traceId().substring(8))
                .isEqualTo(header.group(1));
        assertThat(invocation.parentId()).isEmpty();
    }

    @Test
    void aW3cTraceparentIsTheCallersTraceToo() {
        var r = invoke("passing", Map.of("traceparent", "00-" + CALLER_TRACE_ID + "-00f067aa0ba902b7-01"));
        assertThat(r.getValue().group(1)).isEqualTo(CALLER_ROOT);
        assertThat(awaitInvocation(r.getKey()).parentId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void aPythonFunctionSeesTheTraceHeaderInItsEnvironment() {
        var r = invoke("snake", caller("1"));
        assertThat(r.getValue().group(1)).isEqualTo(CALLER_ROOT);
        parentIsTheInvokeSpan(r);
    }

    @Test
    void aJavaFunctionSeesTheTraceHeaderWhereAwsRuntimeClientPutsIt() {
        var r = invoke("beans", caller("1"));
        assertThat(r.getValue().group(1)).isEqualTo(CALLER_ROOT);
        parentIsTheInvokeSpan(r);
    }

    @Test
    void anAsyncEventKeepsTheCallersTraceAndItsTimeInTheQueueIsASpan() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("queued").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")).overrideConfiguration(o -> caller("1").forEach(o::putHeader)));
        assertThat(r.statusCode()).isEqualTo(202);
        String id = r.responseMetadata().requestId();
        Received invocation = awaitInvocation(id);
        assertThat(invocation.traceId()).isEqualTo(CALLER_TRACE_ID);
        assertThat(invocation.parentId()).isEqualTo(CALLER_SPAN);
        assertThat(invocation.span().getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(invocation.attribute("faas.trigger")).contains("pubsub");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.children(invocation).size() == 3);
        Received queue = child(invocation, "queue");
        assertThat(queue.span().getStartTimeUnixNano()).isEqualTo(invocation.span().getStartTimeUnixNano());
        Received invokeSpan = child(invocation, "invoke");
        await().atMost(Duration.ofSeconds(30)).until(() -> Logs.lines(server, "queued").stream()
                .anyMatch(l -> l.contains("TRACE Root=")));
        String logged = Logs.lines(server, "queued").stream().filter(l -> l.contains("TRACE Root=")).findFirst()
                .orElseThrow();
        Matcher header = HEADER.matcher(logged.substring(logged.indexOf("Root=")).strip());
        assertThat(header.matches()).as(logged).isTrue();
        assertThat(header.group(1)).isEqualTo(CALLER_ROOT);
        assertThat(header.group(2)).isEqualTo(invokeSpan.spanId());
    }

    @Test
    void aCollectorThatIsDownNeverFailsAnInvocationAndSpansFlowAgainWhenItIsBack() {
        receiver.failing = true;
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(invoke("passing", caller("1")).getValue().group(1)).isEqualTo(CALLER_ROOT);
            }
        } finally {
            receiver.failing = false;
        }
        awaitInvocation(invoke("passing", caller("1")).getKey());
    }
}
