package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.rules.RuleBook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateEventBus, DescribeEventBus, UpdateEventBus, DeleteEventBus, ListEventBuses, and the bus's
 * resource policy (PutPermission, RemovePermission), which is stored and shown by DescribeEventBus
 * but not yet evaluated.
 */
final class BusOps {
    private static final List<String> LISTED = List.of("Name", "Arn", "Description", "Policy", "CreationTime",
            "LastModifiedTime");

    private final RuleBook rules;
    private final Arns arns;
    private final String account;

    BusOps(EventBridgeContext context, RuleBook rules) {
        this.rules = rules;
        this.arns = context.arns();
        this.account = context.settings().account().id();
    }

    void register(Map<String, EventsOperations.Operation> operations) {
        operations.put("CreateEventBus", this::create);
        operations.put("DescribeEventBus", this::describe);
        operations.put("UpdateEventBus", this::update);
        operations.put("DeleteEventBus", this::delete);
        operations.put("ListEventBuses", this::list);
        new Permissions(rules, arns).register(operations);
    }

    private JsonNode create(ObjectNode in) {
        String name = Fields.required(in, "Name");
        Fields.matching(name, "Name", Fields.CUSTOM_BUS_NAME, "[\\.\\-_A-Za-z0-9]+", 256);
        Optional<String> description = Fields.optional(in, "Description", 512);
        if (Fields.optional(in, "EventSourceName").isPresent()) {
            throw EventBridgeErrors.validation("Partner event sources are not supported by Lamina.");
        }
        if (name.startsWith("aws.")) {
            throw EventBridgeErrors.validation("Event bus name starting with 'aws.' is reserved for partner event buses.");
        }
        ArrayNode tags = Fields.mergeTags(Fields.array(), in.get("Tags"));
        return rules.atomically(() -> {
            if (rules.busExists(name)) {
                throw EventBridgeErrors.alreadyExists("Event bus " + name + " already exists.");
            }
            double now = RuleBook.seconds(rules.now());
            ObjectNode doc = Fields.object().put("Name", name);
            description.ifPresent(d -> doc.put("Description", d));
            doc.put("CreationTime", now).put("LastModifiedTime", now);
            doc.set("Tags", tags);
            rules.putBus(doc);
            ObjectNode out = Fields.object().put("EventBusArn", arns.bus(name));
            description.ifPresent(d -> out.put("Description", d));
            return out;
        });
    }

    private JsonNode describe(ObjectNode in) {
        String name = Fields.busName(in, "Name");
        return shown(existing(name));
    }

    ObjectNode existing(String name) {
        return rules.bus(name).orElseThrow(() -> EventBridgeErrors.notFound("Event bus " + name + " does not exist."));
    }

    private ObjectNode shown(ObjectNode bus) {
        ObjectNode out = Fields.object();
        for (String member : LISTED) {
            if (member.equals("Arn")) {
                out.put("Arn", arns.bus(bus.path("Name").asText()));
            } else if (bus.hasNonNull(member)) {
                out.set(member, bus.get(member));
            }
        }
        return out;
    }

    private JsonNode update(ObjectNode in) {
        String name = Fields.busName(in, "Name");
        Optional<String> description = Fields.optional(in, "Description", 512);
        return rules.atomically(() -> {
            ObjectNode bus = existing(name);
            description.ifPresentOrElse(d -> bus.put("Description", d), () -> bus.remove("Description"));
            bus.put("LastModifiedTime", RuleBook.seconds(rules.now()));
            rules.putBus(bus);
            ObjectNode out = Fields.object().put("Arn", arns.bus(name)).put("Name", name);
            description.ifPresent(d -> out.put("Description", d));
            return out;
        });
    }

    private JsonNode delete(ObjectNode in) {
        String name = Fields.busName(Fields.required(in, "Name"), "Name");
        if (name.equals(Arns.DEFAULT_BUS)) {
            throw EventBridgeErrors.validation("Cannot delete event bus default.");
        }
        rules.deleteBus(name);
        return Fields.object();
    }

    private JsonNode list(ObjectNode in) {
        Optional<String> prefix = Fields.optional(in, "NamePrefix");
        List<ObjectNode> all = rules.buses().stream()
                .filter(b -> prefix.isEmpty() || b.path("Name").asText().startsWith(prefix.get())).toList();
        Fields.Page<ObjectNode> page = Fields.page(in, all, b -> b.path("Name").asText());
        ObjectNode out = Fields.object();
        ArrayNode entries = out.putArray("EventBuses");
        page.items().forEach(b -> entries.add(shown(b)));
        page.nextToken(out);
        return out;
    }
}
