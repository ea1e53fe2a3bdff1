package dev.lamina.server.workflows;

import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.http.InputValidation;
import dev.lamina.server.http.JsonService;
import dev.lamina.server.http.ServiceModel;
import dev.lamina.workflows.api.StatesApi;

import java.util.Optional;

/**
 * Step Functions' entry in the edge's route table: {@link StatesApi} under the JSON 1.0 protocol
 * ({@code X-Amz-Target: AWSStepFunctions.<Operation>}), signed for {@code states} and authorized as
 * {@code states:<Operation>} on the machine's, execution's or activity's ARN. Shapes come from the
 * workflows module's model.
 */
public final class StepFunctionsEndpoints {
    public static final String SIGNING_NAME = "states";
    /** Definitions are up to 1 MB and inputs 256 KB; JSON escaping can double them. */
    static final long BODY_LIMIT = 4L << 20;

    private StepFunctionsEndpoints() {
    }

    public static JsonService json(StatesApi api, Authenticator authenticator) {
        ServiceModel model = ServiceModel.load(StatesApi.class.getClassLoader(), StatesApi.MODEL, Optional.empty());
        return JsonService.of(model, api.operations(), SIGNING_NAME, authenticator, BODY_LIMIT, api::resource,
                call -> api.handle(call.operation(), call.input()), Optional.empty())
                .validated(new InputValidation(model, "ValidationException", InputValidation.Paths.MEMBER));
    }
}
