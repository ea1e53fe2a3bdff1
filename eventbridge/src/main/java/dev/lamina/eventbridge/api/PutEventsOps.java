package dev.lamina.eventbridge.api;

import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.delivery.DeliveryService;

import java.util.Map;

/** TODO(delivery): PutEvents; stub laid by the contract commit. */
final class PutEventsOps {
    PutEventsOps(EventBridgeContext context, DeliveryService deliveries) {
    }

    void register(Map<String, EventsOperations.Operation> operations) {
    }
}
