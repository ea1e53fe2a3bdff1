package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes an operation's output document (the JSON protocol's form, as the service answers it) as
 * the query protocol's XML, following the output shape:
 * {@code <SendMessageResponse xmlns="…"><SendMessageResult>…</SendMessageResult><ResponseMetadata>
 * <RequestId>…</RequestId></ResponseMetadata></SendMessageResponse>}. Members appear in the shape's
 * order; flattened lists repeat their member's element ({@code <Message>}, {@code <QueueUrl>}),
 * flattened maps their entry ({@code <Attribute><Name/><Value/></Attribute>}); members the shape
 * does not name, and nulls, are left out. Text is escaped for XML, a carriage return as
 * {@code &#xD;} so that it survives the client's parser.
 */
final class XmlEncoder {
    private final QueryNames names;
    private final StringBuilder out = new StringBuilder(256);

    private XmlEncoder(QueryNames names) {
        this.names = names;
    }

    /** The whole response document of {@code operation}. */
    static String response(ServiceModel model, String operation, JsonNode output, String requestId) {
        XmlEncoder xml = new XmlEncoder(new QueryNames(model));
        StringBuilder out = xml.out;
        out.append("<?xml version=\"1.0\"?><").append(operation).append("Response");
        model.metadata("xmlNamespace").ifPresent(ns -> out.append(" xmlns=\"").append(escape(ns)).append('"'));
        out.append('>');
        model.outputShape(operation).ifPresent(shape -> {
            String wrapper = operation + "Result";
            out.append('<').append(wrapper).append('>');
            xml.members(model.shape(shape), output);
            out.append("</").append(wrapper).append('>');
        });
        out.append("<ResponseMetadata><RequestId>").append(escape(requestId))
                .append("</RequestId></ResponseMetadata></").append(operation).append("Response>");
        return out.toString();
    }

    private void members(JsonNode shape, JsonNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode v = value.get(member.getKey());
            if (v != null && !v.isNull()) {
                member(member.getValue(), names.memberName(member.getValue(), member.getKey()), v);
            }
        }
    }

    private void member(JsonNode ref, String name, JsonNode value) {
        switch (names.type(ref)) {
            case "list" -> {
                JsonNode memberRef = names.listMember(ref);
                if (names.flattened(ref)) {
                    String element = names.listMemberName(ref).orElse(name);
                    value.forEach(v -> element(memberRef, element, v));
                } else {
                    open(name);
                    String element = names.listMemberName(ref).orElse("member");
                    value.forEach(v -> element(memberRef, element, v));
                    close(name);
                }
            }
            case "map" -> {
                boolean flat = names.flattened(ref);
                String entry = flat ? name : "entry";
                String keyName = names.mapPartName(ref, "key");
                String valueName = names.mapPartName(ref, "value");
                if (!flat) {
                    open(name);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    open(entry);
                    open(keyName);
                    out.append(escape(e.getKey()));
                    close(keyName);
                    element(names.mapPart(ref, "value"), valueName, e.getValue());
                    close(entry);
                }
                if (!flat) {
                    close(name);
                }
            }
            default -> element(ref, name, value);
        }
    }

    private void element(JsonNode ref, String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        switch (names.type(ref)) {
            case "structure" -> {
                open(name);
                members(names.target(ref), value);
                close(name);
            }
            case "list", "map" -> member(ref, name, value);
            case "timestamp" -> {
                open(name);
                out.append(value.isNumber() ? Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)).toString()
                        : escape(value.asText()));
                close(name);
            }
            default -> {
                open(name);
                out.append(escape(value.asText()));
                close(name);
            }
        }
    }

    private void open(String name) {
        out.append('<').append(name).append('>');
    }

    private void close(String name) {
        out.append("</").append(name).append('>');
    }

    /** Text or attribute content: markup characters and CR as references, the rest as is. */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String ref = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\r' -> "&#xD;";
                default -> null;
            };
            if (ref != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (ref != null) {
                    b.append(ref);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
