package dev.lamina.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link Queues} on the engine: other services' calls, with the API's rules and durability. */
final class LocalQueues implements Queues {
    private final Engine engine;
    private final String endpoint;

    LocalQueues(Engine engine, String endpoint) {
        this.engine = engine;
        this.endpoint = endpoint;
    }

    @Override
    public Optional<QueueInfo> byArn(String queueArn) {
        return engine.byArn(queueArn).map(q -> {
            q.lock.lock();
            try {
                return new QueueInfo(q.name, q.arn, endpoint + "/" + engine.account + "/" + q.name, q.fifo,
                        Duration.ofSeconds(q.config.visibilityTimeout()), q.redrive.map(Redrive::targetArn),
                        q.redrive.map(Redrive::maxReceiveCount).orElse(0));
            } finally {
                q.lock.unlock();
            }
        });
    }

    private String name(String queueArn) {
        return engine.byArn(queueArn).orElseThrow(SqsErrors::queueDoesNotExist).name;
    }

    @Override
    public SentMessage send(String queueArn, OutgoingMessage message) {
        Deliveries.Sent sent = engine.deliveries().send(name(queueArn), message, Optional.empty(), engine.account);
        SqsStore.await(sent.durable());
        return sent.message();
    }

    @Override
    public List<ReceivedMessage> receive(String queueArn, int max, Optional<Duration> visibility, Duration wait)
            throws InterruptedException {
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidValue("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
        }
        if (wait.isNegative() || wait.compareTo(Duration.ofSeconds(20)) > 0) {
            throw SqsErrors.invalidValue("WaitTimeSeconds", wait.getSeconds(), "Must be >= 0 and <= 20, if provided.");
        }
        Optional<Integer> seconds = visibility.map(v -> (int) Math.min(v.getSeconds(), Integer.MAX_VALUE));
        seconds.ifPresent(s -> {
            if (s < 0 || s > Handles.MAX_VISIBILITY_SECONDS) {
                throw SqsErrors.invalidValue("VisibilityTimeout", s, "Must be between 0 and 43200, if provided.");
            }
        });
        return engine.deliveries().receive(name(queueArn), max, seconds, wait.toMillis());
    }

    @Override
    public void delete(String queueArn, String receiptHandle) {
        SqsStore.await(engine.handles().delete(name(queueArn), receiptHandle));
    }

    @Override
    public void changeVisibility(String queueArn, String receiptHandle, Duration visibility) {
        SqsStore.await(engine.handles().changeVisibility(name(queueArn), receiptHandle,
                (int) Math.min(visibility.getSeconds(), Integer.MAX_VALUE)));
    }
}
