package dev.lamina.server.eventbridge;

import dev.lamina.eventbridge.api.EventsApi;
import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.http.InputValidation;
import dev.lamina.server.http.JsonService;
import dev.lamina.server.http.ServiceModel;

import java.util.Optional;

/**
 * EventBridge's entry in the edge's route table: {@link EventsApi} under the JSON 1.1 protocol
 * ({@code X-Amz-Target: AWSEvents.<Operation>}), signed for {@code events} and authorized as
 * {@code events:<Operation>} on the rule's or bus's ARN. Shapes come from the eventbridge module's model.
 */
public final class EventBridgeEndpoints {
    public static final String SIGNING_NAME = "events";
    /** PutEvents takes 256 KB of entries; JSON escaping can double that, with room for the envelope. */
    static final long BODY_LIMIT = 2L << 20;

    private EventBridgeEndpoints() {
    }

    public static JsonService json(EventsApi api, Authenticator authenticator) {
        ServiceModel model = ServiceModel.load(EventsApi.class.getClassLoader(), EventsApi.MODEL, Optional.empty());
        // Every input is checked against the model first, as AWS does: "1 validation error detected:
        // Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: …"
        return JsonService.of(model, api.operations(), SIGNING_NAME, authenticator, BODY_LIMIT, api::resource,
                call -> api.handle(call.operation(), call.input()), Optional.empty())
                .validated(new InputValidation(model, "ValidationException", InputValidation.Paths.MEMBER));
    }
}
