package dev.lamina.gateway.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;
import dev.lamina.store.gateway.httpapis.StoredHttpApi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored documents of HTTP APIs: each is the operation output's members (model names) as JSON,
 * with timestamps as ISO-8601 text; what only Lamina needs starts with {@code _}.
 */
final class Docs {
    static final ObjectMapper JSON = new ObjectMapper();

    private Docs() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("a stored HTTP API document is not a JSON object", e);
        }
    }

    /** ISO-8601 with whole seconds, as API Gateway answers ({@code 2020-04-08T19:05:45Z}). */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static ObjectNode map(Map<String, String> values) {
        ObjectNode o = object();
        values.forEach(o::put);
        return o;
    }

    /** The document without Lamina's own {@code _} members: what an operation answers. */
    static ObjectNode output(ObjectNode doc) {
        ObjectNode out = doc.deepCopy();
        List<String> own = new ArrayList<>();
        doc.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("_")) {
                own.add(n);
            }
        });
        out.remove(own);
        return out;
    }

    static ObjectNode api(Transaction tx, String account, String apiId) {
        return tx.httpApis().find(apiId).map(a -> parse(a.document())).orElseThrow(
                () -> Errors.notFound("Invalid API identifier specified " + account + ":" + apiId));
    }

    static Optional<ObjectNode> part(Transaction tx, String apiId, Kind kind, String id) {
        return tx.httpApis().findPart(apiId, kind, id).map(p -> parse(p.document()));
    }

    static List<ObjectNode> parts(Transaction tx, String apiId, Kind kind) {
        return tx.httpApis().parts(apiId, kind).stream().map(p -> parse(p.document())).toList();
    }

    static void putApi(Transaction tx, String apiId, ObjectNode doc, Instant created) {
        tx.httpApis().put(new StoredHttpApi(apiId, doc.toString(), created));
    }

    static void putPart(Transaction tx, String apiId, Kind kind, String id, JsonNode doc, Instant created) {
        tx.httpApis().putPart(new HttpApiPart(apiId, kind, id, doc.toString(), created));
    }

    /** One page of a listing: {@code Items} and, when more follow, {@code NextToken} (an offset). */
    static ObjectNode page(List<ObjectNode> items, Optional<String> maxResults, Optional<String> nextToken) {
        int start = 0;
        int max = 100;
        try {
            if (nextToken.isPresent()) {
                start = Integer.parseInt(nextToken.get());
            }
            if (maxResults.isPresent()) {
                max = Integer.parseInt(maxResults.get());
            }
        } catch (NumberFormatException e) {
            throw Errors.badRequest("Invalid pagination token or MaxResults");
        }
        if (start < 0 || max < 1 || max > 500) {
            throw Errors.badRequest("Invalid pagination token or MaxResults");
        }
        ObjectNode out = object();
        ArrayNode a = out.putArray("Items");
        int end = Math.min(items.size(), start + max);
        for (int i = Math.min(start, items.size()); i < end; i++) {
            a.add(output(items.get(i)));
        }
        if (end < items.size()) {
            out.put("NextToken", Integer.toString(end));
        }
        return out;
    }
}
