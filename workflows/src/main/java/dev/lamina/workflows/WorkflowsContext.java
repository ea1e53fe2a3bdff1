package dev.lamina.workflows;

import dev.lamina.control.ControlPlane;
import dev.lamina.eventbridge.api.EventsApi;
import dev.lamina.eventbridge.delivery.EventIntake;
import dev.lamina.invoke.Invoker;
import dev.lamina.sqs.api.SqsApi;
import dev.lamina.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What Step Functions is built on, handed over by the composition root.
 *
 * @param invoker  Task states invoke functions synchronously, as Step Functions does
 * @param sqs      SQS's API: the {@code sqs:sendMessage} integration and {@code aws-sdk:sqs:*}
 * @param events   EventBridge's API: {@code aws-sdk:eventbridge:*}
 * @param intake   EventBridge's intake: the {@code events:putEvents} integration
 * @param journal  the durable journal of executions ({@code <data dir>/workflows.db})
 */
public record WorkflowsContext(WorkflowsSettings settings, Store store, ControlPlane control, Invoker invoker,
                               SqsApi sqs, EventsApi events, EventIntake intake, Path journal, Clock clock) {
    public WorkflowsContext {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(store);
        Objects.requireNonNull(control);
        Objects.requireNonNull(invoker);
        Objects.requireNonNull(sqs);
        Objects.requireNonNull(events);
        Objects.requireNonNull(intake);
        Objects.requireNonNull(journal);
        Objects.requireNonNull(clock);
    }

    public Arns arns() {
        return new Arns(settings.region(), settings.account());
    }
}
