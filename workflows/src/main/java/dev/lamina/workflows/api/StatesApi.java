package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.util.Set;

/**
 * Step Functions' API as the edge's JSON 1.0 codec calls it ({@code X-Amz-Target: AWSStepFunctions.<Operation>}):
 * input and output are JSON trees keyed by the model's member names; errors are
 * {@link ServiceException}s with Step Functions' codes ({@link dev.lamina.workflows.StatesErrors}).
 */
public interface StatesApi {

    /** The botocore model of this API, a resource of this module. */
    String MODEL = "dev/lamina/workflows/api/stepfunctions.json";

    /** The operations answered; the codec answers others as unknown. */
    Set<String> operations();

    /** The IAM resource an operation with this input acts on (the machine's, execution's or activity's ARN), or {@code *}. */
    String resource(String operation, ObjectNode input);

    JsonNode handle(String operation, ObjectNode input) throws ServiceException;
}
