package dev.lamina.eventbridge.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.store.Store;
import dev.lamina.store.eventbridge.EventBridgeDocument;
import dev.lamina.store.eventbridge.EventBridgeDocument.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * EventBridge's buses and rules (with their targets): durable in the store, answered from memory.
 * Everything is loaded at construction; every change is written to the store first (committed and
 * fsynced) and then to memory, under one lock, so memory is always the committed state. Each bus
 * has one event-ruler {@link Machine} holding the patterns of its enabled rules, changed
 * incrementally; {@link #match} reads it without the lock (event-ruler's machines may be read
 * while they change).
 *
 * <p>Documents are the model's: a bus is {@code {Name, Description, Policy, CreationTime,
 * LastModifiedTime, Tags}}, a rule {@code {Name, EventPattern, ScheduleExpression, State,
 * Description, RoleArn, EventBusName, CreatedBy, Tags, Targets}} (times in epoch seconds).
 */
public final class RuleBook implements RuleIndex {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    /** One bus: its document, its rules by name, and the machine of its enabled rules' patterns. */
    private static final class Bus {
        volatile ObjectNode document;
        final Map<String, Rule> rules = new ConcurrentSkipListMap<>();
        final Machine machine = new Machine();

        Bus(ObjectNode document) {
            this.document = document;
        }
    }

    private final Store store;
    private final Arns arns;
    private final Clock clock;
    private final ReentrantLock writes = new ReentrantLock();
    private final Map<String, Bus> buses = new ConcurrentHashMap<>();
    /** {@code bus/rule} of loaded rules whose pattern the machine refused: not in it, so never deleted from it. */
    private final java.util.Set<String> unmatchable = ConcurrentHashMap.newKeySet();

    public RuleBook(EventBridgeContext context) {
        this(context.store(), context.arns(), context.clock());
    }

    RuleBook(Store store, Arns arns, Clock clock) {
        this.store = store;
        this.arns = arns;
        this.clock = clock;
        store.read(tx -> {
            tx.eventBridge().all(Kind.BUS).forEach(d -> buses.put(d.name(), new Bus(parse(d.document()))));
            tx.eventBridge().all(Kind.RULE).forEach(d -> {
                Bus bus = buses.get(d.scope());
                if (bus != null) {
                    load(bus, d);
                }
            });
            return null;
        });
        if (!buses.containsKey(Arns.DEFAULT_BUS)) {
            ObjectNode doc = JSON.createObjectNode().put("Name", Arns.DEFAULT_BUS);
            double now = seconds(clock.instant());
            doc.put("CreationTime", now).put("LastModifiedTime", now);
            putBus(doc);
        }
    }

    /**
     * Installs a stored rule. A pattern this event-ruler refuses (stored by another version) must
     * not keep Lamina from starting: the rule is kept, listed and described, but matches nothing
     * until PutRule gives it a pattern again.
     */
    private void load(Bus bus, EventBridgeDocument stored) {
        Rule rule = Rule.of(stored.scope(), parse(stored.document()));
        try {
            install(bus, rule);
        } catch (RuntimeException e) {
            LOG.warn("rule {} on bus {}: its stored pattern is refused ({}); it matches no events until it is put again",
                    rule.name(), stored.scope(), e.getMessage());
            bus.rules.put(rule.name(), rule);
            unmatchable.add(stored.scope() + "/" + rule.name());
        }
    }

