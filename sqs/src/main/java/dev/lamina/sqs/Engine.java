package dev.lamina.sqs;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The queues: a registry of {@link Queue}s by name over the write-ahead {@link SqsStore}, and the
 * queue-level operations (create, delete, attributes, tags). Message operations are {@link Deliveries}'.
 * Every change is validated completely first, then made in memory and submitted to the store under the
 * queue's lock (or the registry's, for creation), then awaited outside any lock.
 * Public for the sqs.api package only.
 */
public final class Engine {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    final String region;
    final String account;
    final InstantSource clock;
    final SqsStore store;
    final AtomicLong ordinals = new AtomicLong();
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();
    private final Object registry = new Object();
    private final Deliveries deliveries;
    private final Handles handles;
    private final QueueTags tags;
    private final MoveTasks moveTasks;

    Engine(String region, String account, InstantSource clock, SqsStore store) {
        this.region = region;
        this.account = account;
        this.clock = clock;
        this.store = store;
        this.deliveries = new Deliveries(this);
        this.handles = new Handles(this);
        this.tags = new QueueTags(this);
        this.moveTasks = new MoveTasks(this);
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    public QueueTags tags() {
        return tags;
    }

    public Handles handles() {
        return handles;
    }

    public MoveTasks moveTasks() {
        return moveTasks;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    public String arn(String name) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    /** Puts a queue recovered from the store back (only while opening). */
    void recover(Queue q) {
        queues.put(q.name, q);
    }

    Queue queue(String name) {
        Queue q = queues.get(name);
        if (q == null) {
            throw SqsErrors.queueDoesNotExist();
        }
        return q;
    }

    Optional<Queue> byArn(String arn) {
        return QueueArn.parse(arn).filter(a -> a.account().equals(account)).map(a -> queues.get(a.name()));
    }

    public boolean exists(String name) {
        return queues.containsKey(name);
    }

    /** Queue names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(queues.keySet());
        names.sort(null);
        return names;
    }

    public static boolean validName(String name) {
        String base = name.endsWith(".fifo") ? name.substring(0, name.length() - 5) : name;
        return NAME.matcher(base).matches() && name.length() <= 80;
    }

    /**
     * Creates a queue, or answers for an existing one whose attributes match every one given (CreateQueue is
     * idempotent); a differing attribute is QueueNameExists.
     */
    public void create(String name, Map<String, String> attributes, Map<String, String> tags) {
        if (!validName(name)) {
            throw SqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        boolean fifo = name.endsWith(".fifo");
        if (!fifo && "true".equalsIgnoreCase(attributes.get("FifoQueue"))) {
            throw SqsErrors.invalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens,"
                    + " or underscores, must end with .fifo suffix and be 1 to 80 in length.");
        }
        Map<String, String> given = QueueConfig.validate(attributes, fifo, true);
        if (fifo && !"true".equals(given.get("FifoQueue"))) {
            throw SqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        Tags.check(tags);
        RedriveRules.check(this, arn(name), fifo, given);
        CompletableFuture<Void> done;
        synchronized (registry) {
            Queue existing = queues.get(name);
            if (existing != null) {
                existing.lock.lock();
                try {
                    for (Map.Entry<String, String> e : given.entrySet()) {
                        String current = existing.config.values().getOrDefault(e.getKey(), "");
                        if (!current.equals(e.getValue())) {
                            throw SqsErrors.queueNameExists(e.getKey());
                        }
                    }
                } finally {
                    existing.lock.unlock();
                }
                return;
            }
            long now = clock.millis();
            QueueConfig config = QueueConfig.defaults(fifo).with(given);
            Queue q = new Queue(name, arn(name), now, now, config, tags);
            queues.put(name, q);
            // Dropping first clears any message a race left under this name after an earlier queue's deletion.
            done = store.submit(List.of(new Change.DropQueue(name),
                    new Change.PutQueue(name, now, now, AttributeCodec.strings(config.values()), AttributeCodec.strings(tags))));
        }
        SqsStore.await(done);
    }

    public void delete(String name) {
        Queue q = queue(name);
        CompletableFuture<Void> done;
        synchronized (registry) {
            q.lock.lock();
            try {
                if (q.deleted) {
                    throw SqsErrors.queueDoesNotExist();
                }
                q.deleted = true;
                q.clear();
                q.dedup.clear();
                queues.remove(name, q);
                done = store.submit(new Change.DropQueue(name));
                q.changed.signalAll();
            } finally {
                q.lock.unlock();
            }
        }
        SqsStore.await(done);
    }

    /** Every attribute of the queue as GetQueueAttributes answers {@code All}. */
    public Map<String, String> attributes(String name) {
        Queue q = queue(name);
        Map<String, String> out = new TreeMap<>();
        q.lock.lock();
        try {
            handles.expire(q, clock.millis());
            out.putAll(q.config.values());
            out.put("ApproximateNumberOfMessages", Integer.toString(q.visibleCount()));
            out.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(q.inFlightCount()));
            out.put("ApproximateNumberOfMessagesDelayed", Integer.toString(q.delayedCount()));
            out.put("CreatedTimestamp", Long.toString(q.createdAt / 1000));
            out.put("LastModifiedTimestamp", Long.toString(q.modifiedAt / 1000));
            out.put("QueueArn", q.arn);
        } finally {
            q.lock.unlock();
        }
        return out;
    }

    /** The queue's ReceiveMessageWaitTimeSeconds: how long a receive that names no wait waits. */
    public int receiveWaitSeconds(String name) {
        Queue q = queue(name);
        q.lock.lock();
        try {
            return q.config.receiveWaitSeconds();
        } finally {
            q.lock.unlock();
        }
    }

    public void setAttributes(String name, Map<String, String> attributes) {
        Queue q = queue(name);
        Map<String, String> given = QueueConfig.validate(attributes, q.fifo, false);
        RedriveRules.check(this, q.arn, q.fifo, given);
        update(q, given, null);
    }

    /** The queues whose RedrivePolicy names this one as their dead-letter queue, in name order. */
    public List<String> deadLetterSources(String name) {
        Queue dlq = queue(name);
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            Queue q = queues.get(n);
            if (q != null && q.redrive.map(r -> r.targetArn().equals(dlq.arn)).orElse(false)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Applies validated attribute changes and, when not null, a new tag set; durable on return. */
    void update(Queue q, Map<String, String> attributes, Map<String, String> tags) {
        CompletableFuture<Void> done;
        q.lock.lock();
        try {
            if (q.deleted) {
                throw SqsErrors.queueDoesNotExist();
            }
            if (!attributes.isEmpty()) {
                q.configure(q.config.with(attributes));
                q.modifiedAt = clock.millis();
            }
            if (tags != null) {
                q.tags = Map.copyOf(tags);
            }
            done = store.submit(new Change.PutQueue(q.name, q.createdAt, q.modifiedAt,
                    AttributeCodec.strings(q.config.values()), AttributeCodec.strings(q.tags)));
            q.changed.signalAll();
        } finally {
            q.lock.unlock();
        }
        SqsStore.await(done);
    }
}
