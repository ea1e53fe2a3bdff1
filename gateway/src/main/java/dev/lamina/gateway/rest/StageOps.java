package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateStage, GetStage(s), UpdateStage, DeleteStage, and the stage a CreateDeployment names. */
final class StageOps {
    private final Ops ops;

    StageOps(Ops ops) {
        this.ops = ops;
    }

    static void checkName(String name) {
        if (!name.matches("[a-zA-Z0-9_-]{1,128}")) {
            throw Errors.badRequest("Stage name only allows a-zA-Z0-9_-");
        }
    }

    /** Stage variables: names of letters, digits and underscores; values of API Gateway's characters. */
    static void checkVariables(Map<String, String> variables) {
        variables.forEach(StageOps::checkVariable);
    }

    private static void checkVariable(String name, String value) {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw Errors.badRequest("Stage variable name " + name + " must be alphanumeric or underscore and at most 64"
                    + " characters long");
        }
        if (!value.matches("[A-Za-z0-9\\-._~:/?#&=,]{0,512}")) {
            throw Errors.badRequest("Stage variable value " + value + " must match [A-Za-z0-9-._~:/?#&=,]+ and be at"
                    + " most 512 characters long");
        }
    }

    JsonNode create(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String name = Input.required(in, "stageName");
        checkName(name);
        String deploymentId = Input.required(in, "deploymentId");
        Map<String, String> variables = Input.map(in, "variables");
        checkVariables(variables);
        return ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            DeploymentOps.find(tx, apiId, deploymentId);
            if (Docs.part(tx, apiId, Docs.STAGE, name).isPresent()) {
                throw Errors.conflict("Stage already exists");
            }
            ObjectNode s = fresh(name, deploymentId, Input.text(in, "description"), variables);
            s.put("tracingEnabled", Input.bool(in, "tracingEnabled").orElse(false));
            s.put("cacheClusterEnabled", Input.bool(in, "cacheClusterEnabled").orElse(false));
            if (!Input.map(in, "tags").isEmpty()) {
                Input.map(in, "tags").forEach(s.putObject("tags")::put);
            }
            Docs.putPart(tx, apiId, Docs.STAGE, name, s, Instant.ofEpochMilli(ops.clock().millis()));
            return s;
        });
    }

    private ObjectNode fresh(String name, String deploymentId, Optional<String> description,
                             Map<String, String> variables) {
        ObjectNode s = Docs.JSON.createObjectNode();
        s.put("deploymentId", deploymentId);
        s.put("stageName", name);
        description.ifPresent(d -> s.put("description", d));
        s.put("cacheClusterEnabled", false);
        s.put("cacheClusterStatus", "NOT_AVAILABLE");
        s.putObject("methodSettings");
        if (!variables.isEmpty()) {
            variables.forEach(s.putObject("variables")::put);
        }
        s.put("tracingEnabled", false);
        s.put("createdDate", ops.now());
        s.put("lastUpdatedDate", ops.now());
        return s;
    }

    /** CreateDeployment's stage: created, or pointed at the new deployment with the variables added. */
    void deploy(Transaction tx, String apiId, String name, String deploymentId, Optional<String> description,
                Map<String, String> variables) {
        Optional<ObjectNode> existing = Docs.part(tx, apiId, Docs.STAGE, name);
        ObjectNode s;
        if (existing.isPresent()) {
            s = existing.get();
            s.put("deploymentId", deploymentId);
            if (!variables.isEmpty()) {
                ObjectNode vars = s.has("variables") ? (ObjectNode) s.get("variables") : s.putObject("variables");
                variables.forEach(vars::put);
            }
            s.put("lastUpdatedDate", ops.now());
        } else {
            s = fresh(name, deploymentId, description, variables);
        }
        Docs.putPart(tx, apiId, Docs.STAGE, name, s, Instant.ofEpochMilli(ops.clock().millis()));
    }

    static ObjectNode find(Transaction tx, String apiId, String name) {
        return Docs.part(tx, apiId, Docs.STAGE, name)
                .orElseThrow(() -> Errors.notFound("Invalid Stage identifier specified"));
    }

    JsonNode get(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String name = Input.required(in, "stageName");
        return ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return find(tx, apiId, name);
        });
    }

    JsonNode list(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        Optional<String> deploymentId = Input.text(in, "deploymentId");
        List<ObjectNode> all = ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return Docs.parts(tx, apiId, Docs.STAGE);
        });
        ObjectNode out = Docs.JSON.createObjectNode();
        ArrayNode items = out.putArray("item");
        all.stream().filter(s -> deploymentId.isEmpty() || s.path("deploymentId").asText().equals(deploymentId.get()))
                .forEach(items::add);
        return out;
    }

    JsonNode update(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String name = Input.required(in, "stageName");
        List<Patch> patches = Patch.list(in);
        return ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            ObjectNode s = find(tx, apiId, name);
            for (Patch p : patches) {
                apply(tx, apiId, s, p);
            }
            if (s.has("variables") && s.get("variables").isEmpty()) {
                s.remove("variables");
            }
            s.put("lastUpdatedDate", ops.now());
            Docs.putPart(tx, apiId, Docs.STAGE, name, s, Instant.EPOCH);
            return s;
        });
    }

    private static void apply(Transaction tx, String apiId, ObjectNode s, Patch p) {
        String path = p.path();
        if (path.startsWith("/variables/") && path.length() > "/variables/".length()) {
            String variable = Patch.unescape(path.substring("/variables/".length()));
            ObjectNode vars = s.has("variables") ? (ObjectNode) s.get("variables") : s.putObject("variables");
            switch (p.op()) {
                case "replace", "add" -> {
                    String value = p.value().orElse("");
                    checkVariable(variable, value);
                    vars.put(variable, value);
                }
                case "remove" -> vars.remove(variable);
                default -> throw p.invalidPath();
            }
            return;
        }
        switch (path) {
            case "/deploymentId" -> {
                p.expect("replace");
                String id = p.value().orElse("");
                DeploymentOps.find(tx, apiId, id);
                s.put("deploymentId", id);
            }
            case "/description" -> {
                p.expect("replace");
                p.value().ifPresentOrElse(v -> s.put("description", v), () -> s.remove("description"));
            }
            case "/tracingEnabled", "/cacheClusterEnabled" -> {
                p.expect("replace");
                s.put(path.substring(1), Boolean.parseBoolean(p.value().orElse("false")));
            }
            default -> throw p.invalidPath();
        }
    }

    JsonNode delete(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String name = Input.required(in, "stageName");
        ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            find(tx, apiId, name);
            tx.restApis().deletePart(apiId, Docs.STAGE, name);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }
}
