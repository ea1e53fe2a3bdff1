package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.delivery.DeliveryService;
import dev.lamina.eventbridge.rules.RuleBook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@link EventsApi} as a table from operation name to its handler; each group of operations registers its own. */
public final class EventsOperations implements EventsApi {

    /** One operation: the input in, the output document out. */
    interface Operation {
        JsonNode run(ObjectNode input);
    }

    private final Arns arns;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    public EventsOperations(EventBridgeContext context, RuleBook rules, DeliveryService deliveries) {
        this.arns = context.arns();
        new BusOps(context, rules).register(operations);
        new RuleOps(context, rules).register(operations);
        new TargetOps(context, rules).register(operations);
        new PatternOps().register(operations);
        new TagOps(context, rules).register(operations);
        new PutEventsOps(context, deliveries).register(operations);
    }

    @Override
    public Set<String> operations() {
        return Set.copyOf(operations.keySet());
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        String bus = busName(input.path("EventBusName").asText(Arns.DEFAULT_BUS));
        return switch (operation) {
            case "PutRule", "DeleteRule", "DescribeRule", "EnableRule", "DisableRule", "PutTargets", "RemoveTargets",
                 "ListTargetsByRule" -> input.path("Name").isTextual() || input.path("Rule").isTextual()
                    ? arns.rule(bus, input.path("Name").asText(input.path("Rule").asText())) : "*";
            case "CreateEventBus", "DeleteEventBus", "DescribeEventBus", "UpdateEventBus", "PutPermission",
                 "RemovePermission" -> arns.bus(input.path("Name").asText(input.path("EventBusName").asText(bus)));
            case "TagResource", "UntagResource", "ListTagsForResource" -> input.path("ResourceARN").asText("*");
            default -> "*";
        };
    }

    /** A bus named by name or by ARN ({@code …:event-bus/<name>}), as EventBusName may be given. */
    static String busName(String nameOrArn) {
        int slash = nameOrArn.startsWith("arn:") ? nameOrArn.lastIndexOf("event-bus/") : -1;
        return slash < 0 ? nameOrArn : nameOrArn.substring(slash + "event-bus/".length());
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw EventBridgeErrors.validation("The operation " + operation + " is not supported by Lamina.");
        }
        return op.run(input);
    }
}
