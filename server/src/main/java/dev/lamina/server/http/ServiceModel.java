package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's botocore model ({@code service-2.json}), read once from the service module's resources:
 * the operations, their input and output shapes, and the metadata the codecs need. A model may come
 * with an overlay of the same form whose {@code metadata} and {@code shapes} members are merged into
 * it, member by member: that is how a service whose current model speaks JSON (SQS) keeps the
 * query protocol's serialization traits ({@code locationName}, {@code flattened}) and
 * {@code xmlNamespace} of its older query model, as data.
 */
public final class ServiceModel {
    private final ObjectNode root;

    private ServiceModel(ObjectNode root) {
        this.root = root;
    }

    /**
     * Loads {@code resource} (and {@code overlay}, when given) with {@code loader}.
     *
     * @throws IllegalStateException when a resource is missing or not a model: a build defect
     */
    public static ServiceModel load(ClassLoader loader, String resource, Optional<String> overlay) {
        ObjectNode model = read(loader, resource);
        overlay.ifPresent(name -> merge(model, read(loader, name)));
        return new ServiceModel(model);
    }

    /** A model from a tree (tests). */
    static ServiceModel of(ObjectNode root) {
        return new ServiceModel(root);
    }

    private static ObjectNode read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no service model at " + resource);
            }
            JsonNode node = Json.MAPPER.readTree(in);
            if (!(node instanceof ObjectNode o) || !o.path("shapes").isObject()) {
                throw new IllegalStateException(resource + " is not a service model");
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Objects merge member by member; anything else in the overlay replaces what was there. */
    static void merge(ObjectNode into, ObjectNode overlay) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    public Set<String> operations() {
        Set<String> names = new TreeSet<>();
        root.path("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public boolean hasOperation(String name) {
        return root.path("operations").has(name);
    }

    /**
     * An operation's HTTP binding (rest protocols): method, request URI template, and the status of
     * a successful answer (200 unless the model says otherwise).
     */
    record Http(String method, String requestUri, int responseCode) {
    }

    Http http(String operation) {
        JsonNode http = root.path("operations").path(operation).path("http");
        return new Http(http.path("method").asText("POST"), http.path("requestUri").asText("/"),
                http.path("responseCode").asInt(200));
    }

    /** The operation's input shape's name, if it has an input. */
    Optional<String> inputShape(String operation) {
        return text(root.path("operations").path(operation).path("input").path("shape"));
    }

    Optional<String> outputShape(String operation) {
        return text(root.path("operations").path(operation).path("output").path("shape"));
    }

    /** The shape of that name; a missing node when the model has none (a model defect, read as a string). */
    JsonNode shape(String name) {
        JsonNode shape = root.path("shapes").path(name);
        return shape.isObject() ? shape : MissingNode.getInstance();
    }

    Optional<String> metadata(String name) {
        return text(root.path("metadata").path(name));
    }

    /**
     * The query protocol's own wording of an error, where it differs from the JSON protocol's that the
     * service gives (the overlay's {@code queryErrorMessages}, by error code: SQS's
     * QueueDoesNotExist is "… does not exist for this wsdl version." in XML only).
     */
    Optional<String> queryErrorMessage(String code) {
        return text(root.path("queryErrorMessages").path(code));
    }

    /** The model is {@code awsQueryCompatible}: its JSON errors carry the query error code too. */
    public boolean awsQueryCompatible() {
        return root.path("metadata").has("awsQueryCompatible");
    }

    /** {@code application/x-amz-json-1.0} or {@code -1.1}, from {@code jsonVersion}. */
    public String jsonContentType() {
        return "application/x-amz-json-" + metadata("jsonVersion").orElse("1.1");
    }

    public Optional<String> targetPrefix() {
        return metadata("targetPrefix");
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
