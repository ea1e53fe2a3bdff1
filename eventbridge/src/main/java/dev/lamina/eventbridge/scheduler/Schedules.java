package dev.lamina.eventbridge.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.target.Target;
import dev.lamina.store.Store;
import dev.lamina.store.eventbridge.EventBridgeDocument;
import dev.lamina.store.eventbridge.EventBridgeDocument.Kind;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scheduler's schedule groups and schedules: one JSON document each (the model's member names, as
 * GetScheduleGroup and GetSchedule answer them; timestamps as ISO-8601 text), kept in the store
 * (kinds SCHEDULE_GROUP, scope {@code ""}, and SCHEDULE, scope = the group's name) and in memory.
 *
 * <p>Every change is written to the store first (committed durably) and only then to memory, under
 * one lock, so what a reader or the ticker sees is always committed, and checks such as "the name is
 * free" and the write that relies on them are atomic. Reads take no lock: memory holds immutable
 * snapshots (documents are never changed once stored; callers get copies).
 *
 * <p>The group {@code default} always exists: it is stored on the first start.
 */
public final class Schedules implements ScheduleBook {
    public static final String DEFAULT_GROUP = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Clock clock;
    private final Arns arns;
    private final Object lock = new Object();
    /** Group name → group document. Replaced whole on every change (copy on write). */
    private volatile NavigableMap<String, ObjectNode> groups;
    /** Group name → (schedule name → schedule document). Replaced whole on every change. */
    private volatile NavigableMap<String, NavigableMap<String, ObjectNode>> schedules;
    /** What the ticker reads, rebuilt on every change. */
    private volatile List<ActiveSchedule> active = List.of();

    public Schedules(EventBridgeContext context) {
        this(context.store(), context.arns(), context.clock());
    }

    /** Loads what is stored; stores the default group on the first start. */
    public Schedules(Store store, Arns arns, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.arns = arns;
        NavigableMap<String, ObjectNode> loadedGroups = new TreeMap<>();
        NavigableMap<String, NavigableMap<String, ObjectNode>> loaded = new TreeMap<>();
        store.read(tx -> {
            tx.eventBridge().all(Kind.SCHEDULE_GROUP).forEach(d -> loadedGroups.put(d.name(), parse(d.document())));
            tx.eventBridge().all(Kind.SCHEDULE).forEach(d ->
                    loaded.computeIfAbsent(d.scope(), g -> new TreeMap<>()).put(d.name(), parse(d.document())));
            return null;
        });
        this.groups = loadedGroups;
        this.schedules = loaded;
        if (!loadedGroups.containsKey(DEFAULT_GROUP)) {
            createGroup(DEFAULT_GROUP, List.of());
        }
        this.active = buildActive();
    }

    /** Now, to the millisecond (AWS's dates carry milliseconds). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- groups

    public Optional<ObjectNode> group(String name) {
        return Optional.ofNullable(groups.get(name)).map(ObjectNode::deepCopy);
    }

    /** Every group, ordered by name. */
    public List<ObjectNode> groups() {
        return groups.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Creates a group with these tags ({@code Key}, {@code Value} pairs); answers its ARN. */
    public String createGroup(String name, List<Map.Entry<String, String>> tags) {
        return createGroup(name, tags, Optional.empty());
    }

    /**
     * Creates a group with these tags; answers its ARN. A retry with the ClientToken that created
     * the group answers its ARN again and changes nothing.
     */
    public String createGroup(String name, List<Map.Entry<String, String>> tags, Optional<String> clientToken) {
        synchronized (lock) {
            ObjectNode existing = groups.get(name);
            if (existing != null) {
                if (clientToken.isPresent() && clientToken.get().equals(existing.path("ClientToken").asText(null))) {
                    return existing.path("Arn").asText();
                }
                throw EventBridgeErrors.schedulerConflict("Schedule group " + name + " already exists.");
            }
            String now = now().toString();
            ObjectNode doc = JSON.createObjectNode().put("Arn", arns.scheduleGroup(name)).put("Name", name)
                    .put("State", "ACTIVE").put("CreationDate", now).put("LastModificationDate", now);
            clientToken.ifPresent(t -> doc.put("ClientToken", t));
            var list = doc.putArray("Tags");
            tags.forEach(t -> list.addObject().put("Key", t.getKey()).put("Value", t.getValue()));
            putGroup(doc);
            return doc.path("Arn").asText();
        }
    }

    /** Replaces a group's tags with {@code tags} (tag keys in order; an existing key keeps its place). */
    public void retagGroup(String name, java.util.function.UnaryOperator<List<Map.Entry<String, String>>> change) {
        synchronized (lock) {
            ObjectNode doc = existingGroup(name).deepCopy();
            List<Map.Entry<String, String>> tags = new ArrayList<>();
            doc.path("Tags").forEach(t -> tags.add(Map.entry(t.path("Key").asText(), t.path("Value").asText())));
            var list = doc.putArray("Tags");
            change.apply(tags).forEach(t -> list.addObject().put("Key", t.getKey()).put("Value", t.getValue()));
            putGroup(doc);
        }
    }

    /** Deletes a group and every schedule in it, in one transaction. */
    public void deleteGroup(String name) {
        synchronized (lock) {
            existingGroup(name);
            store.write(tx -> {
                for (EventBridgeDocument d : tx.eventBridge().list(Kind.SCHEDULE, name)) {
                    tx.eventBridge().delete(Kind.SCHEDULE, name, d.name());
                }
                return tx.eventBridge().delete(Kind.SCHEDULE_GROUP, "", name);
            });
            NavigableMap<String, ObjectNode> g = new TreeMap<>(groups);
            g.remove(name);
            NavigableMap<String, NavigableMap<String, ObjectNode>> s = new TreeMap<>(schedules);
            s.remove(name);
            groups = g;
            schedules = s;
            active = buildActive();
        }
    }

    private ObjectNode existingGroup(String name) {
        ObjectNode doc = groups.get(name);
        if (doc == null) {
            throw EventBridgeErrors.schedulerNotFound("Schedule group " + name + " does not exist.");
        }
        return doc;
    }

    private void putGroup(ObjectNode doc) {
        String name = doc.path("Name").asText();
        store.write(tx -> {
            tx.eventBridge().put(new EventBridgeDocument(Kind.SCHEDULE_GROUP, "", name, doc.toString(),
                    Instant.parse(doc.path("CreationDate").asText())));
            return null;
        });
        NavigableMap<String, ObjectNode> g = new TreeMap<>(groups);
        g.put(name, doc);
        groups = g;
    }

    // ---- schedules

    public Optional<ObjectNode> schedule(String group, String name) {
        return Optional.ofNullable(schedules.getOrDefault(group, new TreeMap<>()).get(name)).map(ObjectNode::deepCopy);
    }

    /** The schedules of one group, or of every group (by group, then name). */
    public List<ObjectNode> schedules(Optional<String> group) {
        group.ifPresent(this::existingGroup);
        List<ObjectNode> out = new ArrayList<>();
        schedules.forEach((g, byName) -> {
            if (group.isEmpty() || group.get().equals(g)) {
                byName.values().forEach(d -> out.add(d.deepCopy()));
            }
        });
        return out;
    }

    /**
     * Stores a new schedule (a complete GetSchedule document but its dates, which are set here, and
     * the ClientToken it was created with, kept so that a retry with the same token changes nothing).
     *
     * @throws dev.lamina.model.ServiceException ResourceNotFoundException for a missing group,
     *         ConflictException for a name in use in the group
     */
    public void create(ObjectNode definition) {
        synchronized (lock) {
            String group = definition.path("GroupName").asText();
            String name = definition.path("Name").asText();
            existingGroup(group);
            ObjectNode existing = schedules.getOrDefault(group, new TreeMap<>()).get(name);
            if (existing != null) {
                if (sameToken(existing, definition)) {
                    return; // a retry of the create that made it (the SDKs send one token per call)
                }
                throw EventBridgeErrors.schedulerConflict("Schedule " + name + " already exists.");
            }
            String now = now().toString();
            putSchedule(definition.deepCopy().put("CreationDate", now).put("LastModificationDate", now));
        }
    }

    /** Replaces a schedule's whole definition, keeping its creation date. */
    public void update(ObjectNode definition) {
        synchronized (lock) {
            String group = definition.path("GroupName").asText();
            String name = definition.path("Name").asText();
            existingGroup(group);
            ObjectNode old = existingSchedule(group, name);
            putSchedule(definition.deepCopy().put("CreationDate", old.path("CreationDate").asText())
                    .put("LastModificationDate", now().toString()));
        }
    }

    public void delete(String group, String name) {
        synchronized (lock) {
            existingGroup(group);
            existingSchedule(group, name);
            remove(group, name);
        }
    }

    private static boolean sameToken(JsonNode existing, JsonNode definition) {
        return definition.hasNonNull("ClientToken")
                && definition.path("ClientToken").asText().equals(existing.path("ClientToken").asText(null));
    }

    private ObjectNode existingSchedule(String group, String name) {
        ObjectNode doc = schedules.getOrDefault(group, new TreeMap<>()).get(name);
        if (doc == null) {
            throw EventBridgeErrors.schedulerNotFound("Schedule " + name + " does not exist.");
        }
        return doc;
    }

    private void putSchedule(ObjectNode doc) {
        String group = doc.path("GroupName").asText();
        String name = doc.path("Name").asText();
        store.write(tx -> {
            tx.eventBridge().put(new EventBridgeDocument(Kind.SCHEDULE, group, name, doc.toString(),
                    Instant.parse(doc.path("CreationDate").asText())));
            return null;
        });
        NavigableMap<String, NavigableMap<String, ObjectNode>> s = new TreeMap<>(schedules);
        NavigableMap<String, ObjectNode> byName = new TreeMap<>(s.getOrDefault(group, new TreeMap<>()));
        byName.put(name, doc);
        s.put(group, byName);
        schedules = s;
        active = buildActive();
    }

    private void remove(String group, String name) {
        store.write(tx -> tx.eventBridge().delete(Kind.SCHEDULE, group, name));
        NavigableMap<String, NavigableMap<String, ObjectNode>> s = new TreeMap<>(schedules);
        NavigableMap<String, ObjectNode> byName = new TreeMap<>(s.getOrDefault(group, new TreeMap<>()));
        byName.remove(name);
        s.put(group, byName);
        schedules = s;
        active = buildActive();
    }

    // ---- the ticker's view

    @Override
    public List<ActiveSchedule> active() {
        return active;
    }

    @Override
    public void completed(String group, String name) {
        synchronized (lock) {
            ObjectNode doc = schedules.getOrDefault(group, new TreeMap<>()).get(name);
            if (doc != null && doc.path("ActionAfterCompletion").asText("NONE").equals("DELETE")) {
                remove(group, name);
            }
        }
    }

    private List<ActiveSchedule> buildActive() {
        List<ActiveSchedule> out = new ArrayList<>();
        schedules.values().forEach(byName -> byName.values().forEach(d -> {
            if (d.path("State").asText("ENABLED").equals("ENABLED")) {
                out.add(activeSchedule(d));
            }
        }));
        return List.copyOf(out);
    }

    static ActiveSchedule activeSchedule(JsonNode d) {
        JsonNode window = d.path("FlexibleTimeWindow");
        Optional<Duration> flexible = window.path("Mode").asText("OFF").equals("FLEXIBLE")
                ? Optional.of(Duration.ofMinutes(window.path("MaximumWindowInMinutes").asLong())) : Optional.empty();
        return new ActiveSchedule(d.path("Arn").asText(), d.path("GroupName").asText(), d.path("Name").asText(),
                d.path("ScheduleExpression").asText(), ZoneId.of(d.path("ScheduleExpressionTimezone").asText("UTC")),
                date(d, "StartDate"), date(d, "EndDate"), flexible, Target.of(d.path("Target")),
                d.path("ActionAfterCompletion").asText("NONE").equals("DELETE"));
    }

    private static Optional<Instant> date(JsonNode d, String member) {
        return d.hasNonNull(member) ? Optional.of(Instant.parse(d.path(member).asText())) : Optional.empty();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored Scheduler document is not JSON", e);
        }
    }
}
