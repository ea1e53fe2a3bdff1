package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.Definitions;
import dev.lamina.workflows.asl.InvalidDefinitionException;
import dev.lamina.workflows.engine.MachineSnapshot;
import dev.lamina.workflows.engine.MachineType;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * {@link StateMachines} over the {@link MachineBook}. Parsed definitions are cached per machine
 * revision and per version (a version never changes), so starting an execution does not parse.
 */
final class Resolver implements StateMachines {
    private final MachineBook book;
    private final Arns arns;
    /** Draws a number in [0, bound) for alias routing; random, replaceable in tests. */
    private final IntUnaryOperator draw;
    /** By {@code <machine ARN>#<revision id>} or version ARN. */
    private final Map<String, MachineSnapshot> cache = new ConcurrentHashMap<>();

    Resolver(MachineBook book, Arns arns) {
        this(book, arns, bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    Resolver(MachineBook book, Arns arns, IntUnaryOperator draw) {
        this.book = book;
        this.arns = arns;
        this.draw = draw;
    }

    @Override
    public MachineSnapshot resolve(String stateMachineArn) {
        StatesArn arn = StatesArn.parse(stateMachineArn, Set.of("stateMachine"));
        String name = arn.machineName();
        if (!stateMachineArn.startsWith(arns.stateMachine(name))) {
            throw StatesErrors.stateMachineDoesNotExist(stateMachineArn);
        }
        if (arn.qualifier().isEmpty()) {
            ObjectNode machine = book.peek(Kind.MACHINE, "", name)
                    .orElseThrow(() -> StatesErrors.stateMachineDoesNotExist(stateMachineArn));
            return cache.computeIfAbsent(stateMachineArn + "#" + machine.path("revisionId").asText(),
                    k -> snapshot(machine, stateMachineArn, Optional.empty(), Optional.empty()));
        }
        if (arn.versioned()) {
            return version(name, stateMachineArn, Optional.empty())
                    .orElseThrow(() -> StatesErrors.stateMachineDoesNotExist(stateMachineArn));
        }
        ObjectNode alias = book.peek(Kind.ALIAS, name, arn.qualifier().get())
                .orElseThrow(() -> StatesErrors.stateMachineDoesNotExist(stateMachineArn));
        String versionArn = route(alias.path("routingConfiguration"));
        return version(name, versionArn, Optional.of(stateMachineArn))
                .orElseThrow(() -> StatesErrors.stateMachineDoesNotExist(stateMachineArn));
    }

    /** One of the routing configuration's versions, each chosen with its weight's share of 100. */
    String route(JsonNode routing) {
        int n = draw.applyAsInt(100);
        String last = null;
        for (JsonNode r : routing) {
            last = r.path("stateMachineVersionArn").asText();
            n -= r.path("weight").asInt();
            if (n < 0) {
                return last;
            }
        }
        return last;
    }

    private Optional<MachineSnapshot> version(String name, String versionArn, Optional<String> aliasArn) {
        StatesArn arn = StatesArn.parse(versionArn);
        if (!arn.versioned()) {
            return Optional.empty();
        }
        long number;
        try {
            number = Long.parseLong(arn.qualifier().orElseThrow());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ObjectNode> version = book.peek(Kind.VERSION, name, MachineBook.versionName(number));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        MachineSnapshot s = cache.computeIfAbsent(versionArn, k -> snapshot(version.get(), arns.stateMachine(name),
                Optional.of(versionArn), Optional.empty()));
        return Optional.of(aliasArn.isEmpty() ? s : new MachineSnapshot(s.arn(), s.name(), s.type(), s.roleArn(),
                s.definitionText(), s.definition(), s.versionArn(), aliasArn, s.revisionId()));
    }

    private MachineSnapshot snapshot(ObjectNode doc, String machineArn, Optional<String> versionArn,
                                     Optional<String> aliasArn) {
        String text = doc.path("definition").asText();
        Definition definition;
        try {
            definition = Definitions.parse(text);
        } catch (InvalidDefinitionException | RuntimeException e) {
            throw StatesErrors.internal("The stored definition of " + machineArn + " no longer parses: " + e.getMessage());
        }
        String name = StatesArn.parse(machineArn).machineName();
        return new MachineSnapshot(machineArn, name, MachineType.valueOf(doc.path("type").asText("STANDARD")),
                doc.path("roleArn").asText(), text, definition, versionArn, aliasArn, doc.path("revisionId").asText());
    }

    /** Forgets the cached snapshots of a deleted machine's versions. */
    void forget(String prefix) {
        cache.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
