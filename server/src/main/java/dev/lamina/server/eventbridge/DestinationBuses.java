package dev.lamina.server.eventbridge;

import dev.lamina.eventbridge.delivery.EventIntake;
import dev.lamina.events.EventBusSink;

import java.util.List;
import java.util.Optional;

/**
 * Lambda's destinations that are event buses, put through EventBridge's intake as one PutEvents
 * entry each. An entry EventBridge refuses (a bus that does not exist) is an exception, which the
 * asynchronous side retries and finally logs.
 */
public final class DestinationBuses {
    private DestinationBuses() {
    }

    public static EventBusSink of(EventIntake intake) {
        return (busArn, source, detailType, detail, resources) -> {
            EventIntake.Result result = intake.put(List.of(new EventIntake.Entry(Optional.of(busArn), Optional.empty(),
                    Optional.of(source), Optional.of(detailType), Optional.of(detail), resources, Optional.empty())))
                    .getFirst();
            if (result.errorCode().isPresent()) {
                throw new IllegalStateException("EventBridge refused the event for " + busArn + ": "
                        + result.errorCode().get() + " " + result.errorMessage().orElse(""));
            }
        };
    }
}
