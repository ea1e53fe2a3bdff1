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

    /**
     * The IAM resource of a call, as AWS's authorization reference gives it: a rule's ARN for the
     * operations on one rule (the rule on the bus EventBusName names), a bus's ARN for the
     * operations on one bus (and PutEvents, when all its entries name one bus), the ARN given to
     * the tag operations, and {@code *} for listings and TestEventPattern.
     */
    @Override
    public String resource(String operation, ObjectNode input) {
        String bus = busName(text(input, "EventBusName").orElse(Arns.DEFAULT_BUS));
        return switch (operation) {
            case "PutRule", "DeleteRule", "DescribeRule", "EnableRule", "DisableRule" ->
                    text(input, "Name").map(rule -> arns.rule(bus, rule)).orElse("*");
            case "PutTargets", "RemoveTargets", "ListTargetsByRule" ->
                    text(input, "Rule").map(rule -> arns.rule(bus, rule)).orElse("*");
            case "CreateEventBus", "DeleteEventBus", "DescribeEventBus", "UpdateEventBus" ->
                    arns.bus(busName(text(input, "Name").orElse(Arns.DEFAULT_BUS)));
            case "PutPermission", "RemovePermission" -> arns.bus(bus);
            case "PutEvents" -> putEventsBus(input).map(arns::bus).orElse("*");
            case "TagResource", "UntagResource", "ListTagsForResource" -> text(input, "ResourceARN").orElse("*");
            default -> "*";
        };
    }

    private static java.util.Optional<String> text(ObjectNode input, String member) {
        JsonNode v = input.get(member);
        return v != null && v.isTextual() ? java.util.Optional.of(v.asText()) : java.util.Optional.empty();
    }

    /** The one bus every PutEvents entry names (absent: default), if they agree. */
    private static java.util.Optional<String> putEventsBus(ObjectNode input) {
        Set<String> buses = new java.util.HashSet<>();
        input.path("Entries").forEach(e -> buses.add(busName(e.path("EventBusName").asText(Arns.DEFAULT_BUS))));
        return buses.size() == 1 ? buses.stream().findFirst() : java.util.Optional.empty();
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
