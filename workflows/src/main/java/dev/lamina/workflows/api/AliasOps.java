package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
 * DeleteStateMachineAlias, ListStateMachineAliases. An alias routes executions to one or two
 * versions of one machine by weight (the weights sum to 100).
 */
final class AliasOps {
    private static final Pattern NAME = Pattern.compile("(?=.*[a-zA-Z_\\-.])[a-zA-Z0-9_\\-.]+");

    private final MachineBook book;
    private final VersionOps versions;
    private final Arns arns;
    private final Clock clock;

    AliasOps(MachineBook book, VersionOps versions, Arns arns, Clock clock) {
        this.book = book;
        this.versions = versions;
        this.arns = arns;
        this.clock = clock;
    }

    void register(Map<String, StatesOperations.Operation> operations) {
        operations.put("CreateStateMachineAlias", this::create);
        operations.put("DescribeStateMachineAlias", this::describe);
        operations.put("UpdateStateMachineAlias", this::update);
        operations.put("DeleteStateMachineAlias", this::delete);
        operations.put("ListStateMachineAliases", this::list);
    }

    static RuntimeException notFound() {
        return StatesErrors.resourceNotFound("Request references a resource that does not exist.");
    }

    /** An alias ARN: {@code …:stateMachine:<machine>:<alias>}, the alias not a number. */
    private static StatesArn aliasArn(String arn) {
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine"));
        if (parsed.qualifier().isEmpty() || parsed.versioned()) {
            throw StatesArn.wrongType(parsed.versioned() ? "stateMachineVersion" : "stateMachine");
        }
        return parsed;
    }

    /** Checks a routing configuration; answers the name of the one machine its versions belong to. */
    private String routing(JsonNode routing) {
        if (routing == null || !routing.isArray() || routing.isEmpty() || routing.size() > 2) {
            throw StatesErrors.validation("1 validation error detected: Value at 'routingConfiguration' failed to "
                    + "satisfy constraint: Member must have length " + (routing == null || routing.isEmpty()
                    ? "greater than or equal to 1" : "less than or equal to 2"));
        }
        List<String> arnsGiven = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        routing.forEach(r -> {
            arnsGiven.add(r.path("stateMachineVersionArn").asText());
            weights.add(r.path("weight").asInt());
        });
        String list = "[" + String.join(", ", arnsGiven) + "]";
        if (new HashSet<>(arnsGiven).size() < arnsGiven.size()) {
            throw StatesErrors.validation("Routing configuration must contain distinct state machine version ARNs. "
                    + "Received: " + list);
        }
        for (int i = 0; i < weights.size(); i++) {
            if (weights.get(i) < 0 || weights.get(i) > 100) {
                throw StatesErrors.validation("1 validation error detected: Value '" + weights.get(i) + "' at "
                        + "'routingConfiguration." + (i + 1) + ".member.weight' failed to satisfy constraint: Member must"
                        + " have value " + (weights.get(i) < 0 ? "greater than or equal to 0" : "less than or equal to 100"));
            }
        }
        if (weights.stream().mapToInt(Integer::intValue).sum() != 100) {
            throw StatesErrors.validation("Sum of routing configuration weights must equal 100. Received: "
                    + weights.toString().replace(" ", ""));
        }
        Set<String> machines = new HashSet<>();
        for (String v : arnsGiven) {
            StatesArn parsed = StatesArn.parse(v, Set.of("stateMachine"));
            if (!parsed.versioned()) {
                throw StatesErrors.validation("Routing configuration must contain state machine version ARNs. "
                        + "Received: " + list);
            }
            machines.add(parsed.machineName());
        }
        if (machines.size() > 1) {
            throw StatesErrors.validation("Routing configuration must contain state machine version ARNs of the same "
                    + "state machine. Received: " + list);
        }
        for (String v : arnsGiven) {
            if (versions.version(v) == null) {
                throw notFound();
            }
        }
        return machines.iterator().next();
    }

    private static ArrayNode copyRouting(JsonNode routing) {
        ArrayNode out = Fields.array();
        routing.forEach(r -> out.addObject().put("stateMachineVersionArn", r.path("stateMachineVersionArn").asText())
                .put("weight", r.path("weight").asInt()));
        return out;
    }

