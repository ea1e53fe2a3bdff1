package dev.lamina.eventbridge.schedule;

import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.delivery.Deliveries;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.eventbridge.scheduler.ScheduleBook;

/** TODO(cron): fires scheduled rules and schedules; stub laid by the contract commit. */
public final class Ticker implements AutoCloseable {
    public Ticker(EventBridgeContext context, RuleIndex rules, ScheduleBook schedules, Deliveries deliveries) {
    }

    public void start() {
    }

    @Override
    public void close() {
    }
}
