package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * CreateStateMachine, DescribeStateMachine (of a machine or a version), ListStateMachines,
 * UpdateStateMachine, DeleteStateMachine, ValidateStateMachineDefinition.
 */
final class MachineOps {
    private final MachineBook book;
    private final Resolver resolver;
    private final VersionOps versions;
    private final Arns arns;
    private final Clock clock;

    MachineOps(MachineBook book, Resolver resolver, VersionOps versions, Arns arns, Clock clock) {
        this.book = book;
        this.resolver = resolver;
        this.versions = versions;
        this.arns = arns;
        this.clock = clock;
    }

    void register(Map<String, StatesOperations.Operation> operations) {
        operations.put("CreateStateMachine", this::create);
        operations.put("DescribeStateMachine", this::describe);
        operations.put("ListStateMachines", this::list);
        operations.put("UpdateStateMachine", this::update);
        operations.put("DeleteStateMachine", this::delete);
        operations.put("ValidateStateMachineDefinition", DefinitionCheck::validate);
    }

    /** The unqualified machine an ARN names; a version's or alias's ARN is refused here. */
    static String machineName(String arn) {
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine"));
        if (parsed.qualifier().isPresent()) {
            throw StatesErrors.invalidArn("Invalid Arn: 'Resource type not valid in this context: "
                    + (parsed.versioned() ? "stateMachineVersion" : "stateMachineAlias") + "'");
        }
        return parsed.machineName();
    }

    ObjectNode machine(String arn) {
        String name = machineName(arn);
        if (!arn.equals(arns.stateMachine(name))) {
            throw StatesErrors.stateMachineDoesNotExist(arn);
        }
        return book.find(Kind.MACHINE, "", name).orElseThrow(() -> StatesErrors.stateMachineDoesNotExist(arn));
    }

