package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi. */
final class RestApiOps {
    private static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");
    private final Ops ops;

    RestApiOps(Ops ops) {
        this.ops = ops;
    }

    /** Creates the API and its root resource {@code /} in one transaction. */
    JsonNode create(ObjectNode in) {
        String name = Input.required(in, "name");
        if (name.isBlank()) {
            throw Errors.badRequest("Invalid REST API name specified");
        }
        if (in.hasNonNull("cloneFrom")) {
            throw Errors.badRequest("Lamina does not clone REST APIs (cloneFrom)");
        }
        ObjectNode api = Docs.JSON.createObjectNode();
        String id = Ids.next();
        String rootId = Ids.next();
        api.put("id", id);
        api.put("name", name);
        Input.text(in, "description").ifPresent(d -> api.put("description", d));
        api.put("createdDate", ops.now());
        Input.text(in, "version").ifPresent(v -> api.put("version", v));
        List<String> binary = Input.strings(in, "binaryMediaTypes");
        for (String type : binary) {
            checkMediaType(type);
        }
        if (!binary.isEmpty()) {
            binary.stream().distinct().forEach(api.putArray("binaryMediaTypes")::add);
        }
        Optional<Integer> compression = Input.integer(in, "minimumCompressionSize");
        if (compression.isPresent() && (compression.get() < 0 || compression.get() > 10485760)) {
            throw Errors.badRequest("Invalid minimumCompressionSize specified");
        }
        compression.ifPresent(c -> api.put("minimumCompressionSize", c));
        String keySource = Input.text(in, "apiKeySource").orElse("HEADER");
        if (!keySource.equals("HEADER") && !keySource.equals("AUTHORIZER")) {
            throw Errors.badRequest("Invalid apiKeySource specified");
        }
        api.put("apiKeySource", keySource);
        api.set("endpointConfiguration", endpointConfiguration(in.get("endpointConfiguration")));
        Input.text(in, "policy").ifPresent(p -> api.put("policy", p));
        if (!Input.map(in, "tags").isEmpty()) {
            Input.map(in, "tags").forEach(api.putObject("tags")::put);
        }
        api.put("disableExecuteApiEndpoint", Input.bool(in, "disableExecuteApiEndpoint").orElse(false));
        api.put("rootResourceId", rootId);
        ObjectNode root = Docs.JSON.createObjectNode();
        root.put("id", rootId);
        root.put("path", "/");
        Instant created = ops.clock().instant();
        ops.store().write(tx -> {
            Docs.putApi(tx, api, created);
            Docs.putPart(tx, id, Docs.RESOURCE, rootId, root, created);
            return null;
        });
        return api;
    }

    private static ObjectNode endpointConfiguration(JsonNode given) {
        ObjectNode out = Docs.JSON.createObjectNode();
        ArrayNode types = out.putArray("types");
        if (given != null && given.path("types").isArray() && !given.path("types").isEmpty()) {
            if (given.path("types").size() > 1) {
                throw Errors.badRequest("Cannot create an api with multiple Endpoint Types.");
            }
            String type = given.path("types").get(0).asText();
            if (!ENDPOINT_TYPES.contains(type)) {
                throw Errors.badRequest("Invalid endpoint type: " + type);
            }
            types.add(type);
        } else {
            types.add("EDGE");
        }
        out.put("ipAddressType", given != null && given.hasNonNull("ipAddressType")
                ? given.get("ipAddressType").asText() : "ipv4");
        if (given != null && given.path("vpcEndpointIds").isArray()) {
            out.set("vpcEndpointIds", given.get("vpcEndpointIds"));
        }
        return out;
    }

    /** A binary media type is {@code type/subtype}, either part possibly {@code *}. */
    static void checkMediaType(String type) {
        if (!type.matches("[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*")) {
            throw Errors.badRequest("Invalid binary media type: " + type);
        }
    }

    JsonNode get(ObjectNode in) {
        String id = Input.required(in, "restApiId");
        return ops.store().read(tx -> Docs.api(tx, ops.account(), id));
    }