    private JsonNode create(ObjectNode in) {
        String name = Fields.required(in, "name");
        if (name.length() > 80 || !NAME.matcher(name).matches()) {
            throw StatesErrors.validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
        }
        Optional<String> description = Fields.optional(in, "description");
        return book.atomically(() -> {
            String machine = routing(in.get("routingConfiguration"));
            ArrayNode routing = copyRouting(in.get("routingConfiguration"));
            String arn = arns.stateMachineAlias(machine, name);
            Optional<ObjectNode> existing = book.find(Kind.ALIAS, machine, name);
            if (existing.isPresent()) {
                ObjectNode e = existing.get();
                if (e.path("routingConfiguration").equals(routing)
                        && e.path("description").asText("").equals(description.orElse(""))) {
                    return Fields.object().put("stateMachineAliasArn", arn)
                            .put("creationDate", Fields.seconds(e.path("creationDate").asLong()));
                }
                throw StatesErrors.conflict("Failed to create alias because an alias with the same name and a "
                        + "different routing configuration already exists.");
            }
            long now = clock.millis();
            ObjectNode doc = Fields.object().put("stateMachineAliasArn", arn).put("name", name);
            description.ifPresent(d -> doc.put("description", d));
            doc.set("routingConfiguration", routing);
            doc.put("creationDate", now).put("updateDate", now);
            book.put(Kind.ALIAS, machine, name, doc);
            return Fields.object().put("stateMachineAliasArn", arn).put("creationDate", Fields.seconds(now));
        });
    }

    private ObjectNode alias(String arn) {
        StatesArn parsed = aliasArn(arn);
        if (!arn.equals(arns.stateMachineAlias(parsed.machineName(), parsed.qualifier().orElseThrow()))) {
            throw notFound();
        }
        return book.find(Kind.ALIAS, parsed.machineName(), parsed.qualifier().orElseThrow()).orElseThrow(AliasOps::notFound);
    }

    private JsonNode describe(ObjectNode in) {
        ObjectNode doc = alias(Fields.required(in, "stateMachineAliasArn"));
        ObjectNode out = Fields.object().put("stateMachineAliasArn", doc.path("stateMachineAliasArn").asText())
                .put("name", doc.path("name").asText());
        if (doc.hasNonNull("description")) {
            out.put("description", doc.path("description").asText());
        }
        out.set("routingConfiguration", doc.path("routingConfiguration"));
        out.put("creationDate", Fields.seconds(doc.path("creationDate").asLong()))
                .put("updateDate", Fields.seconds(doc.path("updateDate").asLong()));
        return out;
    }

    private JsonNode update(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineAliasArn");
        StatesArn parsed = aliasArn(arn);
        Optional<String> description = Fields.optional(in, "description");
        JsonNode routing = in.get("routingConfiguration");
        if (description.isEmpty() && (routing == null || routing.isNull())) {
            throw StatesErrors.of("MissingRequiredParameter",
                    "Either the description or the RoutingConfiguration must be specified");
        }
        return book.atomically(() -> {
            ObjectNode doc = alias(arn);
            if (routing != null && !routing.isNull()) {
                if (!routing(routing).equals(parsed.machineName())) {
                    throw StatesErrors.validation("Routing configuration must contain state machine version ARNs of "
                            + "the alias's state machine.");
                }
                doc.set("routingConfiguration", copyRouting(routing));
            }
            description.ifPresent(d -> doc.put("description", d));
            long now = clock.millis();
            doc.put("updateDate", now);
            book.put(Kind.ALIAS, parsed.machineName(), doc.path("name").asText(), doc);
            return Fields.object().put("updateDate", Fields.seconds(now));
        });
    }

    private JsonNode delete(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineAliasArn");
        StatesArn parsed = aliasArn(arn);
        book.atomically(() -> {
            if (arn.equals(arns.stateMachineAlias(parsed.machineName(), parsed.qualifier().orElseThrow()))) {
                book.delete(Kind.ALIAS, parsed.machineName(), parsed.qualifier().orElseThrow());
            }
            return null;
        });
        return Fields.object();
    }

    /** Of a machine, or (given a version ARN) the aliases that route to that version. */
    private JsonNode list(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineArn");
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine"));
        String machine = parsed.machineName();
        if (!arn.startsWith(arns.stateMachine(machine)) || book.find(Kind.MACHINE, "", machine).isEmpty()) {
            throw StatesErrors.stateMachineDoesNotExist(arn);
        }
        if (parsed.qualifier().isPresent() && !parsed.versioned()) {
            throw StatesArn.wrongType("stateMachineAlias");
        }
        List<ObjectNode> all = book.list(Kind.ALIAS, machine).stream()
                .filter(a -> !parsed.versioned() || VersionOps.routes(a, arn)).toList();
        Fields.Page<ObjectNode> page = Fields.page(in, all, d -> d.path("name").asText());
        ObjectNode out = Fields.object();
        ArrayNode items = out.putArray("stateMachineAliases");
        page.items().forEach(d -> items.addObject().put("stateMachineAliasArn", d.path("stateMachineAliasArn").asText())
                .put("creationDate", Fields.seconds(d.path("creationDate").asLong())));
        page.nextToken(out);
        return out;
    }
}
