package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.rules.RuleBook;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource, ListTagsForResource on a rule ({@code …:rule/[<bus>/]<rule>}) or a bus
 * ({@code …:event-bus/<bus>}) of this region and account: the Tags that PutRule and CreateEventBus take.
 */
final class TagOps {
    /** At most 50 tags per resource, as AWS. */
    static final int MAX_TAGS = 50;

    private final RuleBook rules;
    private final Pattern arn;

    TagOps(EventBridgeContext context, RuleBook rules) {
        this.rules = rules;
        this.arn = Pattern.compile("arn:aws:events:" + Pattern.quote(context.settings().region().name()) + ":"
                + Pattern.quote(context.settings().account().id()) + ":(rule|event-bus)/(.+)");
    }

    void register(Map<String, EventsOperations.Operation> operations) {
        operations.put("TagResource", this::tag);
        operations.put("UntagResource", this::untag);
        operations.put("ListTagsForResource", this::list);
    }

    /** A taggable resource: a bus, or a rule on a bus. */
    private record Resource(String bus, Optional<String> rule) {
    }

    private Resource resource(ObjectNode in) {
        String given = Fields.required(in, "ResourceARN");
        Matcher m = arn.matcher(given);
        if (!m.matches()) {
            throw EventBridgeErrors.validation("Parameter ResourceARN is not valid.");
        }
        String path = m.group(2);
        if (m.group(1).equals("event-bus")) {
            return new Resource(path, Optional.empty());
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? new Resource("default", Optional.of(path))
                : new Resource(path.substring(0, slash), Optional.of(path.substring(slash + 1)));
    }

    private ObjectNode read(Resource r) {
        if (r.rule().isPresent()) {
            return rules.rule(r.bus(), r.rule().get()).orElseThrow(() -> RuleOps.missing(r.bus(), r.rule().get()));
        }
        return rules.bus(r.bus()).orElseThrow(() -> EventBridgeErrors.notFound("Event bus " + r.bus() + " does not exist."));
    }

    private void write(Resource r, ObjectNode doc) {
        if (r.rule().isPresent()) {
            rules.putRule(r.bus(), doc);
        } else {
            rules.putBus(doc);
        }
    }

    private JsonNode tag(ObjectNode in) {
        Resource r = resource(in);
        JsonNode given = in.get("Tags");
        if (given == null || given.isNull()) {
            throw Fields.invalid(null, "Tags", "Member must not be null");
        }
        return rules.atomically(() -> {
            ObjectNode doc = read(r);
            ArrayNode tags = Fields.mergeTags(doc.path("Tags"), given);
            if (tags.size() > MAX_TAGS) {
                throw EventBridgeErrors.limitExceeded("The requested resource exceeds the maximum number allowed.");
            }
            doc.set("Tags", tags);
            write(r, doc);
            return Fields.object();
        });
    }

    private JsonNode untag(ObjectNode in) {
        Resource r = resource(in);
        JsonNode keys = in.get("TagKeys");
        if (keys == null || !keys.isArray()) {
            throw Fields.invalid(null, "TagKeys", "Member must not be null");
        }
        Set<String> remove = new HashSet<>();
        keys.forEach(k -> remove.add(k.asText()));
        return rules.atomically(() -> {
            ObjectNode doc = read(r);
            ArrayNode kept = Fields.array();
            doc.path("Tags").forEach(t -> {
                if (!remove.contains(t.path("Key").asText())) {
                    kept.add(t);
                }
            });
            doc.set("Tags", kept);
            write(r, doc);
            return Fields.object();
        });
    }

    private JsonNode list(ObjectNode in) {
        ObjectNode doc = read(resource(in));
        ObjectNode out = Fields.object();
        out.set("Tags", doc.path("Tags").isArray() ? doc.get("Tags") : Fields.array());
        return out;
    }
}
