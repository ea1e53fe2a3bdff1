package dev.lamina.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal OpenTelemetry collector: {@code POST /v1/traces} with an OTLP/HTTP protobuf body,
 * decoded with OpenTelemetry's own message classes and kept for the test to look at. While
 * {@link #failing} is set, it answers 503, as a collector that is down for maintenance.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span, with ids in hex as the trace headers write them. */
    record Received(Resource resource, Span span) {
        String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        String parentId() {
            return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
        }

        String name() {
            return span.getName();
        }

        Optional<String> attribute(String key) {
            return find(span.getAttributesList(), key);
        }

        Optional<String> resourceAttribute(String key) {
            return find(resource.getAttributesList(), key);
        }

        private static Optional<String> find(List<KeyValue> attributes, String key) {
            return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst().map(a -> switch (a.getValue()
                    .getValueCase()) {
                case BOOL_VALUE -> Boolean.toString(a.getValue().getBoolValue());
                case INT_VALUE -> Long.toString(a.getValue().getIntValue());
                default -> a.getValue().getStringValue();
            });
        }
    }

    private final HttpServer http;
    private final ConcurrentLinkedQueue<Received> spans = new ConcurrentLinkedQueue<>();
    volatile boolean failing;

    private OtlpReceiver(HttpServer http) {
        this.http = http;
    }

    static OtlpReceiver start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(http);
            http.createContext("/v1/traces", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readAllBytes();
                    if (!exchange.getRequestMethod().equals("POST") || receiver.failing) {
                        exchange.sendResponseHeaders(receiver.failing ? 503 : 405, -1);
                        return;
                    }
                    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                    request.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss ->
                            ss.getSpansList().forEach(s -> receiver.spans.add(new Received(rs.getResource(), s)))));
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            http.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base address, as {@code --otlp-endpoint} takes it. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    List<Received> spans() {
        return List.copyOf(spans);
    }

    /** The span of the invocation {@code requestId}: the one with its faas.invocation_id. */
    Optional<Received> invocation(String requestId) {
        return spans.stream().filter(s -> s.attribute("faas.invocation_id").equals(Optional.of(requestId))).findFirst();
    }

    /** The spans whose parent is {@code parent}. */
    List<Received> children(Received parent) {
        return spans.stream().filter(s -> s.traceId().equals(parent.traceId()) && s.parentId().equals(parent.spanId()))
                .toList();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
