package dev.lamina.eventbridge.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lamina.eventbridge.target.Target;
import dev.lamina.store.events.Task;

import java.util.List;

/** A delivery as the log stores it: the target as its model document, so it reads back as it was set. */
final class DeliveryCodec {
    private DeliveryCodec() {
    }

    static Task.Deliver task(Delivery d) {
        return new Task.Deliver(d.origin().name(), d.sourceArn(), d.target().document().toString(), d.body(),
                d.acceptedAt());
    }

    static List<Task> tasks(List<Delivery> deliveries) {
        return deliveries.stream().<Task>map(DeliveryCodec::task).toList();
    }

    static Delivery delivery(Task.Deliver t) {
        try {
            return new Delivery(Delivery.Origin.valueOf(t.origin()), t.sourceArn(),
                    Target.of(Envelope.JSON.readTree(t.target())), t.body(), t.acceptedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery's target in the log is not JSON", e);
        }
    }
}
