package dev.lamina.sqs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One queue in memory: its configuration and its messages, indexed by state — visible ones in delivery
 * order, hidden ones (delayed, in flight) on a timer heap by the time they become visible, and for FIFO
 * queues the message groups that have a message in flight. Everything here is guarded by {@link #lock};
 * long polls wait on {@link #changed}, which is signalled whenever a message may have become receivable.
 */
final class Queue {
    private record Due(long at, Message message, int stamp) {
    }

    final String name;
    final String arn;
    final long createdAt;
    final boolean fifo;
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Dedup dedup = new Dedup();

    long modifiedAt;
    /** Replaced whole under the lock; volatile so that a send validates against it before taking the lock. */
    volatile QueueConfig config;
    volatile Optional<Redrive> redrive = Optional.empty();
    Map<String, String> tags;
    boolean deleted;

    private final TreeMap<Long, Message> ready = new TreeMap<>();
    private final PriorityQueue<Due> timers = new PriorityQueue<>(Comparator.comparingLong(Due::at));
    private final HashMap<Long, Message> messages = new HashMap<>();
    private final HashMap<String, Integer> groupsInFlight = new HashMap<>();
    private int inFlight;
    private int delayed;

    Queue(String name, String arn, long createdAt, long modifiedAt, QueueConfig config, Map<String, String> tags) {
        this.name = name;
        this.arn = arn;
        this.createdAt = createdAt;
        this.fifo = config.fifo();
        this.modifiedAt = modifiedAt;
        this.tags = Map.copyOf(tags);
        configure(config);
    }

    void configure(QueueConfig config) {
        this.config = config;
        this.redrive = config.redrive();
    }

    /** Adds a new, recovered or moved message: hidden until {@code visibleAt} if that is later than now. */
    void add(Message m, long now) {
        messages.put(m.ordinal, m);
        if (m.visibleAt > now) {
            enter(m, m.receiveCount > 0 ? Message.State.IN_FLIGHT : Message.State.DELAYED);
        } else {
            enter(m, Message.State.READY);
        }
    }

    Message get(long ordinal) {
        return messages.get(ordinal);
    }

    /** Makes every hidden message whose time has come visible again. */
    void promote(long now) {
        for (Due d = timers.peek(); d != null && d.at <= now; d = timers.peek()) {
            timers.poll();
            Message m = d.message;
            if (m.stamp == d.stamp && (m.state == Message.State.DELAYED || m.state == Message.State.IN_FLIGHT)) {
                leave(m);
                enter(m, Message.State.READY);
            }
        }
    }

    /** When the next hidden message becomes visible, if any. */
    Optional<Long> nextDue() {
        while (!timers.isEmpty()) {
            Due d = timers.peek();
            if (d.message.stamp == d.stamp && d.message.state != Message.State.GONE) {
                return Optional.of(d.at);
            }
            timers.poll();
        }
        return Optional.empty();
    }

    /** Visible messages in delivery order (a live view: do not change the queue while iterating). */
    Collection<Message> visible() {
        return ready.values();
    }

    /** Whether a FIFO message group has a message in flight, which holds back the rest of the group. */
    boolean groupBlocked(String group) {
        return groupsInFlight.containsKey(group);
    }

    void hide(Message m, long until) {
        leave(m);
        m.visibleAt = until;
        enter(m, Message.State.IN_FLIGHT);
    }

    void show(Message m, long now) {
        leave(m);
        m.visibleAt = now;
        enter(m, Message.State.READY);
    }

    void remove(Message m) {
        leave(m);
        messages.remove(m.ordinal);
        m.state = Message.State.GONE;
        m.stamp++;
    }

    /** Removes every message; answers how many there were. */
    int clear() {
        List<Message> all = new ArrayList<>(messages.values());
        all.forEach(this::remove);
        timers.clear();
        return all.size();
    }

    List<Message> all() {
        return new ArrayList<>(messages.values());
    }

    int visibleCount() {
        return ready.size();
    }

    int inFlightCount() {
        return inFlight;
    }

    int delayedCount() {
        return delayed;
    }

    private void enter(Message m, Message.State state) {
        m.state = state;
        m.stamp++;
        switch (state) {
            case READY -> ready.put(m.ordinal, m);
            case DELAYED -> {
                delayed++;
                timers.add(new Due(m.visibleAt, m, m.stamp));
            }
            case IN_FLIGHT -> {
                inFlight++;
                if (fifo) m.groupId.ifPresent(g -> groupsInFlight.merge(g, 1, Integer::sum));
                timers.add(new Due(m.visibleAt, m, m.stamp));
            }
            case GONE -> throw new IllegalStateException("a message enters GONE only by remove");
        }
    }

    private void leave(Message m) {
        switch (m.state) {
            case READY -> ready.remove(m.ordinal);
            case DELAYED -> delayed--;
            case IN_FLIGHT -> {
                inFlight--;
                if (fifo) m.groupId.ifPresent(g -> groupsInFlight.computeIfPresent(g, (k, n) -> n == 1 ? null : n - 1));
            }
            case GONE -> throw new IllegalStateException("message " + m.id + " is gone from " + name);
        }
    }
}
