package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.StatesErrors;

/**
 * Step Functions' own API as Task states call it: {@code states:startExecution} (which needs the API's
 * resolution of machine, version and alias ARNs) and {@code aws-sdk:sfn:*}. Input and output are the
 * API's JSON trees (the model's member names, {@code stateMachineArn}); errors are the API's. The
 * composition ({@link dev.lamina.workflows.Workflows}) binds it to the API once the API exists.
 */
@FunctionalInterface
public interface StatesCalls {

    JsonNode call(String operation, ObjectNode input) throws ServiceException;

    /** For integrations built without the API: every call fails. */
    StatesCalls NONE = (operation, input) -> {
        throw StatesErrors.internal("Step Functions' API is not available to Task states here");
    };
}
