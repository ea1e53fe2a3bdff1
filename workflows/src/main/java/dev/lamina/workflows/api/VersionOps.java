package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion, and publishing
 * for CreateStateMachine and UpdateStateMachine ({@code publish: true}). A version is an immutable
 * copy of one revision of its machine; publishing a revision that already has a version answers
 * that version, as AWS does. Version numbers are never reused within a machine.
 */
final class VersionOps {
    /** AWS's quota of versions per state machine. */
    static final int MAX_VERSIONS = 1000;

    private final MachineBook book;
    private final Resolver resolver;
    private final Arns arns;
    private final Clock clock;

    VersionOps(MachineBook book, Resolver resolver, Arns arns, Clock clock) {
        this.book = book;
        this.resolver = resolver;
        this.arns = arns;
        this.clock = clock;
    }

    void register(Map<String, StatesOperations.Operation> operations, MachineOps machines) {
        operations.put("PublishStateMachineVersion", in -> publish(in, machines));
        operations.put("ListStateMachineVersions", this::list);
        operations.put("DeleteStateMachineVersion", this::delete);
    }

    /** The version document a version ARN names, or null. */
    ObjectNode version(String versionArn) {
        StatesArn parsed = StatesArn.parse(versionArn, Set.of("stateMachine"));
        if (!parsed.versioned() || !versionArn.startsWith(arns.stateMachine(parsed.machineName()) + ":")) {
            return null;
        }
        try {
            long n = Long.parseLong(parsed.qualifier().orElseThrow());
            return book.find(Kind.VERSION, parsed.machineName(), MachineBook.versionName(n)).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Stores {@code machine} (changed or not) and, when its revision has no version yet, a new version
     * of it, in one transaction; answers the revision's version. Call inside {@link MachineBook#atomically}.
     */
    ObjectNode publish(ObjectNode machine, Optional<String> description) {
        String name = machine.path("name").asText();
        String revision = machine.path("revisionId").asText();
        JsonNode published = machine.path("published").path(revision);
        Optional<ObjectNode> existing = published.isMissingNode() ? Optional.empty()
                : book.find(Kind.VERSION, name, MachineBook.versionName(published.asLong()));
        if (existing.isPresent()) {
            book.put(Kind.MACHINE, "", name, machine);
            return existing.get();
        }
        if (book.list(Kind.VERSION, name).size() >= MAX_VERSIONS) {
            throw StatesErrors.of("ServiceQuotaExceededException", "Maximum number of versions ("
                    + MAX_VERSIONS + ") reached for state machine '" + machine.path("stateMachineArn").asText() + "'");
        }
        long number = machine.path("nextVersion").asLong(1);
        machine.put("nextVersion", number + 1);
        machine.with("published").put(revision, number);
        ObjectNode version = Fields.object().put("stateMachineVersionArn", arns.stateMachineVersion(name, number))
                .put("version", number).put("definition", machine.path("definition").asText())
                .put("roleArn", machine.path("roleArn").asText()).put("type", machine.path("type").asText());
        version.set("loggingConfiguration", machine.path("loggingConfiguration"));
        version.set("tracingConfiguration", machine.path("tracingConfiguration"));
        version.set("encryptionConfiguration", machine.path("encryptionConfiguration"));
        version.put("revisionId", revision).put("creationDate", clock.millis());
        description.ifPresent(d -> version.put("description", d));
        book.putAll(List.of(new MachineBook.Write(Kind.MACHINE, "", name, machine),
                new MachineBook.Write(Kind.VERSION, name, MachineBook.versionName(number), version)));
        return version;
    }

    private JsonNode publish(ObjectNode in, MachineOps machines) {
        String arn = Fields.required(in, "stateMachineArn");
        Optional<String> revision = Fields.optional(in, "revisionId");
        Optional<String> description = Fields.optional(in, "description");
        return book.atomically(() -> {
            ObjectNode machine = machines.machine(arn);
            String current = machine.path("revisionId").asText();
            if (revision.isPresent() && !revision.get().equals(current)) {
                throw StatesErrors.conflict("Failed to publish the State Machine version for revision "
                        + revision.get() + ". The current State Machine revision is " + current + ".");
            }
            ObjectNode version = publish(machine, description);
            return Fields.object().put("creationDate", Fields.seconds(version.path("creationDate").asLong()))
                    .put("stateMachineVersionArn", version.path("stateMachineVersionArn").asText());
        });
    }

    private JsonNode list(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineArn");
        String name = MachineOps.machineName(arn);
        List<ObjectNode> all = arn.equals(arns.stateMachine(name))
                ? book.list(Kind.VERSION, name).reversed() : List.of();
        Fields.Page<ObjectNode> page = Fields.page(in, all, d -> d.path("stateMachineVersionArn").asText());
        ObjectNode out = Fields.object();
        ArrayNode items = out.putArray("stateMachineVersions");
        page.items().forEach(d -> items.addObject().put("stateMachineVersionArn", d.path("stateMachineVersionArn").asText())
                .put("creationDate", Fields.seconds(d.path("creationDate").asLong())));
        page.nextToken(out);
        return out;
    }

    private JsonNode delete(ObjectNode in) {
        String arn = Fields.required(in, "stateMachineVersionArn");
        StatesArn parsed = StatesArn.parse(arn, Set.of("stateMachine"));
        if (!parsed.versioned()) {
            throw StatesErrors.invalidArn("Invalid Arn: 'Resource type not valid in this context: "
                    + (parsed.qualifier().isPresent() ? "stateMachineAlias" : "stateMachine") + "'");
        }
        book.atomically(() -> {
            ObjectNode version = version(arn);
            if (version == null) {
                return null;
            }
            List<String> referencing = book.list(Kind.ALIAS, parsed.machineName()).stream()
                    .filter(a -> routes(a, arn)).map(a -> a.path("name").asText()).toList();
            if (!referencing.isEmpty()) {
                throw StatesErrors.conflict("Version to be deleted must not be referenced by an alias. Current list of "
                        + "aliases referencing this version: [" + String.join(", ", referencing) + "]");
            }
            book.delete(Kind.VERSION, parsed.machineName(), MachineBook.versionName(version.path("version").asLong()));
            resolver.forget(arn);
            return null;
        });
        return Fields.object();
    }

    static boolean routes(ObjectNode alias, String versionArn) {
        for (JsonNode r : alias.path("routingConfiguration")) {
            if (r.path("stateMachineVersionArn").asText().equals(versionArn)) {
                return true;
            }
        }
        return false;
    }
}
