package dev.lamina.eventbridge.scheduler;

import dev.lamina.eventbridge.EventBridgeContext;

import java.util.List;

/** TODO(scheduler): schedules and groups in the store and in memory; stub laid by the contract commit. */
public final class Schedules implements ScheduleBook {
    public Schedules(EventBridgeContext context) {
    }

    @Override
    public List<ActiveSchedule> active() {
        return List.of();
    }

    @Override
    public void completed(String group, String name) {
    }
}
