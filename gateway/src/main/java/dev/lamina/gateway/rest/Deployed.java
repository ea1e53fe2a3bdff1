package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one stage serves: its deployment's snapshot of the API (the resource tree with methods and
 * integrations, the authorizers, the binary media types) and the stage's variables. Immutable; read
 * from the store's documents once per change of the store.
 */
record Deployed(String apiId, String stage, String deploymentId, Map<String, String> variables,
                List<String> binaryMediaTypes, Resource root, Map<String, Authorizer> authorizers) {

    record Resource(String id, String pathPart, String path, Map<String, Method> methods, List<Resource> children) {
        boolean variable() {
            return pathPart.startsWith("{");
        }

        boolean greedy() {
            return pathPart.startsWith("{") && pathPart.endsWith("+}");
        }

        /** The parameter's name: {@code id} for {@code {id}}, {@code proxy} for {@code {proxy+}}. */
        String parameter() {
            return pathPart.substring(1, pathPart.length() - (greedy() ? 2 : 1));
        }
    }

    record Method(String httpMethod, String authorizationType, Optional<String> authorizerId, Integration integration) {
    }

    record Integration(String type, Optional<String> uri, Map<String, String> requestTemplates, int timeoutMillis,
                       List<IntegrationResponse> responses) {
    }

    record IntegrationResponse(String statusCode, Optional<String> selectionPattern, Map<String, String> templates,
                               Map<String, String> parameters) {
    }

    record Authorizer(String id, String type, String uri, List<String> identitySource,
                      Optional<String> validationExpression, int ttlSeconds) {
    }

    /** Reads a stage and its deployment's document. */
    static Deployed of(String apiId, ObjectNode stage, ObjectNode deployment) {
        JsonNode snapshot = deployment.path(Docs.SNAPSHOT);
        List<String> binary = new ArrayList<>();
        snapshot.path("binaryMediaTypes").forEach(t -> binary.add(t.asText()));
        Map<String, Authorizer> authorizers = new HashMap<>();
        for (JsonNode a : snapshot.path("authorizers")) {
            authorizers.put(a.get("id").asText(), new Authorizer(a.get("id").asText(), a.get("type").asText(),
                    a.path("authorizerUri").asText(""), IdentitySource.parse(a.path("identitySource").asText("")),
                    Optional.ofNullable(a.get("identityValidationExpression")).map(JsonNode::asText),
                    a.path("authorizerResultTtlInSeconds").asInt(300)));
        }
        Map<String, List<JsonNode>> byParent = new HashMap<>();
        JsonNode rootDoc = null;
        for (JsonNode r : snapshot.path("resources")) {
            if (r.has("parentId")) {
                byParent.computeIfAbsent(r.get("parentId").asText(), k -> new ArrayList<>()).add(r);
            } else {
                rootDoc = r;
            }
        }
        Resource root = rootDoc == null ? new Resource("", "", "/", Map.of(), List.of()) : resource(rootDoc, byParent);
        return new Deployed(apiId, stage.get("stageName").asText(), deployment.get("id").asText(),
                strings(stage.path("variables")), List.copyOf(binary), root, Map.copyOf(authorizers));
    }

    private static Resource resource(JsonNode doc, Map<String, List<JsonNode>> byParent) {
        List<Resource> children = new ArrayList<>();
        for (JsonNode child : byParent.getOrDefault(doc.get("id").asText(), List.of())) {
            children.add(resource(child, byParent));
        }
        Map<String, Method> methods = new LinkedHashMap<>();
        for (var it = doc.path("resourceMethods").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode m = e.getValue();
            methods.put(e.getKey(), new Method(e.getKey(), m.path("authorizationType").asText("NONE"),
                    Optional.ofNullable(m.get("authorizerId")).map(JsonNode::asText), integration(m.get("methodIntegration"))));
        }
        return new Resource(doc.get("id").asText(), doc.path("pathPart").asText(""), doc.get("path").asText(),
                Map.copyOf(methods), List.copyOf(children));
    }

    private static Integration integration(JsonNode i) {
        if (i == null) {
            return new Integration("NONE", Optional.empty(), Map.of(), 29_000, List.of());
        }
        List<IntegrationResponse> responses = new ArrayList<>();
        for (JsonNode r : i.path("integrationResponses")) {
            responses.add(new IntegrationResponse(r.get("statusCode").asText(),
                    Optional.ofNullable(r.get("selectionPattern")).map(JsonNode::asText),
                    strings(r.path("responseTemplates")), strings(r.path("responseParameters"))));
        }
        return new Integration(i.get("type").asText(), Optional.ofNullable(i.get("uri")).map(JsonNode::asText),
                strings(i.path("requestTemplates")), i.path("timeoutInMillis").asInt(29_000), List.copyOf(responses));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return java.util.Collections.unmodifiableMap(out);
    }
}
