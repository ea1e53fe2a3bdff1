package dev.lamina.eventbridge;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.iam.Identities;
import dev.lamina.events.AsyncInvocations;
import dev.lamina.sqs.Queues;
import dev.lamina.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What EventBridge and Scheduler are built on, handed over by the composition root.
 *
 * @param async        Lambda targets are asynchronous invocations (so the function's retries and
 *                     destinations apply)
 * @param queues       Lamina's SQS: queue targets and dead-letter queues
 * @param identities   roles, whose policies decide what a target's RoleArn may do
 * @param deliveryLog  the durable log of owed deliveries and schedules' fire marks ({@code <data dir>/eventbridge.db})
 */
public record EventBridgeContext(EventBridgeSettings settings, Store store, ControlPlane control,
                                 AsyncInvocations async, Queues queues, Identities identities, Path deliveryLog,
                                 Clock clock) {
    public EventBridgeContext {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(store);
        Objects.requireNonNull(control);
        Objects.requireNonNull(async);
        Objects.requireNonNull(queues);
        Objects.requireNonNull(identities);
        Objects.requireNonNull(deliveryLog);
        Objects.requireNonNull(clock);
    }

    public Arns arns() {
        return new Arns(settings.region(), settings.account());
    }
}
