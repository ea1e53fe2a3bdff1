package dev.lamina.workflows.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Store;
import dev.lamina.store.stepfunctions.StepFunctionsDocument;
import dev.lamina.store.stepfunctions.StepFunctionsDocument.Kind;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * State machines, their versions and aliases, and activities: durable in the store, answered from
 * memory. Everything is loaded at construction; every change is written to the store first
 * (committed and fsynced) and then to memory, under one lock, so memory is always the committed
 * state. Readers get copies.
 *
 * <p>Documents use the model's member names, times in epoch milliseconds:
 * a machine is {@code {name, stateMachineArn, type, definition, roleArn, loggingConfiguration,
 * tracingConfiguration, revisionId, creationDate, updateDate, tags, nextVersion, published}}
 * ({@code published}: revision id → the version published from it); a version
 * {@code {stateMachineVersionArn, version, definition, roleArn, type, loggingConfiguration,
 * tracingConfiguration, revisionId, description, creationDate}}; an alias {@code {stateMachineAliasArn,
 * name, description, routingConfiguration, creationDate, updateDate}}; an activity
 * {@code {activityArn, name, creationDate, tags, encryptionConfiguration}}.
 */
final class MachineBook {
    private final Store store;
    private final ReentrantLock writes = new ReentrantLock();
    /** By kind, then "scope/name" (machines and activities: their name). */
    private final Map<Kind, Map<String, ObjectNode>> documents = new ConcurrentHashMap<>();

    MachineBook(Store store) {
        this.store = store;
        for (Kind kind : Kind.values()) {
            documents.put(kind, new ConcurrentHashMap<>());
        }
        store.read(tx -> {
            for (Kind kind : Kind.values()) {
                tx.stepFunctions().all(kind).forEach(d -> documents.get(kind).put(key(d.scope(), d.name()), parse(d.document())));
            }
            return null;
        });
    }

    /** Runs {@code work} holding the book's write lock: what it reads stays current until it writes. */
    <T> T atomically(Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }

    private static String key(String scope, String name) {
        return scope.isEmpty() ? name : scope + "/" + name;
    }

    /** A version's name in the store: zero-padded, so that names sort as numbers. */
    static String versionName(long version) {
        return String.format("%010d", version);
    }

    Optional<ObjectNode> find(Kind kind, String scope, String name) {
        ObjectNode doc = documents.get(kind).get(key(scope, name));
        return doc == null ? Optional.empty() : Optional.of(doc.deepCopy());
    }

    /**
     * The stored document itself, not a copy, for hot paths that only read it (StartExecution's
     * resolution). Callers must not change it; documents are replaced whole, never changed in place.
     */
    Optional<ObjectNode> peek(Kind kind, String scope, String name) {
        return Optional.ofNullable(documents.get(kind).get(key(scope, name)));
    }

    /** Copies of the documents of {@code kind} in {@code scope} (every scope for machines and activities), ordered by key. */
    List<ObjectNode> list(Kind kind, String scope) {
        String prefix = scope.isEmpty() ? "" : scope + "/";
        return documents.get(kind).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && (!scope.isEmpty() || !e.getKey().contains("/")))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().deepCopy()).toList();
    }

    /** Stores the document durably, then shows it. Call inside {@link #atomically}. */
    void put(Kind kind, String scope, String name, ObjectNode doc) {
        Instant created = Instant.ofEpochMilli(doc.path("creationDate").asLong(System.currentTimeMillis()));
        ObjectNode copy = doc.deepCopy();
        store.write(tx -> {
            tx.stepFunctions().put(new StepFunctionsDocument(kind, scope, name, copy.toString(), created));
            return null;
        });
        documents.get(kind).put(key(scope, name), copy);
    }

    /** One document to store. */
    record Write(Kind kind, String scope, String name, ObjectNode doc) {
    }

    /** Stores several documents in one transaction, then shows them. Call inside {@link #atomically}. */
    void putAll(List<Write> writes) {
        List<Write> copies = writes.stream().map(w -> new Write(w.kind(), w.scope(), w.name(), w.doc().deepCopy())).toList();
        store.write(tx -> {
            for (Write w : copies) {
                tx.stepFunctions().put(new StepFunctionsDocument(w.kind(), w.scope(), w.name(), w.doc().toString(),
                        Instant.ofEpochMilli(w.doc().path("creationDate").asLong(System.currentTimeMillis()))));
            }
            return null;
        });
        copies.forEach(w -> documents.get(w.kind()).put(key(w.scope(), w.name()), w.doc()));
    }

    /** Deletes durably, then from memory; whether there was one. Call inside {@link #atomically}. */
    boolean delete(Kind kind, String scope, String name) {
        boolean deleted = store.write(tx -> tx.stepFunctions().delete(kind, scope, name));
        documents.get(kind).remove(key(scope, name));
        return deleted;
    }

    /** Deletes a machine with its versions and aliases in one transaction. Call inside {@link #atomically}. */
    void deleteMachine(String name) {
        List<String> versions = list(Kind.VERSION, name).stream()
                .map(v -> versionName(v.path("version").asLong())).toList();
        List<String> aliases = list(Kind.ALIAS, name).stream().map(a -> a.path("name").asText()).toList();
        store.write(tx -> {
            versions.forEach(v -> tx.stepFunctions().delete(Kind.VERSION, name, v));
            aliases.forEach(a -> tx.stepFunctions().delete(Kind.ALIAS, name, a));
            tx.stepFunctions().delete(Kind.MACHINE, "", name);
            return null;
        });
        versions.forEach(v -> documents.get(Kind.VERSION).remove(key(name, v)));
        aliases.forEach(a -> documents.get(Kind.ALIAS).remove(key(name, a)));
        documents.get(Kind.MACHINE).remove(name);
    }

    static Comparator<ObjectNode> newestFirst() {
        return Comparator.comparingLong((ObjectNode d) -> d.path("creationDate").asLong()).reversed();
    }

    private static ObjectNode parse(String text) {
        try {
            return (ObjectNode) Fields.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
