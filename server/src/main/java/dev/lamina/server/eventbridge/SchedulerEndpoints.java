package dev.lamina.server.eventbridge;

import dev.lamina.eventbridge.scheduler.api.SchedulerApi;
import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.http.RestJsonProtocol;
import dev.lamina.server.http.RestJsonService;
import dev.lamina.server.http.ServiceModel;

import java.util.List;
import java.util.Optional;

/**
 * EventBridge Scheduler's entry in the edge: {@link SchedulerApi} under the rest-json protocol, reached
 * by requests signed for {@code scheduler}, authorized as {@code scheduler:<Operation>} on the
 * schedule's or group's ARN, refusing bad input with ValidationException and putting error messages
 * under {@code Message}, as Scheduler's error shapes do. Routes and shapes come from the eventbridge
 * module's copy of the model.
 */
public final class SchedulerEndpoints {
    public static final String SIGNING_NAME = "scheduler";

    private SchedulerEndpoints() {
    }

    /** @param authenticator verifies signatures made for {@link #SIGNING_NAME} */
    public static RestJsonProtocol restJson(SchedulerApi api, Authenticator authenticator, Authorizer authorizer) {
        ServiceModel model = ServiceModel.load(SchedulerApi.class.getClassLoader(), SchedulerApi.MODEL, Optional.empty());
        RestJsonService service = RestJsonService.of("/", model, new RestJsonService.Operations(api.operations(),
                api::resource, (operation, input, endpoint) -> api.handle(operation, input)));
        return new RestJsonProtocol(List.of(service), authenticator, authorizer,
                RestJsonProtocol.Dialect.byOperation(SIGNING_NAME, "ValidationException", "Message"));
    }
}
