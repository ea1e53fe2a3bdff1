package dev.lamina.sqs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A queue's tags: TagQueue, UntagQueue, ListQueueTags. Public for the sqs.api package only. */
public final class QueueTags {
    private final Engine engine;

    QueueTags(Engine engine) {
        this.engine = engine;
    }

    public Map<String, String> of(String name) {
        Queue q = engine.queue(name);
        q.lock.lock();
        try {
            return new TreeMap<>(q.tags);
        } finally {
            q.lock.unlock();
        }
    }

    public void add(String name, Map<String, String> tags) {
        Queue q = engine.queue(name);
        Tags.check(tags);
        q.lock.lock();
        Map<String, String> merged;
        try {
            merged = new TreeMap<>(q.tags);
            merged.putAll(tags);
            Tags.checkCount(merged.size());
        } finally {
            q.lock.unlock();
        }
        engine.update(q, Map.of(), merged);
    }

    public void remove(String name, List<String> keys) {
        Queue q = engine.queue(name);
        q.lock.lock();
        Map<String, String> left;
        try {
            left = new TreeMap<>(q.tags);
            keys.forEach(left::remove);
        } finally {
            q.lock.unlock();
        }
        engine.update(q, Map.of(), left);
    }
}
