package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.util.Set;

/**
 * EventBridge's API as the edge's JSON 1.1 codec calls it ({@code X-Amz-Target: AWSEvents.<Operation>}):
 * input and output are JSON trees keyed by the model's member names; errors are
 * {@link ServiceException}s with EventBridge's codes (all 400 but InternalException).
 */
public interface EventsApi {

    /** The botocore model of this API, a resource of this module. */
    String MODEL = "dev/lamina/eventbridge/api/events.json";

    /** The operations answered; the codec answers others as unknown. */
    Set<String> operations();

    /** The IAM resource an operation with this input acts on: the rule's or the bus's ARN, or {@code *}. */
    String resource(String operation, ObjectNode input);

    JsonNode handle(String operation, ObjectNode input) throws ServiceException;
}
