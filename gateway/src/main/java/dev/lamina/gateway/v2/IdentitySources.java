package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.gateway.payload.V1Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The values of an authorizer's identity sources for one request ({@code $request.header.Authorization}, …). */
final class IdentitySources {
    private IdentitySources() {
    }

    /** Each source's value, in order; empty when any of them is missing or empty (the API answers 401). */
    static Optional<List<String>> values(JsonNode sources, Payloads.Routed r) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : sources) {
            Optional<String> v = value(s.asText(), r).filter(x -> !x.isEmpty());
            if (v.isEmpty()) {
                return Optional.empty();
            }
            out.add(v.get());
        }
        return Optional.of(out);
    }

    static Optional<String> value(String source, Payloads.Routed r) {
        if (source.startsWith("$request.header.")) {
            return r.request().header(source.substring("$request.header.".length()));
        }
        if (source.startsWith("$request.querystring.")) {
            List<String> v = V1Event.queryParameters(r.request().rawQuery())
                    .get(source.substring("$request.querystring.".length()));
            return v == null ? Optional.empty() : Optional.of(String.join(",", v));
        }
        if (source.startsWith("$stageVariables.")) {
            return Optional.ofNullable(r.stageVariables().get(source.substring("$stageVariables.".length())));
        }
        return switch (source) {
            case "$context.requestId" -> Optional.of(r.request().requestId());
            case "$context.routeKey" -> Optional.of(r.key().text());
            case "$context.stage" -> Optional.of(r.stage());
            case "$context.httpMethod" -> Optional.of(r.request().method());
            case "$context.path" -> Optional.of(r.request().rawPath());
            case "$context.apiId" -> Optional.of(r.apiId());
            case "$context.identity.sourceIp" -> Optional.of(r.request().sourceIp());
            default -> Optional.empty();
        };
    }
}
