package dev.lamina.sqs;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens the service on a directory with a hand-moved clock, and speaks to it through {@link Queues}. */
final class SqsFixture implements AutoCloseable {
    static final String ACCOUNT = "000000000000";
    final Path dir;
    final TestClock clock;
    Sqs sqs;

    SqsFixture(Path dir, TestClock clock) {
        this.dir = dir;
        this.clock = clock;
        this.sqs = open();
    }

    Sqs open() {
        return Sqs.open(new SqsSettings(new Region("us-east-1"), new AccountId(ACCOUNT), dir, URI.create("http://localhost:9070")), clock);
    }

    void reopen() {
        sqs.close();
        sqs = open();
    }

    Engine engine() {
        return ((dev.lamina.sqs.api.SqsOperations) sqs.api()).engine();
    }

    static String arn(String name) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    String create(String name, Map<String, String> attributes) {
        engine().create(name, attributes, Map.of());
        return arn(name);
    }

    SentMessage send(String name, String body) {
        return sqs.queues().send(arn(name), OutgoingMessage.of(body, Map.of()));
    }

    SentMessage sendFifo(String name, String body, String group, String dedup) {
        return sqs.queues().send(arn(name), new OutgoingMessage(body, Map.of(), Optional.of(group),
                Optional.ofNullable(dedup), Optional.empty()));
    }

    List<ReceivedMessage> receive(String name, int max) {
        try {
            return sqs.queues().receive(arn(name), max, Optional.empty(), Duration.ZERO);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> attributes(String name) {
        return engine().attributes(name);
    }

    @Override
    public void close() {
        sqs.close();
    }
}