    /** Epoch seconds with milliseconds, as the model's timestamps are written in JSON. */
    public static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    public Arns arns() {
        return arns;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs {@code work} holding the book's write lock, so that what it reads is still current when
     * it writes (read, validate, then change: nothing else changes the book in between).
     */
    public <T> T atomically(Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }

    // ---- buses

    @Override
    public boolean busExists(String bus) {
        return buses.containsKey(bus);
    }

    /** A copy of the bus's document. */
    public Optional<ObjectNode> bus(String name) {
        Bus bus = buses.get(name);
        return bus == null ? Optional.empty() : Optional.of(bus.document.deepCopy());
    }

    /** Copies of every bus's document, by name. */
    public List<ObjectNode> buses() {
        return buses.keySet().stream().sorted().map(n -> bus(n)).flatMap(Optional::stream).toList();
    }

    /** Creates or replaces a bus (its rules stay). */
    public void putBus(ObjectNode document) {
        String name = document.path("Name").asText();
        atomically(() -> {
            store.write(tx -> {
                tx.eventBridge().put(new EventBridgeDocument(Kind.BUS, "", name, document.toString(), clock.instant()));
                return null;
            });
            Bus bus = buses.get(name);
            if (bus == null) {
                buses.put(name, new Bus(document.deepCopy()));
            } else {
                bus.document = document.deepCopy();
            }
            return null;
        });
    }

    /** Deletes a bus that has no rules; whether there was one. */
    public boolean deleteBus(String name) {
        return atomically(() -> {
            Bus bus = buses.get(name);
            if (bus == null) {
                return false;
            }
            if (!bus.rules.isEmpty()) {
                throw EventBridgeErrors.validation("EventBus can't be deleted since it has rules.");
            }
            store.write(tx -> tx.eventBridge().delete(Kind.BUS, "", name));
            buses.remove(name);
            return true;
        });
    }

    // ---- rules

    /** A copy of the rule's document (with its Tags and Targets). */
    public Optional<ObjectNode> rule(String bus, String name) {
        Bus b = buses.get(bus);
        Rule rule = b == null ? null : b.rules.get(name);
        return rule == null ? Optional.empty() : Optional.of(rule.document().deepCopy());
    }

    /** Copies of the documents of every rule on {@code bus}, by name (empty for a missing bus). */
    public List<ObjectNode> rules(String bus) {
        Bus b = buses.get(bus);
        return b == null ? List.of() : b.rules.values().stream().map(r -> r.document().deepCopy()).toList();
    }

    /**
     * Creates or replaces a rule on an existing bus. Its EventPattern must have been checked
     * ({@link EventPatterns#check}); its Targets are parsed for delivery here.
     */
    public void putRule(String bus, ObjectNode document) {
        String name = document.path("Name").asText();
        Rule rule = Rule.of(bus, document);
        atomically(() -> {
            Bus b = buses.get(bus);
            if (b == null) {
                throw EventBridgeErrors.notFound("Event bus " + bus + " does not exist.");
            }
            store.write(tx -> {
                tx.eventBridge().put(new EventBridgeDocument(Kind.RULE, bus, name, document.toString(), clock.instant()));
                return null;
            });
            install(b, rule);
            return null;
        });
    }

    /** Deletes a rule (with its targets); whether there was one. */
    public boolean deleteRule(String bus, String name) {
        return atomically(() -> {
            Bus b = buses.get(bus);
            Rule old = b == null ? null : b.rules.get(name);
            if (old == null) {
                return false;
            }
            store.write(tx -> tx.eventBridge().delete(Kind.RULE, bus, name));
            if (!unmatchable.remove(bus + "/" + name)) {
                old.activePattern().ifPresent(p -> machineDelete(b, name, p));
            }
            b.rules.remove(name);
            return true;
        });
    }

    /** Puts {@code rule} in memory, changing the machine only when its active pattern changed. */
    private void install(Bus bus, Rule rule) {
        Rule old = bus.rules.get(rule.name());
        boolean inMachine = old != null && !unmatchable.remove(rule.bus() + "/" + rule.name());
        Optional<String> before = inMachine ? old.activePattern() : Optional.empty();
        Optional<String> after = rule.activePattern();
        if (!before.equals(after)) {
            // The new pattern goes in before the old one goes out, so the rule stays matchable while it
            // changes; then in again, since deleting the old pattern also deletes what both share.
            bus.rules.put(rule.name(), rule);
            after.ifPresent(p -> machineAdd(bus, rule.name(), p));
            before.ifPresent(p -> machineDelete(bus, rule.name(), p));
            after.ifPresent(p -> machineAdd(bus, rule.name(), p));
        } else {
            bus.rules.put(rule.name(), rule);
        }
    }

    private static void machineAdd(Bus bus, String name, String pattern) {
        try {
            bus.machine.addRule(name, pattern);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void machineDelete(Bus bus, String name, String pattern) {
        try {
            bus.machine.deleteRule(name, pattern);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the index

    @Override
    public List<RuleMatch> match(String bus, String event) {
        Bus b = buses.get(bus);
        if (b == null) {
            return List.of();
        }
        List<String> names;
        try {
            names = b.machine.rulesForJSONEvent(event);
        } catch (Exception e) {
            return List.of();
        }
        List<RuleMatch> matches = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            Rule rule = b.rules.get(name);
            if (rule != null && rule.activePattern().isPresent()) {
                matches.add(new RuleMatch(arns.rule(bus, name), name, bus, rule.targets()));
            }
        }
        return matches;
    }

    @Override
    public List<ScheduledRule> scheduled() {
        List<ScheduledRule> scheduled = new ArrayList<>();
        buses.keySet().stream().sorted().forEach(bus -> buses.get(bus).rules.values().forEach(rule -> {
            if (rule.enabled() && rule.schedule().isPresent()) {
                scheduled.add(new ScheduledRule(arns.rule(bus, rule.name()), rule.name(), bus,
                        rule.schedule().get(), rule.targets()));
            }
        }));
        return scheduled;
    }

    private static ObjectNode parse(String document) {
        try {
            return (ObjectNode) JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
