package dev.lamina.events.esm;

import dev.lamina.model.ServiceException;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.QueueInfo;
import dev.lamina.sqs.Queues;
import dev.lamina.sqs.ReceivedMessage;
import dev.lamina.sqs.SentMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A small in-memory SQS for the pollers' tests (the real one is the sqs module): visibility
 * timeouts, receive counts, redrive to a dead-letter queue after maxReceiveCount, and FIFO queues
 * that hand out no message of a group that has one in flight. Not durable, by design.
 */
public final class MemoryQueues implements Queues {

    /** One stored message. */
    public static final class Stored {
        final String id = UUID.randomUUID().toString();
        final String body;
        final Map<String, MessageAttribute> attributes;
        final Optional<String> group;
        final long sentAt = System.currentTimeMillis();
        long visibleAt;
        int receives;
        long firstReceive;
        String handle;

        Stored(OutgoingMessage m) {
            this.body = m.body();
            this.attributes = m.attributes();
            this.group = m.groupId();
        }
    }

    private final Map<String, QueueInfo> infos = new LinkedHashMap<>();
    private final Map<String, List<Stored>> messages = new LinkedHashMap<>();
    /** Every receive of every message, by body, for tests. */
    public final Map<String, Integer> receivesByBody = new LinkedHashMap<>();

    public synchronized QueueInfo create(String name, Duration visibility, Optional<String> dlqArn, int maxReceiveCount) {
        String arn = "arn:aws:sqs:us-east-1:000000000000:" + name;
        QueueInfo info = new QueueInfo(name, arn, "http://localhost/000000000000/" + name, name.endsWith(".fifo"),
                visibility, dlqArn, maxReceiveCount);
        infos.put(arn, info);
        messages.put(arn, new ArrayList<>());
        return info;
    }

    @Override
    public synchronized Optional<QueueInfo> byArn(String queueArn) {
        return Optional.ofNullable(infos.get(queueArn));
    }

    @Override
    public synchronized SentMessage send(String queueArn, OutgoingMessage message) {
        Stored s = new Stored(message);
        queue(queueArn).add(s);
        notifyAll();
        return new SentMessage(s.id, "md5", Optional.empty(), Optional.empty());
    }

    @Override
    public synchronized List<ReceivedMessage> receive(String queueArn, int max, Optional<Duration> visibility,
                                                      Duration wait) throws InterruptedException {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (true) {
            List<ReceivedMessage> out = take(queueArn, max, visibility);
            long left = deadline - System.currentTimeMillis();
            if (!out.isEmpty() || left <= 0) {
                return out;
            }
            wait(Math.min(left, 50));
        }
    }

    private List<ReceivedMessage> take(String queueArn, int max, Optional<Duration> visibility) {
        QueueInfo info = infos.get(queueArn);
        List<Stored> list = queue(queueArn);
        long now = System.currentTimeMillis();
        Set<String> busyGroups = new HashSet<>();
        if (info.fifo()) {
            list.stream().filter(s -> s.visibleAt > now).forEach(s -> s.group.ifPresent(busyGroups::add));
        }
        List<ReceivedMessage> out = new ArrayList<>();
        for (Stored s : List.copyOf(list)) {
            if (out.size() >= max) {
                break;
            }
            if (s.visibleAt > now || s.group.map(busyGroups::contains).orElse(false)) {
                if (info.fifo()) {
                    s.group.ifPresent(busyGroups::add);
                }
                continue;
            }
            if (info.maxReceiveCount() > 0 && s.receives >= info.maxReceiveCount()) {
                list.remove(s); // past maxReceiveCount: to the dead-letter queue, unchanged
                queue(info.redriveTargetArn().orElseThrow()).add(s);
                s.visibleAt = 0;
                continue;
            }
            s.receives++;
            receivesByBody.merge(s.body, 1, Integer::sum);
            if (s.firstReceive == 0) {
                s.firstReceive = now;
            }
            s.visibleAt = now + visibility.orElse(info.visibilityTimeout()).toMillis();
            s.handle = UUID.randomUUID().toString();
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("ApproximateReceiveCount", String.valueOf(s.receives));
            attributes.put("SentTimestamp", String.valueOf(s.sentAt));
            attributes.put("SenderId", "AIDAEXAMPLE");
            attributes.put("ApproximateFirstReceiveTimestamp", String.valueOf(s.firstReceive));
            s.group.ifPresent(g -> attributes.put("MessageGroupId", g));
            out.add(new ReceivedMessage(s.id, s.handle, s.body, "md5-" + s.body.hashCode(),
                    s.attributes.isEmpty() ? Optional.empty() : Optional.of("md5-attributes"), attributes, s.attributes));
        }
        return out;
    }

    @Override
    public synchronized void delete(String queueArn, String receiptHandle) {
        queue(queueArn).removeIf(s -> receiptHandle.equals(s.handle));
        notifyAll();
    }

    @Override
    public synchronized void changeVisibility(String queueArn, String receiptHandle, Duration visibility) {
        queue(queueArn).stream().filter(s -> receiptHandle.equals(s.handle))
                .forEach(s -> s.visibleAt = System.currentTimeMillis() + visibility.toMillis());
        notifyAll();
    }

    /** Bodies in the queue, visible or not. */
    public synchronized List<String> bodies(String queueArn) {
        return queue(queueArn).stream().map(s -> s.body).toList();
    }

    private List<Stored> queue(String arn) {
        List<Stored> list = messages.get(arn);
        if (list == null) {
            throw ServiceException.client("QueueDoesNotExist", "The specified queue does not exist.");
        }
        return list;
    }
}
