package dev.lamina.eventbridge.delivery;

import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.store.events.EventLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * EventBridge's deliveries: PutEvents (checked, matched, its deliveries on disk before it answers),
 * the durable delivery log ({@code eventbridge.db}, group commit) with schedules' fire marks, and the
 * dispatcher that gets every stored delivery to its target at least once, under the target's retry
 * policy, or to its dead-letter queue.
 */
public final class DeliveryService implements Deliveries, EventIntake, AutoCloseable {
    private final EventBridgeContext context;
    private final RuleIndex rules;
    private final Router router;
    private final EventLog log;
    private final DeliveryDispatcher dispatcher;
    private final Targets targets;

    public DeliveryService(EventBridgeContext context, RuleIndex rules) {
        this.context = context;
        this.rules = rules;
        this.router = new Router(rules);
        this.log = EventLog.open(context.deliveryLog());
        this.targets = new Targets(context, rules);
        this.dispatcher = new DeliveryDispatcher(log, targets::deliver, new DeadLetters(context.queues()),
                new RetrySchedule(context.settings().retryScale(), () -> ThreadLocalRandom.current().nextDouble()),
                context.clock());
    }

    /** Step Functions, which starts after EventBridge: until it is given, state machine targets do not exist. */
    public void stateMachines(StateMachineStarter starter) {
        targets.stateMachines(starter);
    }

    /** Schedules what the log holds (deliveries accepted before a stop or crash) and starts delivering. */
    public void start() {
        for (EventLog.Entry e : log.entries()) {
            dispatcher.schedule(e.id(), e.dueAt());
        }
        dispatcher.start();
    }

    @Override
    public CompletableFuture<Void> enqueue(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return log.add(DeliveryCodec.tasks(deliveries), context.clock().instant()).thenAccept(dispatcher::scheduleNow);
    }

    @Override
    public boolean fire(String key, Instant time, List<Delivery> deliveries) {
        Optional<List<Long>> ids = log.fire(key, time, DeliveryCodec.tasks(deliveries), context.clock().instant()).join();
        ids.ifPresent(dispatcher::scheduleNow);
        return ids.isPresent();
    }

    @Override
    public Optional<Instant> lastFired(String key) {
        return log.lastFired(key);
    }

    @Override
    public void forget(String key) {
        log.forget(key).join();
    }

    @Override
    public List<Result> put(List<Entry> entries) {
        EntryCheck.checkRequest(entries);
        Instant now = context.clock().instant();
        List<Result> results = new ArrayList<>(entries.size());
        List<Delivery> deliveries = new ArrayList<>();
        for (Entry entry : entries) {
            EntryCheck.Checked checked = EntryCheck.check(entry);
            if (checked instanceof EntryCheck.Failed f) {
                results.add(failed(f.code(), f.message()));
                continue;
            }
            String bus = Router.busName(entry.bus().filter(b -> !b.isEmpty()).orElse("default"));
            if (!rules.busExists(bus)) {
                results.add(failed("ResourceNotFoundException", "Event bus " + bus + " does not exist."));
                continue;
            }
            String id = UUID.randomUUID().toString();
            String event = Envelope.of(id, entry.detailType().orElseThrow(), entry.source().orElseThrow(),
                    context.settings().account().id(), entry.time().orElse(now), context.settings().region().name(),
                    entry.resources(), ((EntryCheck.Passed) checked).detail());
            deliveries.addAll(router.route(bus, event, now));
            results.add(new Result(Optional.of(id), Optional.empty(), Optional.empty()));
        }
        try {
            enqueue(deliveries).join();
        } catch (CompletionException e) {
            throw EventBridgeErrors.internal("The events could not be stored; none was accepted.");
        }
        return results;
    }

    private static Result failed(String code, String message) {
        return new Result(Optional.empty(), Optional.of(code), Optional.of(message));
    }

    @Override
    public void close() {
        dispatcher.close();
        log.close();
    }
}