    /** A role ARN is accepted as given (Lamina does not assume it), but must look like an ARN. */
    static String roleArn(String arn) {
        if (!arn.startsWith("arn:") || arn.split(":", -1).length < 6) {
            throw StatesErrors.invalidArn("Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
        }
        return arn;
    }

    /** loggingConfiguration with AWS's defaults (level OFF, includeExecutionData false). */
    static ObjectNode logging(JsonNode given) {
        ObjectNode out = given != null && given.isObject() ? ((ObjectNode) given).deepCopy() : Fields.object();
        String level = out.path("level").asText("OFF");
        int destinations = out.path("destinations").size();
        if (destinations > 1 || (!level.equals("OFF") && destinations == 0)) {
            throw StatesErrors.of("InvalidLoggingConfiguration",
                    "Invalid Logging Configuration: Must specify exactly one Log Destination.");
        }
        out.put("level", level);
        out.put("includeExecutionData", out.path("includeExecutionData").asBoolean(false));
        return out;
    }

    static ObjectNode tracing(JsonNode given) {
        return Fields.object().put("enabled", given != null && given.path("enabled").asBoolean(false));
    }

    static ObjectNode encryption(JsonNode given) {
        return given != null && given.isObject() ? ((ObjectNode) given).deepCopy()
                : Fields.object().put("type", "AWS_OWNED_KEY");
    }

    private JsonNode create(ObjectNode in) {
        String name = Fields.name(Fields.required(in, "name"));
        String definition = Fields.required(in, "definition");
        String role = roleArn(Fields.required(in, "roleArn"));
        String type = Fields.optional(in, "type").orElse("STANDARD");
        boolean publish = Fields.flag(in, "publish");
        Optional<String> versionDescription = Fields.optional(in, "versionDescription");
        if (!publish && versionDescription.isPresent()) {
            throw StatesErrors.validation("Version description can only be set when publish is true");
        }
        ObjectNode logging = logging(in.get("loggingConfiguration"));
        ObjectNode tracing = tracing(in.get("tracingConfiguration"));
        DefinitionCheck.parse(definition, type);
        String arn = arns.stateMachine(name);
        return book.atomically(() -> {
            Optional<ObjectNode> existing = book.find(Kind.MACHINE, "", name);
            if (existing.isPresent()) {
                ObjectNode e = existing.get();
                // Idempotent as AWS: the same definition, type and configurations answer the machine there is.
                if (e.path("definition").asText().equals(definition) && e.path("type").asText().equals(type)
                        && e.path("loggingConfiguration").equals(logging)
                        && e.path("tracingConfiguration").equals(tracing)) {
                    return Fields.object().put("stateMachineArn", arn)
                            .put("creationDate", Fields.seconds(e.path("creationDate").asLong()));
                }
                throw StatesErrors.of("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            long now = clock.millis();
            ObjectNode doc = Fields.object().put("name", name).put("stateMachineArn", arn).put("type", type)
                    .put("definition", definition).put("roleArn", role);
            doc.set("loggingConfiguration", logging);
            doc.set("tracingConfiguration", tracing);
            doc.set("encryptionConfiguration", encryption(in.get("encryptionConfiguration")));
            doc.put("revisionId", UUID.randomUUID().toString()).put("creationDate", now).put("updateDate", now);
            doc.set("tags", Fields.mergeTags(Fields.array(), in.get("tags")));
            doc.put("nextVersion", 1);
            doc.putObject("published");
            resolver.forget(arn + ":");
            resolver.forget(arn + "#");
            ObjectNode out = Fields.object().put("stateMachineArn", arn).put("creationDate", Fields.seconds(now));
            if (publish) {
                out.put("stateMachineVersionArn", versions.publish(doc, versionDescription).path("stateMachineVersionArn").asText());
            } else {
                book.put(Kind.MACHINE, "", name, doc);
            }
            return out;
        });
    }

    private JsonNode describe(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineArn");
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine"));
        ObjectNode doc;
        ObjectNode out = Fields.object().put("stateMachineArn", arn).put("name", parsed.machineName());
        if (parsed.qualifier().isPresent()) {
            doc = parsed.versioned() ? versions.version(arn) : null;
            if (doc == null) {
                throw StatesErrors.stateMachineDoesNotExist(arn);
            }
        } else {
            doc = machine(arn);
        }
        out.put("status", "ACTIVE");
        out.put("definition", doc.path("definition").asText()).put("roleArn", doc.path("roleArn").asText())
                .put("type", doc.path("type").asText()).put("creationDate", Fields.seconds(doc.path("creationDate").asLong()));
        out.set("loggingConfiguration", doc.path("loggingConfiguration"));
        out.set("tracingConfiguration", doc.path("tracingConfiguration"));
        out.put("revisionId", doc.path("revisionId").asText());
        if (doc.hasNonNull("description")) {
            out.put("description", doc.path("description").asText());
        }
        out.set("encryptionConfiguration", doc.has("encryptionConfiguration") ? doc.get("encryptionConfiguration")
                : encryption(null));
        return out;
    }

    private JsonNode list(ObjectNode in) {
        Fields.Page<ObjectNode> page = Fields.page(in, book.list(Kind.MACHINE, ""), d -> d.path("name").asText());
        ObjectNode out = Fields.object();
        ArrayNode items = out.putArray("stateMachines");
        page.items().forEach(d -> items.addObject().put("stateMachineArn", d.path("stateMachineArn").asText())
                .put("name", d.path("name").asText()).put("type", d.path("type").asText())
                .put("creationDate", Fields.seconds(d.path("creationDate").asLong())));
        page.nextToken(out);
        return out;
    }

    private JsonNode update(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineArn");
        machineName(arn);
        Optional<String> definition = Fields.optional(in, "definition");
        Optional<String> role = Fields.optional(in, "roleArn").map(MachineOps::roleArn);
        JsonNode loggingIn = in.get("loggingConfiguration");
        JsonNode tracingIn = in.get("tracingConfiguration");
        JsonNode encryptionIn = in.get("encryptionConfiguration");
        boolean publish = Fields.flag(in, "publish");
        Optional<String> versionDescription = Fields.optional(in, "versionDescription");
        if (definition.isEmpty() && role.isEmpty() && isAbsent(loggingIn) && isAbsent(tracingIn) && isAbsent(encryptionIn)) {
            throw StatesErrors.of("MissingRequiredParameter", "Either the definition, the role ARN, the "
                    + "LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified");
        }
        if (!publish && versionDescription.isPresent()) {
            throw StatesErrors.validation("Version description can only be set when publish is true");
        }
        ObjectNode logging = isAbsent(loggingIn) ? null : logging(loggingIn);
        return book.atomically(() -> {
            ObjectNode doc = machine(arn);
            definition.ifPresent(d -> DefinitionCheck.parse(d, doc.path("type").asText()));
            ObjectNode before = doc.deepCopy();
            definition.ifPresent(d -> doc.put("definition", d));
            role.ifPresent(r -> doc.put("roleArn", r));
            if (logging != null) {
                doc.set("loggingConfiguration", logging);
            }
            if (!isAbsent(tracingIn)) {
                doc.set("tracingConfiguration", tracing(tracingIn));
            }
            if (!isAbsent(encryptionIn)) {
                doc.set("encryptionConfiguration", encryption(encryptionIn));
            }
            long now = clock.millis();
            if (!doc.equals(before)) {
                doc.put("revisionId", UUID.randomUUID().toString());
            }
            doc.put("updateDate", now);
            ObjectNode out = Fields.object().put("updateDate", Fields.seconds(now))
                    .put("revisionId", doc.path("revisionId").asText());
            if (publish) {
                out.put("stateMachineVersionArn",
                        versions.publish(doc, versionDescription).path("stateMachineVersionArn").asText());
            } else {
                book.put(Kind.MACHINE, "", doc.path("name").asText(), doc);
            }
            return out;
        });
    }

    private static boolean isAbsent(JsonNode v) {
        return v == null || v.isNull();
    }

    private JsonNode delete(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineArn");
        String name = machineName(arn);
        book.atomically(() -> {
            if (arn.equals(arns.stateMachine(name)) && book.find(Kind.MACHINE, "", name).isPresent()) {
                book.deleteMachine(name);
                resolver.forget(arn + ":");
                resolver.forget(arn + "#");
            }
            return null;
        });
        return Fields.object();
    }
}