    JsonNode list(ObjectNode in) {
        int limit = Input.limit(in);
        Optional<String> position = Input.text(in, "position");
        var page = ops.store().read(tx -> tx.restApis().list(position, limit + 1));
        ObjectNode out = Docs.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            items.add(Docs.read(page.get(i).document()));
        }
        if (page.size() > limit) {
            out.put("position", page.get(limit - 1).id());
        }
        return out;
    }

    JsonNode update(ObjectNode in) {
        String id = Input.required(in, "restApiId");
        List<Patch> patches = Patch.list(in);
        return ops.store().write(tx -> {
            ObjectNode api = Docs.api(tx, ops.account(), id);
            for (Patch p : patches) {
                apply(api, p);
            }
            Docs.putApi(tx, api, Instant.EPOCH);
            return api;
        });
    }

    private static void apply(ObjectNode api, Patch p) {
        String path = p.path();
        switch (path) {
            case "/name" -> {
                p.expect("replace");
                String name = p.value().filter(v -> !v.isBlank())
                        .orElseThrow(() -> Errors.badRequest("Invalid REST API name specified"));
                api.put("name", name);
            }
            case "/description", "/version", "/policy" -> {
                p.expect("replace");
                String member = path.substring(1);
                p.value().ifPresentOrElse(v -> api.put(member, v), () -> api.remove(member));
            }
            case "/apiKeySource" -> {
                p.expect("replace");
                String v = p.value().orElse("");
                if (!v.equals("HEADER") && !v.equals("AUTHORIZER")) {
                    throw Errors.badRequest("Invalid apiKeySource specified");
                }
                api.put("apiKeySource", v);
            }
            case "/disableExecuteApiEndpoint" -> {
                p.expect("replace");
                api.put("disableExecuteApiEndpoint", Boolean.parseBoolean(p.value().orElse("false")));
            }
            case "/minimumCompressionSize" -> {
                p.expect("replace");
                if (p.value().filter(v -> !v.isEmpty()).isEmpty()) {
                    api.remove("minimumCompressionSize");
                } else if (p.value().get().matches("\\d{1,8}") && Integer.parseInt(p.value().get()) <= 10485760) {
                    api.put("minimumCompressionSize", Integer.parseInt(p.value().get()));
                } else {
                    throw Errors.badRequest("Invalid minimumCompressionSize specified");
                }
            }
            default -> {
                if (path.startsWith("/binaryMediaTypes/")) {
                    binaryMediaType(api, p, Patch.unescape(path.substring("/binaryMediaTypes/".length())));
                } else {
                    throw p.invalidPath();
                }
            }
        }
    }

    /** add and remove name the type in the path; replace swaps the path's type for the value. */
    private static void binaryMediaType(ObjectNode api, Patch p, String type) {
        ArrayNode types = api.has("binaryMediaTypes") ? (ArrayNode) api.get("binaryMediaTypes")
                : api.putArray("binaryMediaTypes");
        switch (p.op()) {
            case "add" -> {
                checkMediaType(type);
                if (!contains(types, type)) {
                    types.add(type);
                }
            }
            case "remove" -> remove(types, type);
            case "replace" -> {
                String to = p.value().orElseThrow(() -> Errors.badRequest("Invalid binary media type: null"));
                checkMediaType(to);
                remove(types, type);
                if (!contains(types, to)) {
                    types.add(to);
                }
            }
            default -> throw p.invalidPath();
        }
        if (types.isEmpty()) {
            api.remove("binaryMediaTypes");
        }
    }

    private static boolean contains(ArrayNode types, String type) {
        for (JsonNode t : types) {
            if (t.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static void remove(ArrayNode types, String type) {
        for (int i = types.size() - 1; i >= 0; i--) {
            if (types.get(i).asText().equals(type)) {
                types.remove(i);
            }
        }
    }

    JsonNode delete(ObjectNode in) {
        String id = Input.required(in, "restApiId");
        ops.store().write(tx -> {
            Docs.api(tx, ops.account(), id);
            return tx.restApis().delete(id);
        });
        return Docs.JSON.createObjectNode();
    }
}
