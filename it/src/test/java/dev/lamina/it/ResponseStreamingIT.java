package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda response streaming with real functions: Node.js handlers wrapped in
 * awslambda.streamifyResponse and a shell custom runtime that posts its response chunked, invoked
 * with the plain Invoke (the stream collected into the payload, as Lambda does).
 */
class ResponseStreamingIT extends ServerPerClass {
    static final String NODE = "stream-node";

    @BeforeAll
    static void deploy() {
        byte[] node = Packages.zip(Map.of("index.js", Packages.resource("fixtures/nodejs-stream/index.js", 0644)));
        for (String handler : new String[] {"chunks", "http", "pipe", "boom", "crash", "big", "plain"}) {
            Functions.create(lambda, NODE + "-" + handler, "nodejs20.x", "index." + handler, node, b -> b.timeout(10));
        }
        Functions.create(lambda, NODE + "-unended", "nodejs20.x", "index.unended", node, b -> b.timeout(2));
        Functions.create(lambda, "stream-custom", "provided.al2023", "unused",
                Packages.zip(Map.of("bootstrap", Packages.resource("fixtures/provided-stream/bootstrap", 0755))),
                b -> b.timeout(10));
    }

    @Test
    void aPlainInvokeOfAStreamingFunctionReturnsTheWholeBody() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-chunks", "{\"pauseMs\": 100}");
        assertThat(r.functionError()).isNull();
        assertThat(r.payload()).isEqualTo("first chunk;second chunk;last chunk");
        assertThat(r.log()).contains("REPORT RequestId: " + r.requestId());
        // The environment is reused: a second invocation answers as well.
        assertThat(Functions.invoke(lambda, NODE + "-chunks", "{\"pauseMs\": 0}").payload())
                .isEqualTo("first chunk;second chunk;last chunk");
    }

    @Test
    void aPlainInvokeOfAnHttpResponseStreamReturnsThePreludeTheDelimiterAndTheBody() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-http", "{}");
        byte[] bytes = r.response().payload().asByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        assertThat(nul).isPositive();
        assertThat(text.substring(0, nul))
                .isEqualTo("{\"statusCode\":201,\"headers\":{\"x-streamed\":\"yes\"},\"cookies\":[\"a=1\"]}");
        assertThat(text.substring(nul)).isEqualTo("\0\0\0\0\0\0\0\0hello world");
    }

    @Test
    void pipelineEndsTheResponse() {
        assertThat(Functions.invoke(lambda, NODE + "-pipe", "{}").payload()).isEqualTo("one two three");
    }

    @Test
    void anErrorAfterStreamingBeganIsTheInvocationsFunctionError() throws Exception {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-boom", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("TypeError");
        assertThat(r.json().path("errorMessage").asText()).isEqualTo("mid-stream boom");
        assertThat(r.log()).contains("Invoke Error");
        assertThat(Functions.invoke(lambda, NODE + "-boom", "{}").json().path("errorType").asText())
                .as("the environment survives").isEqualTo("TypeError");
    }

    @Test
    void anUncaughtExceptionWhileStreamingIsTheFunctionErrorAndTheNextInvocationWorks() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-crash", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("RangeError");
        assertThat(r.json().path("errorMessage").asText()).isEqualTo("uncaught while streaming");
        assertThat(Functions.invoke(lambda, NODE + "-crash", "{}").json().path("errorType").asText())
                .isEqualTo("RangeError");
    }

    @Test
    void aPlainInvokeKeepsTheBufferedSixMegabyteLimit() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-big", "{\"mb\": 7}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(Functions.invoke(lambda, NODE + "-big", "{\"mb\": 5}").response().payload().asByteArray())
                .hasSize(5 * 1024 * 1024);
    }

    @Test
    void aStreamThatIsNeverEndedLastsUntilTheTimeout() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-unended", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    }

    @Test
    void aCustomRuntimeStreamsThroughTheRuntimeApi() {
        Functions.Invocation r = Functions.invoke(lambda, "stream-custom", "{\"n\":1}");
        assertThat(r.functionError()).isNull();
        assertThat(r.payload()).isEqualTo("custom first;custom second;event {\"n\":1}");
    }

    @Test
    void aNonStreamingHandlerIsUnchanged() {
        assertThat(Functions.invoke(lambda, NODE + "-plain", "{\"a\":1}").payload())
                .isEqualTo("{\"plain\":true,\"event\":{\"a\":1}}");
    }
}
