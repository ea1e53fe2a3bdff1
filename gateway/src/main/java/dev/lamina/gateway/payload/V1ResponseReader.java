package dev.lamina.gateway.payload;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lamina.gateway.web.WebRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How {@link V1Response#parse} reads a response's parts. */
final class V1ResponseReader {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private V1ResponseReader() {
    }

    static Optional<Integer> status(JsonNode node) {
        int status;
        if (node == null) {
            return Optional.empty();
        } else if (node.isIntegralNumber() && node.canConvertToInt()) {
            status = node.intValue();
        } else if (node.isTextual() && node.textValue().matches("\\d{3}")) {
            status = Integer.parseInt(node.textValue());
        } else {
            return Optional.empty();
        }
        return status >= 100 && status <= 599 ? Optional.of(status) : Optional.empty();
    }

    /**
     * {@code headers} and {@code multiValueHeaders} merged: a name in both keeps the multi-value
     * list, to which the single value is added unless it is already there.
     */
    static Optional<List<WebRequest.Header>> headers(JsonNode single, JsonNode multi) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                return Optional.empty();
            }
            for (var it = multi.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isNull()) {
                    continue;
                }
                if (!e.getValue().isArray()) {
                    return Optional.empty();
                }
                List<String> values = merged.computeIfAbsent(name(spelling, e.getKey()), k -> new ArrayList<>());
                for (JsonNode v : e.getValue()) {
                    if (!v.isValueNode() || v.isNull()) {
                        return Optional.empty();
                    }
                    values.add(v.asText());
                }
            }
        }
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                return Optional.empty();
            }
            for (var it = single.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isNull()) {
                    continue;
                }
                if (!e.getValue().isValueNode()) {
                    return Optional.empty();
                }
                List<String> values = merged.computeIfAbsent(name(spelling, e.getKey()), k -> new ArrayList<>());
                if (!values.contains(e.getValue().asText())) {
                    values.add(e.getValue().asText());
                }
            }
        }
        List<WebRequest.Header> out = new ArrayList<>();
        merged.forEach((name, values) -> values.forEach(v -> out.add(new WebRequest.Header(name, v))));
        return Optional.of(out);
    }

    private static String name(Map<String, String> spelling, String name) {
        return spelling.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> name);
    }
}
