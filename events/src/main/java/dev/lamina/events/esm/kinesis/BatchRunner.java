package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes one batch of one shard through Lambda's stream rules, in order: records older than
 * MaximumRecordAgeInSeconds are discarded; a failing batch is invoked 1 + MaximumRetryAttempts
 * times (-1: until its records are too old) and then discarded; with BisectBatchOnFunctionError a
 * failing batch of more than one record is split in halves instead, which uses up no retry (each
 * half starts with none used), so a batch that cannot be split is the one invoked 1 +
 * MaximumRetryAttempts times; with ReportBatchItemFailures the records before the lowest reported
 * one are done and the rest is retried. A discarded batch is described to the OnFailure destination.
 * Invocations the platform could not make (throttled, not ready) are retried without counting.
 * A batch whose event would pass Lambda's 6 MB payload limit is split in halves before it is sent.
 */
final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);
    static final Duration RETRY_BASE = Duration.ofMillis(200);
    static final Duration RETRY_MAX = Duration.ofSeconds(10);
    /** Lambda's limit on a synchronous invocation's payload (6 MB); a larger batch is split before it is sent. */
    static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private final PollerContext context;
    private final MappingSettings settings;
    private final String streamArn;
    private final Pause pause;

    BatchRunner(PollerContext context, String streamArn, Pause pause) {
        this.context = context;
        this.settings = context.settings();
        this.streamArn = streamArn;
        this.pause = pause;
    }

    /** A part of the batch and what its own invocations came to. */
    private static final class Part {
        List<StreamRecord> records;
        int invocations;
        Optional<KinesisEvents.Response> lastResponse = Optional.empty();

        Part(List<StreamRecord> records) {
            this.records = records;
        }
    }

    /**
     * Runs {@code batch} until every record is processed or discarded, telling {@code done} about
     * each finished run of records in order.
     *
     * @throws InterruptedException when the poller closes; the records not yet reported done are not
     *                              done (they are read again after a restart)
     */
    void run(List<StreamRecord> batch, Consumer<List<StreamRecord>> done) throws InterruptedException {
        Deque<Part> parts = new ArrayDeque<>();
        parts.push(new Part(batch));
        int notInvoked = 0;
        while (!parts.isEmpty()) {
            if (pause.closing()) {
                throw new InterruptedException("the poller is closing");
            }
            Part part = parts.peek();
            int expired = expiredPrefix(part.records);
            if (expired > 0) {
                discard(part.records.subList(0, expired), "RecordAgeExceeded", part);
                done.accept(part.records.subList(0, expired));
                part.records = part.records.subList(expired, part.records.size());
                if (part.records.isEmpty()) {
                    parts.pop();
                    continue;
                }
            }
            byte[] event = KinesisEvents.event(settings, streamArn, part.records);
            if (event.length > MAX_PAYLOAD && part.records.size() > 1) {
                parts.pop();
                int half = part.records.size() / 2;
                parts.push(new Part(part.records.subList(half, part.records.size())));
                parts.push(new Part(part.records.subList(0, half)));
                continue;
            }
            BatchInvoker.Outcome outcome = context.invoker().invoke(event);
            switch (outcome) {
                case BatchInvoker.NotInvoked n -> {
                    notInvoked++;
                    context.status().processed("PROBLEM: " + n.errorCode() + ": " + n.message());
                    pause.sleep(Pause.backoff(RETRY_BASE, RETRY_MAX, notInvoked));
                    continue;
                }
                case BatchInvoker.Succeeded s -> {
                    notInvoked = 0;
                    part.invocations++;
                    part.lastResponse = Optional.of(new KinesisEvents.Response(200, Optional.empty()));
                    int failedFrom = Math.min(part.records.size(), settings.reportBatchItemFailures()
                            ? failedFrom(KinesisEvents.itemFailures(s.payload(), part.records)) : part.records.size());
                    if (failedFrom > 0) {
                        done.accept(part.records.subList(0, failedFrom));
                    }
                    if (failedFrom == part.records.size()) {
                        context.status().processed("OK");
                        parts.pop();
                        continue;
                    }
                    part.records = part.records.subList(failedFrom, part.records.size());
                }
                case BatchInvoker.FunctionFailed f -> {
                    notInvoked = 0;
                    part.invocations++;
                    part.lastResponse = Optional.of(new KinesisEvents.Response(200, Optional.of("Unhandled")));
                }
            }
            context.status().processed("PROBLEM: Function call failed");
            if (settings.bisectBatchOnFunctionError() && part.records.size() > 1) {
                parts.pop();
                int half = part.records.size() / 2;
                parts.push(new Part(part.records.subList(half, part.records.size())));
                parts.push(new Part(part.records.subList(0, half)));
            } else if (settings.maximumRetryAttempts() >= 0 && part.invocations >= 1 + settings.maximumRetryAttempts()) {
                discard(part.records, "RetryAttemptsExhausted", part);
                done.accept(part.records);
                parts.pop();
            } else {
                pause.sleep(Pause.backoff(RETRY_BASE, RETRY_MAX, part.invocations));
            }
        }
    }

    private static int failedFrom(KinesisEvents.ItemFailures failures) {
        return switch (failures) {
            case KinesisEvents.AllSucceeded a -> Integer.MAX_VALUE;
            case KinesisEvents.FailedFrom f -> f.index();
            case KinesisEvents.Invalid i -> 0;
        };
    }

    /** How many records at the head of {@code records} are older than MaximumRecordAgeInSeconds. */
    private int expiredPrefix(List<StreamRecord> records) {
        if (settings.maximumRecordAge().isEmpty()) {
            return 0;
        }
        Instant oldestKept = context.clock().instant().minus(settings.maximumRecordAge().get());
        int n = 0;
        while (n < records.size() && records.get(n).arrival().isBefore(oldestKept)) {
            n++;
        }
        return n;
    }

    /** Describes discarded records to the OnFailure destination, retrying until it takes them. */
    private void discard(List<StreamRecord> records, String condition, Part part) throws InterruptedException {
        LOG.info("mapping {}: discarding {} records of {} ({}, {} invocations)", settings.uuid(), records.size(),
                records.getFirst().shardId(), condition, part.invocations);
        if (!context.onFailure().configured()) {
            return;
        }
        String record = KinesisEvents.failureRecord(settings, streamArn, records, condition, part.invocations,
                part.lastResponse, context.clock().instant());
        for (int attempt = 1; ; attempt++) {
            try {
                context.onFailure().send(record);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warn("mapping {}: the OnFailure destination did not take a record: {}", settings.uuid(), e.toString());
                context.status().processed("PROBLEM: OnFailure destination unreachable");
                pause.sleep(Pause.backoff(RETRY_BASE, RETRY_MAX, attempt));
            }
        }
    }
}
