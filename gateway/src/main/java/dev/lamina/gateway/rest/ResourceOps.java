package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GetResources, GetResource, CreateResource, DeleteResource. A resource's {@code pathPart} is a
 * literal ({@code items}), a path parameter ({@code {id}}) or a greedy one ({@code {proxy+}}); a
 * parent has at most one variable child, and a greedy resource has no children.
 */
final class ResourceOps {
    private static final String LITERAL = "[a-zA-Z0-9._:-]+";
    private static final String VARIABLE = "\\{[a-zA-Z0-9._-]+\\+?}";
    private final Ops ops;

    ResourceOps(Ops ops) {
        this.ops = ops;
    }

    JsonNode list(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        int limit = Input.limit(in);
        boolean embed = Input.strings(in, "embed").contains("methods");
        List<ObjectNode> all = ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return Docs.parts(tx, apiId, Docs.RESOURCE);
        });
        Docs.Page<ObjectNode> page = Docs.page(all, r -> r.get("id").asText(), Input.text(in, "position"), limit);
        ObjectNode out = Docs.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(r -> items.add(view(r, embed)));
        page.position().ifPresent(p -> out.put("position", p));
        return out;
    }

    JsonNode get(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "resourceId");
        boolean embed = Input.strings(in, "embed").contains("methods");
        return view(ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return Docs.resource(tx, apiId, id);
        }), embed);
    }

    /** Without {@code embed=methods} a resource shows each method as an empty object, as AWS does. */
    static ObjectNode view(ObjectNode resource, boolean embed) {
        ObjectNode out = resource.deepCopy();
        if (!embed && out.has("resourceMethods")) {
            ObjectNode methods = out.putObject("resourceMethods");
            resource.get("resourceMethods").fieldNames().forEachRemaining(methods::putObject);
        }
        return out;
    }

    JsonNode create(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String parentId = Input.required(in, "parentId");
        String pathPart = Input.required(in, "pathPart");
        if (!pathPart.matches(LITERAL) && !pathPart.matches(VARIABLE)) {
            throw Errors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning"
                    + " and the end and an optional plus sign before the closing brace.");
        }
        return ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            ObjectNode parent = Docs.resource(tx, apiId, parentId);
            if (greedy(parent.path("pathPart").asText())) {
                throw Errors.badRequest("Cannot create a child of a resource with a greedy path variable: "
                        + parent.get("pathPart").asText());
            }
            for (ObjectNode sibling : children(tx, apiId, parentId)) {
                String other = sibling.get("pathPart").asText();
                if (other.equals(pathPart)) {
                    throw Errors.conflict("Another resource with the same parent already has this name: " + pathPart);
                }
                if (variable(other) && variable(pathPart)) {
                    throw Errors.badRequest("A sibling (" + other + ") of this resource already has a variable path"
                            + " part -- only one is allowed");
                }
            }
            String parentPath = parent.get("path").asText();
            ObjectNode r = Docs.JSON.createObjectNode();
            String id = Ids.next();
            r.put("id", id);
            r.put("parentId", parentId);
            r.put("pathPart", pathPart);
            r.put("path", (parentPath.equals("/") ? "" : parentPath) + "/" + pathPart);
            Docs.putPart(tx, apiId, Docs.RESOURCE, id, r, Instant.ofEpochMilli(ops.clock().millis()));
            return r;
        });
    }

    /** Deletes the resource with its methods and every resource below it; the root stays. */
    JsonNode delete(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "resourceId");
        ops.store().write(tx -> {
            ObjectNode api = Docs.api(tx, ops.account(), apiId);
            Docs.resource(tx, apiId, id);
            if (api.path("rootResourceId").asText().equals(id)) {
                throw Errors.badRequest("Cannot delete the root resource of a REST API.");
            }
            List<ObjectNode> all = Docs.parts(tx, apiId, Docs.RESOURCE);
            Set<String> doomed = new HashSet<>(Set.of(id));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (ObjectNode r : all) {
                    if (r.has("parentId") && doomed.contains(r.get("parentId").asText())
                            && doomed.add(r.get("id").asText())) {
                        grew = true;
                    }
                }
            }
            doomed.forEach(d -> tx.restApis().deletePart(apiId, Docs.RESOURCE, d));
            return null;
        });
        return Docs.JSON.createObjectNode();
    }

    private static List<ObjectNode> children(Transaction tx, String apiId, String parentId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : Docs.parts(tx, apiId, Docs.RESOURCE)) {
            if (r.path("parentId").asText().equals(parentId)) {
                out.add(r);
            }
        }
        return out;
    }

    static boolean variable(String pathPart) {
        return pathPart.startsWith("{");
    }

    static boolean greedy(String pathPart) {
        return pathPart.startsWith("{") && pathPart.endsWith("+}");
    }

    /** The resource's document for writing methods into, or NotFound. */
    static Optional<ObjectNode> find(Transaction tx, String apiId, String id) {
        return Docs.part(tx, apiId, Docs.RESOURCE, id);
    }
}
