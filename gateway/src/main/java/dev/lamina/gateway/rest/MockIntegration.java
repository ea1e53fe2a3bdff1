package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.gateway.web.WebRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A MOCK integration: the request template (chosen by the request's Content-Type, else
 * application/json) names the status ({@code {"statusCode": 200}}); the integration response whose
 * selectionPattern matches that status (else the one without a pattern) gives the method's status,
 * its response template is the body and its static response parameters
 * ({@code method.response.header.X: "'value'"}) the headers. Templates are used as written: Lamina
 * does not evaluate Velocity.
 */
final class MockIntegration {
    private MockIntegration() {
    }

    record Answer(int status, List<WebRequest.Header> headers, byte[] body) {
    }

    /** The answer, or empty when no integration response applies (API Gateway's configuration error). */
    static Optional<Answer> answer(Deployed.Integration integration, Optional<String> contentType) {
        String template = template(integration.requestTemplates(), contentType);
        String status = "200";
        if (template != null && !template.isBlank()) {
            try {
                JsonNode n = Docs.JSON.readTree(template);
                if (n != null && n.path("statusCode").canConvertToInt()) {
                    status = String.valueOf(n.get("statusCode").asInt());
                }
            } catch (IOException e) {
                // not JSON: the default status
            }
        }
        Deployed.IntegrationResponse chosen = null;
        for (Deployed.IntegrationResponse r : integration.responses()) {
            String pattern = r.selectionPattern().orElse("");
            if (pattern.isEmpty()) {
                chosen = chosen == null ? r : chosen;
            } else if (matches(pattern, status)) {
                chosen = r;
                break;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        List<WebRequest.Header> headers = new ArrayList<>();
        String body = template(chosen.templates(), Optional.of("application/json"));
        headers.add(new WebRequest.Header("Content-Type", "application/json"));
        chosen.parameters().forEach((name, value) -> {
            if (name.startsWith("method.response.header.") && value.length() >= 2 && value.startsWith("'")
                    && value.endsWith("'")) {
                String header = name.substring("method.response.header.".length());
                headers.removeIf(h -> h.name().equalsIgnoreCase(header));
                headers.add(new WebRequest.Header(header, value.substring(1, value.length() - 1)));
            }
        });
        return Optional.of(new Answer(Integer.parseInt(chosen.statusCode()), headers,
                body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String template(Map<String, String> templates, Optional<String> contentType) {
        if (templates.isEmpty()) {
            return null;
        }
        if (contentType.isPresent()) {
            String type = contentType.get().split(";", 2)[0].strip();
            for (var e : templates.entrySet()) {
                if (e.getKey().equalsIgnoreCase(type)) {
                    return e.getValue();
                }
            }
        }
        return templates.getOrDefault("application/json", templates.values().iterator().next());
    }

    private static boolean matches(String pattern, String status) {
        try {
            return Pattern.compile(pattern, Pattern.DOTALL).matcher(status).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
