package dev.lamina.eventbridge;

import dev.lamina.eventbridge.api.EventsApi;
import dev.lamina.eventbridge.api.EventsOperations;
import dev.lamina.eventbridge.delivery.DeliveryService;
import dev.lamina.eventbridge.delivery.EventIntake;
import dev.lamina.eventbridge.rules.RuleBook;
import dev.lamina.eventbridge.schedule.Ticker;
import dev.lamina.eventbridge.scheduler.Schedules;
import dev.lamina.eventbridge.scheduler.api.SchedulerApi;
import dev.lamina.eventbridge.scheduler.api.SchedulerOperations;

/**
 * EventBridge and EventBridge Scheduler, wired: the rules (buses, rules, targets, the pattern
 * matcher), the deliveries (PutEvents, the durable delivery log, targets, retries, dead-letter
 * queues), the schedules (Scheduler's API) and the ticker that fires scheduled rules and schedules.
 * Built once by the composition root, after asynchronous invocation and SQS (which it delivers
 * to), and closed before them.
 */
public final class EventBridge implements AutoCloseable {
    private final RuleBook rules;
    private final DeliveryService deliveries;
    private final Schedules schedules;
    private final Ticker ticker;
    private final EventsApi events;
    private final SchedulerApi scheduler;

    private EventBridge(EventBridgeContext context) {
        this.rules = new RuleBook(context);
        this.deliveries = new DeliveryService(context, rules);
        this.schedules = new Schedules(context);
        this.ticker = new Ticker(context, rules, schedules, deliveries);
        this.events = new EventsOperations(context, rules, deliveries);
        this.scheduler = new SchedulerOperations(context, schedules);
    }

    /** Loads what is stored, resumes owed deliveries and starts the ticker. */
    public static EventBridge open(EventBridgeContext context) {
        EventBridge bridge = new EventBridge(context);
        bridge.deliveries.start();
        bridge.ticker.start();
        return bridge;
    }

    /** EventBridge's API ({@code AWSEvents.*}, JSON 1.1). */
    public EventsApi events() {
        return events;
    }

    /** Scheduler's API (rest-json). */
    public SchedulerApi scheduler() {
        return scheduler;
    }

    /** Puts events on buses from inside Lamina (Lambda destinations, Scheduler's bus targets). */
    public EventIntake intake() {
        return deliveries;
    }

    /** Hands over Step Functions (built after EventBridge) for rules' and schedules' state machine targets. */
    public void stateMachines(dev.lamina.eventbridge.delivery.StateMachineStarter starter) {
        deliveries.stateMachines(starter);
    }

    @Override
    public void close() {
        ticker.close();
        deliveries.close();
    }
}
