package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The query protocol's names for a model's members, as AWS's SDKs serialize them: a member is
 * named by its reference's {@code locationName}, else its shape's, else its own name; a flattened
 * list repeats its member's name ({@code AttributeName.1}, {@code <QueueUrl>…</QueueUrl>}) where a
 * wrapped one nests {@code member}; a map's entries are {@code key}/{@code value} unless renamed
 * ({@code Attribute.1.Name}, {@code Attribute.1.Value}), and a wrapped map nests {@code entry}.
 */
final class QueryNames {
    private final ServiceModel model;

    QueryNames(ServiceModel model) {
        this.model = model;
    }

    /** The shape a member reference points at. */
    JsonNode target(JsonNode ref) {
        return model.shape(ref.path("shape").asText(""));
    }

    String type(JsonNode ref) {
        return target(ref).path("type").asText("string");
    }

    /** The name a structure's member goes by. */
    String memberName(JsonNode ref, String name) {
        return locationName(ref).orElse(name);
    }

    boolean flattened(JsonNode ref) {
        return ref.path("flattened").asBoolean(false) || target(ref).path("flattened").asBoolean(false);
    }

    /** A list's member's own name, if it has one ({@code AttributeName}). */
    Optional<String> listMemberName(JsonNode listRef) {
        return locationName(target(listRef).path("member"));
    }

    /** The name of a map's key or value ({@code which} is {@code key} or {@code value}). */
    String mapPartName(JsonNode mapRef, String which) {
        return locationName(target(mapRef).path(which)).orElse(which);
    }

    JsonNode listMember(JsonNode listRef) {
        return target(listRef).path("member");
    }

    JsonNode mapPart(JsonNode mapRef, String which) {
        return target(mapRef).path(which);
    }

    private Optional<String> locationName(JsonNode ref) {
        if (ref.hasNonNull("locationName")) {
            return Optional.of(ref.get("locationName").asText());
        }
        JsonNode shape = target(ref);
        return shape.hasNonNull("locationName") ? Optional.of(shape.get("locationName").asText()) : Optional.empty();
    }
}
