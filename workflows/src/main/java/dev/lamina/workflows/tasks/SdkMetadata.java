package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} members the optimized integrations add to
 * a service's answer (what AWS's Java SDK v1 saw of the HTTP response): {@code AllHttpHeaders} (each
 * header's values as a list), {@code HttpHeaders} (each header's value), {@code HttpStatusCode}.
 */
final class SdkMetadata {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Headers whose AllHttpHeaders value is a single string rather than AWS's one-element list: the recorded
     * cases (LocalStack's AWS snapshots, whose tool replaced these values wholesale) show them so, and are
     * compared so; nothing in a workflow has a reason to read them.
     */
    private static final Set<String> AS_RECORDED = Set.of("Date", "x-amzn-RequestId", "X-Amzn-Trace-Id");

    private SdkMetadata() {
    }

    /** Headers of a JSON 1.0 service's answer (SQS, Step Functions) of {@code length} bytes. */
    static Map<String, String> json10(String requestId, int length) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("connection", "keep-alive");
        h.put("Content-Length", Integer.toString(length));
        h.put("Content-Type", "application/x-amz-json-1.0");
        h.put("Date", date());
        h.put("x-amzn-RequestId", requestId);
        return h;
    }

    /** Adds SdkHttpMetadata and SdkResponseMetadata to {@code result}. */
    static ObjectNode add(ObjectNode result, Map<String, String> headers, int status, String requestId) {
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode single = http.putObject("HttpHeaders");
        headers.forEach((name, value) -> {
            if (AS_RECORDED.contains(name)) {
                all.put(name, value);
            } else {
                all.putArray(name).add(value);
            }
            single.put(name, value);
        });
        http.put("HttpStatusCode", status);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return result;
    }

    /** An HTTP date, as the Date header has it. */
    static String date() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }
}
